package org.watchroom.core.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a user's database, clips, logs and config live: XDG on Linux ({@code $XDG_DATA_HOME/watchroom} or
 * {@code ~/.local/share/watchroom}), {@code %APPDATA%\Watchroom} on Windows,
 * {@code ~/Library/Application Support/Watchroom} on macOS. {@code --data-dir} overrides.
 *
 * <p>Thread-safety: stateless.
 */
public final class DataDirectory {
    private DataDirectory() {
    }

    /**
     * The data folder of the recorder service the Linux packages install ({@code /var/lib/watchroom}; the system
     * property {@code watchroom.service.dir} names another, for tests and for an installation that moved it).
     */
    public static Path service() {
        return Path.of(System.getProperty("watchroom.service.dir", "/var/lib/watchroom")).toAbsolutePath();
    }

    public static Path resolve(Path override) {
        return override != null ? override.toAbsolutePath()
                : standard(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path standard(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("Watchroom");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/Watchroom");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("watchroom");
    }
}
