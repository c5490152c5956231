package org.watchroom.core.record;

import java.time.Duration;

/**
 * How a camera's clips are cut.
 *
 * @param preRoll seconds kept before an event starts (the clip begins at the keyframe at or before that point)
 * @param postRoll seconds kept after the last open event of a clip ends
 * @param maxPackets hard cap on the packets the pre-roll ring holds (oldest dropped and counted beyond it)
 * @param maxBytes hard cap on the bytes the pre-roll ring holds (oldest dropped and counted beyond it)
 */
public record RecordSettings(Duration preRoll, Duration postRoll, int maxPackets, long maxBytes) {

    /** 5 s pre-roll, 10 s post-roll, at most 4096 packets or 64 MiB in the ring. */
    public static RecordSettings defaults() {
        return new RecordSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 4096, 64L << 20);
    }

    public RecordSettings {
        if (preRoll.isNegative() || postRoll.isNegative()) {
            throw new IllegalArgumentException("pre-roll and post-roll must not be negative");
        }
        if (maxPackets < 2 || maxBytes < 1) {
            throw new IllegalArgumentException("the ring needs room for at least two packets");
        }
    }

    public RecordSettings withPreRoll(Duration value) {
        return new RecordSettings(value, postRoll, maxPackets, maxBytes);
    }

    public RecordSettings withPostRoll(Duration value) {
        return new RecordSettings(preRoll, value, maxPackets, maxBytes);
    }

    public RecordSettings withCaps(int packets, long bytes) {
        return new RecordSettings(preRoll, postRoll, packets, bytes);
    }
}
