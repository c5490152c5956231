package org.watchroom.core.engine;

import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.store.RetentionPolicy;

/**
 * How the engine records event clips.
 *
 * @param enabled whether events get clips at all
 * @param clips pre-roll, post-roll and ring caps
 * @param minFreeBytes no new clip starts while less than this is free on the clip folder's disk
 * @param retention how long unconfirmed evidence is kept and how much clip space it may take (run hourly)
 */
public record RecordingOptions(boolean enabled, RecordSettings clips, long minFreeBytes, RetentionPolicy retention) {
    /** Clips on, 5 s pre-roll, 10 s post-roll, stop below 1 GiB free, keep unconfirmed evidence 30 days. */
    public static RecordingOptions defaults() {
        return new RecordingOptions(true, RecordSettings.defaults(), 1L << 30, new RetentionPolicy(30, 0));
    }

    public static RecordingOptions off() {
        return new RecordingOptions(false, RecordSettings.defaults(), 0, new RetentionPolicy(30, 0));
    }

    public RecordingOptions withMinFreeBytes(long bytes) {
        return new RecordingOptions(enabled, clips, bytes, retention);
    }

    public RecordingOptions withClips(RecordSettings settings) {
        return new RecordingOptions(enabled, settings, minFreeBytes, retention);
    }

    public RecordingOptions withRetention(RetentionPolicy policy) {
        return new RecordingOptions(enabled, clips, minFreeBytes, policy);
    }
}
