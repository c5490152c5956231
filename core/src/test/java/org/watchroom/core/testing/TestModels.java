package org.watchroom.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the offline model mirror ({@code ../shared/models} beside the checkout, set by Surefire as
 * {@code watchroom.models}, or {@code $WATCHROOM_MODELS}). Tests never download.
 */
public final class TestModels {
    private TestModels() {
    }

    public static Path mirror() {
        String env = System.getenv("WATCHROOM_MODELS");
        Path dir = Path.of(env != null ? env : System.getProperty("watchroom.models", "../shared/models"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Model mirror folder not found: " + dir.toAbsolutePath()
                    + ". Put the shared models beside the checkout or set WATCHROOM_MODELS.");
        }
        return dir.toAbsolutePath().normalize();
    }

    public static Path file(String name) {
        Path file = mirror().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Model mirror file missing: " + file);
        }
        return file;
    }
}
