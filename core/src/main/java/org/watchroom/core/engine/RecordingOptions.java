package org.watchroom.core.engine;

import org.watchroom.core.record.RecordSettings;

/**
 * How the engine records event clips.
 *
 * @param enabled whether events get clips at all
 * @param clips pre-roll, post-roll and ring caps
 * @param minFreeBytes no new clip starts while less than this is free on the clip folder's disk
 */
public record RecordingOptions(boolean enabled, RecordSettings clips, long minFreeBytes) {
    /** Clips on, 5 s pre-roll, 10 s post-roll, stop below 1 GiB free. */
    public static RecordingOptions defaults() {
        return new RecordingOptions(true, RecordSettings.defaults(), 1L << 30);
    }

    public static RecordingOptions off() {
        return new RecordingOptions(false, RecordSettings.defaults(), 0);
    }

    public RecordingOptions withMinFreeBytes(long bytes) {
        return new RecordingOptions(enabled, clips, bytes);
    }

    public RecordingOptions withClips(RecordSettings settings) {
        return new RecordingOptions(enabled, settings, minFreeBytes);
    }
}
