package org.watchroom.core.record;

import java.time.Duration;

/**
 * How a camera's continuous recording is cut and buffered.
 *
 * <p>Thread-safety: immutable.
 *
 * @param segment      a segment is cut at the first keyframe at least this far (media time) into it
 * @param queuePackets most packets waiting for the segment writer (the ingest thread never waits: beyond this the
 *                     recorder drops up to the next keyframe; see {@link SegmentRecorder})
 * @param queueBytes   most packet bytes waiting for the segment writer
 * @param maxDrift     while a connection lasts, segment start times follow the stream's own timestamps (so that
 *                     consecutive segments join exactly); when they have drifted further than this from the wall
 *                     clock the next segment starts at its arrival time instead. Null: never (files played
 *                     faster than real time, in tests and benchmarks)
 * @param motionOnly   keep only segments with motion in or near them (mode {@code motion}); the others are deleted
 * @param preRoll      motion mode: footage kept before motion starts (the segment that ends less than this before
 *                     motion is kept too)
 * @param postRoll     motion mode: footage kept after motion ends (the segment that starts less than this after
 *                     the last motion is kept too)
 */
public record SegmentSettings(Duration segment, int queuePackets, long queueBytes, Duration maxDrift,
                              boolean motionOnly, Duration preRoll, Duration postRoll) {

    /** 1,024 packets (34 s at 30 fps) or 64 MiB (20 s of a 25 Mbit/s 4K stream). */
    public static final int DEFAULT_QUEUE_PACKETS = 1024;
    public static final long DEFAULT_QUEUE_BYTES = 64L << 20;

    public SegmentSettings {
        if (segment.compareTo(Duration.ofMillis(500)) < 0) {
            throw new IllegalArgumentException("a segment must be at least half a second long");
        }
        if (queuePackets < 2 || queueBytes < 1) {
            throw new IllegalArgumentException("the segment queue needs room for at least two packets");
        }
        if (maxDrift != null && maxDrift.isNegative()) {
            throw new IllegalArgumentException("drift must not be negative");
        }
        if (preRoll.isNegative() || postRoll.isNegative()) {
            throw new IllegalArgumentException("motion pre- and post-roll must not be negative");
        }
    }

    /** Continuous, {@code segment} long, the default queue, re-anchored after 2 s of drift. */
    public static SegmentSettings continuous(Duration segment) {
        return new SegmentSettings(segment, DEFAULT_QUEUE_PACKETS, DEFAULT_QUEUE_BYTES, Duration.ofSeconds(2), false,
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** The settings a camera's {@link RecordingPolicy} asks for (motion with 5 s before and 10 s after). */
    public static SegmentSettings of(RecordingPolicy policy) {
        return continuous(Duration.ofSeconds(policy.segmentSeconds()))
                .withMotionOnly(policy.mode() == RecordingPolicy.Mode.MOTION);
    }

    public SegmentSettings withQueue(int packets, long bytes) {
        return new SegmentSettings(segment, packets, bytes, maxDrift, motionOnly, preRoll, postRoll);
    }

    public SegmentSettings withMaxDrift(Duration drift) {
        return new SegmentSettings(segment, queuePackets, queueBytes, drift, motionOnly, preRoll, postRoll);
    }

    public SegmentSettings withMotionOnly(boolean on) {
        return new SegmentSettings(segment, queuePackets, queueBytes, maxDrift, on, preRoll, postRoll);
    }

    public SegmentSettings withMotionRoll(Duration before, Duration after) {
        return new SegmentSettings(segment, queuePackets, queueBytes, maxDrift, motionOnly, before, after);
    }
}
