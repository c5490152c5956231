package org.watchroom.app.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.watchroom.core.playback.Landing;
import org.watchroom.core.store.RecordingGap;

/**
 * The hover text of a gap in a camera's recording: why, from when to when, how long.
 *
 * <p>Thread-safety: stateless.
 */
final class GapText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private GapText() {
    }

    /** {@code gap} in local time in {@code zone}; a gap that goes on ends {@code now}. */
    static String describe(RecordingGap gap, Instant now, ZoneId zone) {
        Instant end = gap.endedAt() != null ? gap.endedAt() : now;
        Duration d = Duration.between(gap.startedAt(), end);
        String length = d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min"
                : d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : Math.max(0, d.toSeconds()) + " s";
        boolean sameDay = gap.startedAt().atZone(zone).toLocalDate().equals(end.atZone(zone).toLocalDate());
        String from = (sameDay ? TIME : DAY_TIME).format(gap.startedAt().atZone(zone));
        String to = gap.endedAt() == null ? "now" : (sameDay ? TIME : DAY_TIME).format(end.atZone(zone));
        String reason = Landing.reason(gap);
        return "Not recorded: " + reason.substring(0, 1).toUpperCase(Locale.ROOT) + reason.substring(1)
                + "\n" + from + " – " + to + " (" + length + ")";
    }
}
