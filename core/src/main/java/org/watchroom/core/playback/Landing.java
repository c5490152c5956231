package org.watchroom.core.playback;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.watchroom.core.store.RecordingGap;

/**
 * Where a seek into a recording landed, and whether that is the moment asked for.
 *
 * <p>Thread-safety: immutable.
 *
 * @param asked  the moment asked for
 * @param landed wall time of the frame shown
 * @param kind   how the two relate
 * @param gap    the stored gap that holds {@code asked} (why there is no footage then), or null
 * @param unreadable why the footage recorded at {@code asked} cannot be read (its file is missing, or in an archive
 *                   folder that cannot be reached), or null
 */
public record Landing(Instant asked, Instant landed, Kind kind, RecordingGap gap, String unreadable) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A landing with nothing unreadable at the moment asked for. */
    public Landing(Instant asked, Instant landed, Kind kind, RecordingGap gap) {
        this(asked, landed, kind, gap, null);
    }

    /** How the frame shown relates to the moment asked for. */
    public enum Kind {
        /** The frame on screen at that moment. */
        EXACT,
        /** Nothing was recorded then: the next recorded moment. */
        AFTER_GAP,
        /** Nothing was recorded then or since: the last recorded moment before it. */
        LAST_BEFORE
    }

    public boolean exact() {
        return kind == Kind.EXACT;
    }

    /** One line for people, or empty when the frame shown is the moment asked for. */
    public String describe(ZoneId zone) {
        if (kind == Kind.EXACT) {
            return "";
        }
        String at = TIME.format(asked.atZone(zone));
        String to = TIME.format(landed.atZone(zone));
        if (gap == null && unreadable != null) {
            return "The footage recorded at " + at + " cannot be read (" + unreadable + "): "
                    + (kind == Kind.AFTER_GAP ? "playing from the next readable moment, " : "showing the last readable "
                    + "moment before it, ") + to + ".";
        }
        String why = gap == null ? "" : " (" + reason(gap) + ")";
        return kind == Kind.AFTER_GAP
                ? "Nothing recorded at " + at + why + ": playing from the next recorded moment, " + to + "."
                : "Nothing recorded at " + at + " or since" + why + ": showing the last recorded moment, " + to + ".";
    }

    /** Why a gap is there, in words. */
    public static String reason(RecordingGap gap) {
        String text = switch (gap.reason()) {
            case OFFLINE -> "camera offline";
            case PAUSED -> "recording paused, disk nearly full";
            case ENGINE_DOWN -> "Watchroom was not running";
            case DROPPED -> "the disk could not keep up";
        };
        return gap.detail() == null || gap.detail().isBlank() ? text : text + ": " + gap.detail();
    }

    /** How long the jump forward was. */
    public Duration skipped() {
        return Duration.between(asked, landed);
    }
}
