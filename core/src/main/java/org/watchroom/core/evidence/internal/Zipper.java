package org.watchroom.core.evidence.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zips a package folder with the folder's name as the zip's top folder, so unzipping gives the same package.
 * The fastest deflate level: clips (most of the bytes) are H.264 and hardly compress anyway.
 *
 * <p>Thread-safety: stateless.
 */
public final class Zipper {
    private Zipper() {
    }

    /** Writes {@code zip} (a new file) from {@code folder}, reading the source bytes through {@code transfer}. */
    public static void zip(Path folder, Path zip, String topFolder, Transfer transfer) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip, StandardOpenOption.CREATE_NEW))) {
            out.setLevel(Deflater.BEST_SPEED);
            for (Path file : files) {
                transfer.checkCancelled();
                String name = topFolder + "/" + folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                ZipEntry entry = new ZipEntry(name);
                entry.setLastModifiedTime(Files.getLastModifiedTime(file));
                out.putNextEntry(entry);
                try (InputStream in = Files.newInputStream(file)) {
                    OutputStream counted = transfer.counted(nonClosing(out));
                    in.transferTo(counted);
                }
                out.closeEntry();
            }
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
                // the zip stream stays open for the next entry
            }
        };
    }
}
