package org.watchroom.core.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.watchroom.core.digest.Sha256;

/**
 * Unpacks an evidence .zip, once, for everything that reads it (verify, offline review), so that what is checked is
 * exactly what is shown. A zip can hold two versions of a name (its entry list and its entries can disagree); one
 * with a name twice, an entry that would land outside the target ("zip slip"), too many entries or too many bytes is
 * refused.
 *
 * <p>Thread-safety: stateless.
 */
public final class PackageZip {
    static final long MAX_BYTES = 16L << 30;
    static final int MAX_ENTRIES = 200_000;

    /**
     * What was unpacked.
     *
     * @param root   the folder holding {@code manifest.json}: the target itself or its one top folder
     * @param stray  the first unpacked file outside {@code root}, if any (a package zip has none)
     * @param sha256 the hash of every unpacked file, taken while writing it (so verifying reads nothing again)
     */
    public record Unpacked(Path root, Optional<String> stray, Map<Path, String> sha256) {
        public Unpacked {
            sha256 = Map.copyOf(sha256);
        }
    }

    private PackageZip() {
    }

    public static Unpacked unpack(Path zip, Path target) {
        try {
            Path root = Files.createDirectories(target).toAbsolutePath().normalize();
            Set<String> names = new HashSet<>();
            Map<Path, String> hashes = new HashMap<>();
            long total = 0;
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    Path out = root.resolve(entry.getName()).normalize();
                    if (!out.startsWith(root) || out.equals(root)) {
                        throw new EvidenceException(zip + " has an entry that points outside the package: " + entry.getName());
                    }
                    if (!names.add(root.relativize(out).toString()) || names.size() > MAX_ENTRIES) {
                        throw new EvidenceException(names.size() > MAX_ENTRIES ? zip + " has more than " + MAX_ENTRIES
                                + " entries; refused." : zip + " holds " + entry.getName() + " twice; refused.");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                        continue;
                    }
                    Files.createDirectories(out.getParent());
                    long allowed = MAX_BYTES - total;
                    Sha256.Copied copied;
                    try (var os = Files.newOutputStream(out)) {
                        copied = Sha256.copy(in, os, allowed);
                    }
                    if (copied.bytes() > allowed) {
                        throw new EvidenceException("The package unpacks to more than " + (MAX_BYTES >> 30) + " GiB; refused.");
                    }
                    total += copied.bytes();
                    hashes.put(out, copied.sha256());
                }
            }
            Path packageRoot = packageRoot(zip, root);
            return new Unpacked(packageRoot, packageRoot.equals(root) ? Optional.empty() : stray(root, packageRoot), hashes);
        } catch (IOException e) {
            throw new EvidenceException("Cannot unpack " + zip + ": " + e.getMessage(), e);
        }
    }

    private static Path packageRoot(Path zip, Path root) throws IOException {
        if (Files.isRegularFile(root.resolve(Manifest.FILE_NAME))) {
            return root;
        }
        try (var children = Files.list(root)) {
            var withManifest = children.filter(p -> Files.isRegularFile(p.resolve(Manifest.FILE_NAME))).sorted().toList();
            if (withManifest.isEmpty()) {
                throw new EvidenceException(zip + " holds no " + Manifest.FILE_NAME + "; is it a Watchroom evidence package?");
            }
            return withManifest.getFirst();
        }
    }

    /** The first thing next to the package folder, by name: a package zip holds nothing but its folder. */
    private static Optional<String> stray(Path root, Path packageRoot) throws IOException {
        try (var children = Files.list(root)) {
            return children.filter(p -> !p.equals(packageRoot)).map(p -> root.relativize(p).toString()).sorted().findFirst();
        }
    }
}
