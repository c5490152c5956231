package org.watchroom.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.watchroom.core.digest.Sha256;

/** Every file and folder under a root with its size, modification time and SHA-256: equal strings, untouched tree. */
public final class FolderFingerprint {
    private FolderFingerprint() {
    }

    public static String of(Path root) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted().toList()) {
                out.append(root.relativize(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis());
                if (Files.isRegularFile(p)) {
                    out.append(' ').append(Files.size(p)).append(' ').append(Sha256.of(p));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Copies a folder tree (file times included). */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
