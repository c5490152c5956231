package org.watchroom.core.store;

import java.time.Instant;
import java.util.Locale;

/**
 * A hole in a camera's recording, and why: gaps are facts, stored and drawn on the timeline.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id        row id
 * @param cameraId  the camera
 * @param startedAt when recording stopped
 * @param endedAt   when it resumed, or null while the gap lasts
 * @param reason    why
 * @param detail    words for people (the camera's error, the disk alert), or null
 */
public record RecordingGap(long id, long cameraId, Instant startedAt, Instant endedAt, Reason reason, String detail) {

    /** Why a camera's recording has a hole. */
    public enum Reason {
        /** The camera sent nothing (unreachable, stalled, refused). */
        OFFLINE,
        /** Recording paused: too little free space. */
        PAUSED,
        /** Watchroom was not running (found at start-up). */
        ENGINE_DOWN,
        /** The segment writer could not keep up and dropped packets (a stalled disk). */
        DROPPED;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Reason parse(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public boolean open() {
        return endedAt == null;
    }
}
