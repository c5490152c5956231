package org.watchroom.core.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A time typed on the command line: ISO-8601 with a zone ({@code 2026-03-01T02:14:00Z},
 * {@code 2026-03-01T02:14+01:00}, {@code 2026-03-01T02:14+01:00[Europe/Paris]}) or without one, which is local time
 * in the given zone ({@code 2026-03-01T02:14}, {@code 2026-03-01 02:14:30.5}, {@code 2026-03-01} = its midnight).
 *
 * <p>Thread-safety: stateless.
 */
final class TimeArgument {
    /** What the options' help says, so that every command explains times the same way. */
    static final String HELP = "ISO-8601, e.g. 2026-03-01T02:14 (local time) or 2026-03-01T02:14:00Z / +01:00; "
            + "a date alone is its midnight";

    private TimeArgument() {
    }

    /** {@code text} as an instant; {@code option} names it in the error. */
    static Instant parse(String option, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(option + " needs a time (" + HELP + ").");
        }
        String t = text.strip();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        try {
            return ZonedDateTime.parse(t, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant();
        } catch (DateTimeException notZoned) {
            // next form
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException notOffset) {
            // next form
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeException notLocal) {
            // next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + ": " + Inputs.quote(text)
                    + " is not a time; use " + HELP + ".");
        }
    }

    /** The zone named by {@code --time-zone}, or this machine's. */
    static ZoneId zone(String name) {
        if (name == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(name.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Unknown time zone " + Inputs.quote(name) + " (use e.g. Europe/Berlin or UTC).");
        }
    }
}
