package org.watchroom.core.record;

import java.time.Duration;

/**
 * How a camera's clips are cut.
 *
 * @param preRoll seconds kept before an event starts (the clip begins at the keyframe at or before that point)
 * @param postRoll seconds kept after the last open event of a clip ends
 * @param maxPackets hard cap on the packets the pre-roll ring holds (oldest dropped and counted beyond it)
 * @param maxBytes hard cap on the bytes the pre-roll ring holds (oldest dropped and counted beyond it)
 * @param maxClip a clip still open after this long is closed (and hashed) at the next keyframe, and the events still
 *                running go on in a new clip: under continuous activity no clip grows without end
 */
public record RecordSettings(Duration preRoll, Duration postRoll, int maxPackets, long maxBytes, Duration maxClip) {

    /** 5 s pre-roll, 10 s post-roll, at most 4096 packets or 64 MiB in the ring, clips of at most 10 minutes. */
    public static RecordSettings defaults() {
        return new RecordSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 4096, 64L << 20,
                Duration.ofMinutes(10));
    }

    public RecordSettings {
        if (preRoll.isNegative() || postRoll.isNegative()) {
            throw new IllegalArgumentException("pre-roll and post-roll must not be negative");
        }
        if (maxPackets < 2 || maxBytes < 1) {
            throw new IllegalArgumentException("the ring needs room for at least two packets");
        }
        if (maxClip.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a clip must be allowed at least one second");
        }
    }

    public RecordSettings withPreRoll(Duration value) {
        return new RecordSettings(value, postRoll, maxPackets, maxBytes, maxClip);
    }

    public RecordSettings withPostRoll(Duration value) {
        return new RecordSettings(preRoll, value, maxPackets, maxBytes, maxClip);
    }

    public RecordSettings withCaps(int packets, long bytes) {
        return new RecordSettings(preRoll, postRoll, packets, bytes, maxClip);
    }

    public RecordSettings withMaxClip(Duration value) {
        return new RecordSettings(preRoll, postRoll, maxPackets, maxBytes, value);
    }
}
