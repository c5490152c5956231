package org.watchroom.core.camera.internal;

import java.util.concurrent.locks.LockSupport;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Holds back packets of a file or lavfi source until their presentation time, so that footage plays at its
 * native rate like a live camera (FFmpeg ignores {@code -re} on input). Falls back to a fresh anchor when
 * decoding falls more than a second behind instead of bursting to catch up.
 *
 * <p>Thread-safety: ingest thread only.
 */
public final class Pacer {
    private static final long NO_ANCHOR = Long.MIN_VALUE;
    private long anchorNanos = NO_ANCHOR;

    /** Forget the timeline, e.g. after a reconnect or a loop back to the start. */
    public void reset() { anchorNanos = NO_ANCHOR; }

    /** Sleeps until the packet with timestamp {@code ts} (in units of {@code num/den} s) is due. */
    public void await(long ts, int num, int den) {
        if (ts == avutil.AV_NOPTS_VALUE || den == 0) {
            return;
        }
        long tsNanos = (long) (ts * 1e9 * num / den);
        long now = System.nanoTime();
        if (anchorNanos == NO_ANCHOR) {
            anchorNanos = now - tsNanos;
            return;
        }
        long wait = anchorNanos + tsNanos - now;
        if (wait < -1_000_000_000L || wait > 10_000_000_000L) {
            anchorNanos = now - tsNanos;
        } else if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
