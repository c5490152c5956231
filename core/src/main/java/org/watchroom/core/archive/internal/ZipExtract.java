package org.watchroom.core.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.watchroom.core.archive.ArchiveException;

/**
 * Unpacks an evidence .zip into the session folder. Entries that would land outside it ("zip slip") are refused,
 * and the total size is capped so that a zip bomb fills no disk.
 *
 * <p>Thread-safety: stateless.
 */
public final class ZipExtract {
    static final long MAX_BYTES = 64L << 30;

    private ZipExtract() {
    }

    /** Unpacks {@code zip}; returns the folder holding {@code manifest.json} (the zip's root or its one top folder). */
    public static Path into(Path zip, Path target) throws IOException {
        Path root = Files.createDirectories(target).toAbsolutePath().normalize();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    throw new ArchiveException(zip + " has an entry that points outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                total += copy(in, out, MAX_BYTES - total);
            }
        }
        if (Files.isRegularFile(root.resolve(EvidenceImport.MANIFEST))) {
            return root;
        }
        try (var children = Files.list(root)) {
            return children.filter(p -> Files.isRegularFile(p.resolve(EvidenceImport.MANIFEST))).findFirst()
                    .orElseThrow(() -> new ArchiveException(zip + " is not an evidence package: it has no "
                            + EvidenceImport.MANIFEST + "."));
        }
    }

    private static long copy(InputStream in, Path out, long allowed) throws IOException {
        long n = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var os = Files.newOutputStream(out)) {
            for (int r; (r = in.read(buffer)) > 0; ) {
                n += r;
                if (n > allowed) {
                    throw new ArchiveException("The package unpacks to more than " + (MAX_BYTES >> 30) + " GiB; refused.");
                }
                os.write(buffer, 0, r);
            }
        }
        return n;
    }
}
