package org.watchroom.core.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.watchroom.core.store.SettingsStore;

/**
 * Where and whether the REST API listens, as stored in the {@code settings} table ({@code api.enabled},
 * {@code api.bind}, {@code api.port}, {@code api.cors_origins}, comma-separated) with the command line's
 * overrides on top.
 *
 * <p>Thread-safety: immutable.
 *
 * @param enabled     whether the server starts at all
 * @param bind        address to listen on; loopback by default, so nothing outside the machine can reach it
 * @param port        TCP port; 0 picks a free one (printed at start)
 * @param corsOrigins browser origins allowed to call it; empty (the default) turns CORS off
 */
public record ApiSettings(boolean enabled, String bind, int port, List<String> corsOrigins) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ApiSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("The API port must be between 0 and 65535, not " + port + ".");
        }
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("The API bind address must not be empty.");
        }
        corsOrigins = List.copyOf(corsOrigins);
    }

    public static ApiSettings defaults() {
        return new ApiSettings(true, DEFAULT_BIND, DEFAULT_PORT, List.of());
    }

    /** The stored settings; a stored value that cannot be read is a clear error, not a silent default. */
    public static ApiSettings load(SettingsStore settings) {
        boolean enabled = settings.get("api.enabled").map(v -> parseBoolean("api.enabled", v)).orElse(true);
        String bind = settings.get("api.bind").orElse(DEFAULT_BIND);
        int port = settings.get("api.port").map(ApiSettings::parsePort).orElse(DEFAULT_PORT);
        List<String> cors = settings.get("api.cors_origins").map(v -> Arrays.stream(v.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
        return new ApiSettings(enabled, bind, port, cors);
    }

    /** Stores these settings. */
    public void save(SettingsStore settings) {
        settings.put("api.enabled", Boolean.toString(enabled));
        settings.put("api.bind", bind);
        settings.put("api.port", Integer.toString(port));
        settings.put("api.cors_origins", String.join(",", corsOrigins));
    }

    /** These settings with the command line's choices where it made one (null = not given). */
    public ApiSettings override(String newBind, Integer newPort, boolean off) {
        return new ApiSettings(enabled && !off, newBind == null ? bind : newBind, newPort == null ? port : newPort,
                corsOrigins);
    }

    /** Reads a stored or typed {@code true}/{@code false} for setting {@code name}; anything else is a clear error. */
    public static boolean parseBoolean(String name, String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("Setting " + name + " must be true or false, not '" + v + "'.");
        };
    }

    /** Reads a stored or typed port (0–65535); anything else is a clear error. */
    public static int parsePort(String v) {
        int port;
        try {
            port = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting api.port must be a number, not '" + v + "'.");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("The API port must be between 0 and 65535, not " + port + ".");
        }
        return port;
    }
}
