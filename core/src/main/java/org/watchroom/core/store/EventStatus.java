package org.watchroom.core.store;

import java.util.Locale;

/** Review state of an event: new events are pending until an operator confirms or dismisses them. */
public enum EventStatus {
    PENDING, CONFIRMED, DISMISSED;

    /** The value in the {@code status} column and on the command line. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code pending|confirmed|dismissed}, any case; a clear error otherwise. */
    public static EventStatus parse(String text) {
        if (text != null) {
            for (EventStatus s : values()) {
                if (s.dbValue().equalsIgnoreCase(text.strip())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("Event status must be pending, confirmed or dismissed, not '" + text + "'.");
    }
}
