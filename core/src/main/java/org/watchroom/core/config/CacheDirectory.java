package org.watchroom.core.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Watchroom keeps files it can make again (unpacked native libraries, the demo's test card): XDG on Linux
 * ({@code $XDG_CACHE_HOME/watchroom} or {@code ~/.cache/watchroom}), {@code %LOCALAPPDATA%\Watchroom\Cache} on
 * Windows, {@code ~/Library/Caches/Watchroom} on macOS. The system property {@value #PROPERTY} overrides. Nothing
 * in it is evidence: deleting it only costs the time to make it again.
 *
 * <p>Thread-safety: stateless.
 */
public final class CacheDirectory {
    /** System property naming another cache folder. */
    public static final String PROPERTY = "watchroom.cache";

    private CacheDirectory() {
    }

    public static Path resolve() {
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        return standard(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path standard(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData/Local")).resolve("Watchroom").resolve("Cache");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Caches/Watchroom");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache")).resolve("watchroom");
    }
}
