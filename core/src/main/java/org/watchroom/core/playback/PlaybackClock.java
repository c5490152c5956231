package org.watchroom.core.playback;

/**
 * Media time against the wall clock at a speed: media time {@code micros} plays at {@link System#nanoTime()}
 * {@link #due due(micros)}. One player owns one; players that must show one moment together (2×2 review of
 * several cameras, {@link SyncedPlayers}) share one, so each paces its own frames by the same clock and none
 * drifts from the others however its decoder keeps up.
 *
 * <p>Thread-safety: thread-safe. The anchor is one immutable value swapped whole (readers never see half an
 * update); writers are serialised by the monitor.
 */
public final class PlaybackClock {
    /** Media time {@code micros} plays at {@code nanos}, advancing {@code speed} times real time. */
    private record Anchor(long nanos, long micros, double speed) { }

    // written under this, read without it
    private volatile Anchor anchor = new Anchor(0, 0, 1);

    /** Media time {@code micros} plays at wall time {@code nowNanos} from now on. */
    public synchronized void anchor(long nowNanos, long micros) {
        anchor = new Anchor(nowNanos, micros, anchor.speed());
    }

    /** Changes the speed from {@code nowNanos} on, continuing from the media time the clock shows then. */
    public synchronized void speed(long nowNanos, double factor) {
        anchor = new Anchor(nowNanos, microsAt(nowNanos), factor);
    }

    /** Changes the speed and keeps the anchor as it is (the next {@link #anchor} decides where time stands). */
    public synchronized void speedKeepingAnchor(double factor) {
        Anchor a = anchor;
        anchor = new Anchor(a.nanos(), a.micros(), factor);
    }

    public double speed() { return anchor.speed(); }

    /** Wall time ({@link System#nanoTime()}) at which media time {@code micros} is due. */
    public long due(long micros) {
        Anchor a = anchor;
        return a.nanos() + (long) ((micros - a.micros()) * 1000 / a.speed());
    }

    /** The media time the clock shows at wall time {@code nowNanos}. */
    public long microsAt(long nowNanos) {
        Anchor a = anchor;
        return a.micros() + (long) ((nowNanos - a.nanos()) * a.speed() / 1000);
    }
}
