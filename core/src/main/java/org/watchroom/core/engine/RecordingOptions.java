package org.watchroom.core.engine;

import java.time.Duration;
import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.store.RetentionPolicy;

/**
 * How the engine records: event clips and continuous recording.
 *
 * @param enabled whether anything is recorded at all (event clips and segments)
 * @param clips pre-roll, post-roll and ring caps of event clips; their pre- and post-roll also widen the footage
 *              kept around a held event in the continuous recording
 * @param minFreeBytes recording pauses (no new clip or segment) while less than this is free on the data disk
 * @param retention how long unconfirmed evidence is kept and how much clip space it may take (run hourly)
 * @param segmentLength every camera's segments are this long, whatever its own {@code segment_s} (null: the
 *                      camera's; tests and benchmarks use seconds)
 * @param recordingRetentionEvery how often the continuous recording's retention runs per camera (keep days and keep
 *                                size); the free-space reserve is looked at every second
 * @param clipsBesideSegments whether cameras recorded continuously (or on motion) also keep today's event clip files;
 *                            false: an event's footage is its range of the recording (record.EventFootage), cut on
 *                            demand, so the same seconds are not written twice. Cameras in {@code events} mode always
 *                            get clip files.
 */
public record RecordingOptions(boolean enabled, RecordSettings clips, long minFreeBytes, RetentionPolicy retention,
                               Duration segmentLength, Duration recordingRetentionEvery, boolean clipsBesideSegments) {

    /** The first four as before continuous recording; the camera's segment length, retention every minute. */
    public RecordingOptions(boolean enabled, RecordSettings clips, long minFreeBytes, RetentionPolicy retention) {
        this(enabled, clips, minFreeBytes, retention, null, Duration.ofMinutes(1), false);
    }

    public RecordingOptions {
        if (segmentLength != null && segmentLength.compareTo(Duration.ofMillis(500)) < 0) {
            throw new IllegalArgumentException("segments must be at least half a second long");
        }
        if (recordingRetentionEvery.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("retention cannot run more often than ten times a second");
        }
    }

    /** Clips on, 5 s pre-roll, 10 s post-roll, stop below 1 GiB free, keep unconfirmed evidence 30 days. */
    public static RecordingOptions defaults() {
        return new RecordingOptions(true, RecordSettings.defaults(), 1L << 30, new RetentionPolicy(30, 0));
    }

    /** Nothing recorded: no clips, no segments. */
    public static RecordingOptions off() {
        return new RecordingOptions(false, RecordSettings.defaults(), 0, new RetentionPolicy(30, 0));
    }

    public RecordingOptions withMinFreeBytes(long bytes) {
        return new RecordingOptions(enabled, clips, bytes, retention, segmentLength, recordingRetentionEvery,
                clipsBesideSegments);
    }

    public RecordingOptions withClips(RecordSettings settings) {
        return new RecordingOptions(enabled, settings, minFreeBytes, retention, segmentLength, recordingRetentionEvery,
                clipsBesideSegments);
    }

    public RecordingOptions withSegmentLength(Duration length) {
        return new RecordingOptions(enabled, clips, minFreeBytes, retention, length, recordingRetentionEvery,
                clipsBesideSegments);
    }

    public RecordingOptions withRecordingRetentionEvery(Duration every) {
        return new RecordingOptions(enabled, clips, minFreeBytes, retention, segmentLength, every,
                clipsBesideSegments);
    }

    public RecordingOptions withClipsBesideSegments(boolean on) {
        return new RecordingOptions(enabled, clips, minFreeBytes, retention, segmentLength, recordingRetentionEvery,
                on);
    }
}
