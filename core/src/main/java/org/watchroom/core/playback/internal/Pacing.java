package org.watchroom.core.playback.internal;

/**
 * When each frame is due on the wall clock at a playback speed, and which late frames to drop. Time starts
 * again ({@link #anchor}) at play, seek and speed changes, and when playback fell so far behind that catching
 * up would be a burst of frames.
 *
 * <p>Thread-safety: one thread (the player's). Times are {@link System#nanoTime()} values passed in, so tests
 * can drive it.
 */
public final class Pacing {
    /** A late frame is still shown when nothing was shown for this long, so the picture never freezes. */
    static final long MIN_SHOW_INTERVAL_NANOS = 100_000_000;
    /** Behind by more than this: start the clock again instead of rushing. */
    static final long REANCHOR_NANOS = 500_000_000;
    private double speed = 1;
    private long anchorNanos;
    private long anchorMicros;
    private long lastShownNanos = Long.MIN_VALUE / 2;

    public void speed(double factor) { speed = factor; }

    public double speed() { return speed; }

    /** Clip time {@code micros} plays at wall time {@code nowNanos}. */
    public void anchor(long nowNanos, long micros) {
        anchorNanos = nowNanos;
        anchorMicros = micros;
    }

    /** Wall time at which the frame at clip time {@code micros} is due. */
    public long due(long micros) {
        return anchorNanos + (long) ((micros - anchorMicros) * 1000 / speed);
    }

    /** Whether a frame due at {@code dueNanos} is too late to be worth scaling and showing at {@code nowNanos}. */
    public boolean drop(long dueNanos, long nowNanos, long frameMicros) {
        long frameNanos = (long) (frameMicros * 1000 / speed);
        return nowNanos - dueNanos > frameNanos && nowNanos - lastShownNanos < MIN_SHOW_INTERVAL_NANOS;
    }

    /** Whether the player is so far behind that it should {@link #anchor} again. */
    public boolean farBehind(long dueNanos, long nowNanos) {
        return nowNanos - dueNanos > REANCHOR_NANOS;
    }

    /** A frame was shown at {@code nowNanos}. */
    public void shown(long nowNanos) { lastShownNanos = nowNanos; }
}
