package org.watchroom.core.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Folder housekeeping shared by the parts that make scratch folders (self-test, archive sessions, zip checks,
 * half-written exports).
 *
 * <p>Thread-safety: stateless.
 */
public final class Folders {
    private Folders() {
    }

    /**
     * Deletes {@code root} and everything under it, as far as it can (null or absent: nothing to do); links are
     * removed, never followed. Best effort: what cannot be deleted stays, the caller's work goes on.
     */
    public static void deleteQuietly(Path root) {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException stays) {
                    // one file that cannot go does not keep the others
                }
            }
        } catch (IOException | RuntimeException leftOver) {
            // a scratch folder left in the temp folder is harmless
        }
    }
}
