package org.watchroom.core.record;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A cut's progress, told every {@value #PROGRESS_EVERY} packets written in wall-clock milliseconds of the range, and
 * its cancel, polled at every packet.
 *
 * <p>Thread-safety: not thread-safe; confined to the cutting thread (the {@code cancelled} it polls may be set from
 * any thread, as its owner allows).
 */
final class CutProgress {
    private static final int PROGRESS_EVERY = 64;

    private final RangeCutter.Progress progress;
    private final BooleanSupplier cancelled;
    private final long fromUs;
    private final long toUs;

    CutProgress(RangeCutter.Progress progress, BooleanSupplier cancelled, long fromUs, long toUs) {
        this.progress = progress;
        this.cancelled = cancelled;
        this.fromUs = fromUs;
        this.toUs = toUs;
    }

    /** Throws {@link CancellationException} when the cut was cancelled. */
    void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cut cancelled");
        }
    }

    /** {@code packets} written so far, the last one decoded at {@code wallDtsUs}. */
    void written(long packets, long wallDtsUs) {
        if (packets % PROGRESS_EVERY == 0) {
            progress.update(Math.max(0, wallDtsUs - fromUs) / 1000, (toUs - fromUs) / 1000);
        }
    }

    /** The whole range is done. */
    void done() {
        progress.update((toUs - fromUs) / 1000, (toUs - fromUs) / 1000);
    }
}
