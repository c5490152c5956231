package org.watchroom.core.playback.internal;

import org.watchroom.core.playback.PlaybackClock;

/**
 * When each frame is due on the wall clock at a playback speed, and which late frames to drop. Time starts
 * again ({@link #anchor}) at play, seek and speed changes, and when playback fell so far behind that catching
 * up would be a burst of frames. A player paced by a shared {@link PlaybackClock} (several cameras played
 * together) never moves that clock itself: whoever drives the group does, and a player that falls behind
 * catches up by seeking, not by restarting the clock for everyone.
 *
 * <p>Thread-safety: one thread (the player's). Times are {@link System#nanoTime()} values passed in, so tests
 * can drive it.
 */
public final class Pacing {
    /** A late frame is still shown when nothing was shown for this long, so the picture never freezes. */
    static final long MIN_SHOW_INTERVAL_NANOS = 100_000_000;
    /** Behind by more than this: start the clock again instead of rushing. */
    static final long REANCHOR_NANOS = 500_000_000;
    private final PlaybackClock clock;
    private final boolean shared;
    private long lastShownNanos = Long.MIN_VALUE / 2;

    /** Paced by a clock of its own. */
    public Pacing() {
        this.clock = new PlaybackClock();
        this.shared = false;
    }

    /** Paced by {@code shared}, which others move. */
    public Pacing(PlaybackClock shared) {
        this.clock = shared;
        this.shared = true;
    }

    /** Whether the clock is shared with other players (then {@link #anchor} and {@link #speed} leave it alone). */
    public boolean shared() { return shared; }

    public PlaybackClock clock() { return clock; }

    public void speed(double factor) {
        if (!shared) {
            clock.speedKeepingAnchor(factor);
        }
    }

    public double speed() { return clock.speed(); }

    /** Clip time {@code micros} plays at wall time {@code nowNanos}. */
    public void anchor(long nowNanos, long micros) {
        if (!shared) {
            clock.anchor(nowNanos, micros);
        }
    }

    /** Wall time at which the frame at clip time {@code micros} is due. */
    public long due(long micros) {
        return clock.due(micros);
    }

    /** Whether a frame due at {@code dueNanos} is too late to be worth scaling and showing at {@code nowNanos}. */
    public boolean drop(long dueNanos, long nowNanos, long frameMicros) {
        long frameNanos = (long) (frameMicros * 1000 / clock.speed());
        return nowNanos - dueNanos > frameNanos && nowNanos - lastShownNanos < MIN_SHOW_INTERVAL_NANOS;
    }

    /** Whether the player is so far behind that it should {@link #anchor} again (or, shared, seek ahead). */
    public boolean farBehind(long dueNanos, long nowNanos) {
        return nowNanos - dueNanos > REANCHOR_NANOS;
    }

    /** A frame was shown at {@code nowNanos}. */
    public void shown(long nowNanos) { lastShownNanos = nowNanos; }
}
