package org.watchroom.core.api;

import org.watchroom.core.settings.ApiSettings;

/**
 * What the command line says about the REST API ({@code --api-bind}, {@code --api-port}, {@code --no-api}) on
 * top of the stored {@link ApiSettings}; null means "as stored".
 *
 * <p>Thread-safety: immutable.
 */
public record ApiOverrides(String bind, Integer port, boolean off) {
    /** No API at all (embedded uses such as UI tests). */
    public static final ApiOverrides OFF = new ApiOverrides(null, null, true);
    /** The stored settings as they are. */
    public static final ApiOverrides NONE = new ApiOverrides(null, null, false);

    public ApiOverrides {
        if (port != null && (port < 0 || port > 65_535)) {
            throw new IllegalArgumentException("--api-port must be between 0 and 65535 (0 picks a free port)");
        }
        if (bind != null && bind.isBlank()) {
            throw new IllegalArgumentException("--api-bind must name an address, e.g. 127.0.0.1");
        }
    }

    /** The stored settings with these overrides applied. */
    public ApiSettings apply(ApiSettings stored) {
        return stored.override(bind, port, off);
    }
}
