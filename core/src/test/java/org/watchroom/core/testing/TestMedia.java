package org.watchroom.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared test footage (../shared/media beside the checkout, or $WATCHROOM_MEDIA). */
public final class TestMedia {
    private TestMedia() {
    }

    public static Path dir() {
        String env = System.getenv("WATCHROOM_MEDIA");
        Path dir = Path.of(env != null ? env : System.getProperty("watchroom.media", "../shared/media"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Test footage folder not found: " + dir.toAbsolutePath()
                    + ". Put the shared media beside the checkout or set WATCHROOM_MEDIA.");
        }
        return dir.toAbsolutePath().normalize();
    }

    public static Path file(String name) {
        Path file = dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Test footage file missing: " + file);
        }
        return file;
    }
}
