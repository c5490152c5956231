package org.watchroom.core.playback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Up to four cameras' recordings played together at one time: one {@link PlaybackClock}, one
 * {@link RecordingReader} per camera, each on its own {@link ClipPlayer} thread. Every player paces its frames by
 * the shared clock, so they show the same moment however fast each one decodes; one that falls behind seeks ahead
 * to the clock instead of holding the others back, and a camera with no footage at that moment holds its last
 * picture until its footage goes on; when all of them are in a gap, {@link #skipCommonGap} moves the clock on to the
 * first footage after it. Play, pause, seek, speed and frame steps go to all of them. One camera alone is played
 * with a clock of its own, which does not wait through the gaps in its recording.
 *
 * <p>Thread-safety: the control methods are for one thread (the FX thread); the players' listeners are called on
 * their own threads.
 */
public final class SyncedPlayers implements AutoCloseable {
    public static final int MAX = 4;
    /** Time the players get to seek before the clock runs, so they start together rather than catch up. */
    private static final long LEAD_NANOS = 150_000_000;

    /** One camera of the group. */
    public record Member(String name, Recordings recordings) { }

    private final List<ClipPlayer> players = new ArrayList<>();
    private final PlaybackClock clock;
    private long position; // the group's moment while paused, micros since the epoch
    private boolean playing;
    private double speed = 1;

    /**
     * Opens each member's recording at {@code at} (within [{@code from}, {@code to}] when given) on a player of its
     * own; {@code listeners} and {@code readerListeners} give each member's listeners by index.
     */
    public SyncedPlayers(List<Member> members, Instant at, Instant from, Instant to,
                         IntFunction<ClipPlayer.Listener> listeners, IntFunction<RecordingReader.Listener> readerListeners) {
        if (members.isEmpty() || members.size() > MAX) {
            throw new IllegalArgumentException("Between 1 and " + MAX + " cameras play together, not " + members.size() + ".");
        }
        clock = members.size() == 1 ? null : new PlaybackClock();
        position = RecordingReader.micros(at);
        if (clock != null) {
            clock.anchor(System.nanoTime(), position);
        }
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            RecordingReader.Listener heard = readerListeners.apply(i);
            players.add(ClipPlayer.of("recording-player " + m.name(),
                    () -> RecordingReader.open(m.recordings(), at, from, to, m.name(), heard), listeners.apply(i), clock));
        }
    }

    /** The players, in the members' order. */
    public List<ClipPlayer> players() { return List.copyOf(players); }

    public boolean playing() { return playing; }

    public double speed() { return speed; }

    /** The moment the group shows: the clock's while playing, else where it was paused, sought or stepped to. */
    public Instant time() {
        if (clock == null) {
            long p = players.getFirst().positionMicros();
            return RecordingReader.instant(p >= 0 ? p : position);
        }
        return RecordingReader.instant(playing ? clock.microsAt(System.nanoTime()) : position);
    }

    public void play() {
        if (clock != null) {
            clock.anchor(System.nanoTime() + LEAD_NANOS, position);
        }
        playing = true;
        players.forEach(ClipPlayer::play);
    }

    public void pause() {
        if (clock != null && playing) {
            position = clock.microsAt(System.nanoTime());
        }
        playing = false;
        players.forEach(ClipPlayer::pause);
    }

    public void toggle() {
        if (playing) {
            pause();
        } else {
            play();
        }
    }

    /** Every camera shows {@code t} (or its next recorded moment); playing goes on from there. */
    public void seek(Instant t) {
        position = RecordingReader.micros(t);
        if (clock != null) {
            clock.anchor(System.nanoTime() + LEAD_NANOS, position);
        }
        long micros = position;
        players.forEach(p -> p.seek(micros));
    }

    /** The speed factor, clamped to 0.25-16. */
    public void speed(double factor) {
        speed = Math.max(ClipPlayer.MIN_SPEED, Math.min(ClipPlayer.MAX_SPEED, factor));
        if (clock != null) {
            clock.speed(System.nanoTime(), speed);
        }
        double s = speed;
        players.forEach(p -> p.speed(s));
    }

    /** Pauses every camera and moves each {@code frames} frames (1 forward, -1 back). */
    public void step(int frames) {
        pause();
        ClipFormat format = players.getFirst().format();
        position += frames * (format == null ? 100_000 : format.frameMicros());
        players.forEach(p -> p.step(frames));
    }

    /**
     * When every camera still playing waits for footage more than {@link ClipPlayer#GAP_MICROS} after the clock's
     * time (they are all in a gap), moves the clock to the earliest of their next frames and wakes them, so the
     * group does not sit through the gap in real time. Cheap; the view asks once per screen pulse.
     *
     * @return whether the clock jumped
     */
    public boolean skipCommonGap() {
        if (clock == null || !playing) {
            return false;
        }
        long now = System.nanoTime();
        long earliest = Long.MAX_VALUE;
        for (ClipPlayer p : players) {
            if (p.state() instanceof PlayerState.Ended || p.state() instanceof PlayerState.Failed) {
                continue; // nothing more to come from it
            }
            long next = p.nextFrameMicros();
            if (next < 0) {
                return false; // decoding, or not playing yet
            }
            earliest = Math.min(earliest, next);
        }
        if (earliest == Long.MAX_VALUE || earliest - clock.microsAt(now) <= ClipPlayer.GAP_MICROS) {
            return false;
        }
        clock.anchor(now, earliest);
        double s = speed;
        players.forEach(p -> p.speed(s)); // a command wakes each player to look at the clock again
        return true;
    }

    /** Pictures fit in {@code width x height} pixels (each camera's tile). */
    public void requestSize(int width, int height) {
        players.forEach(p -> p.requestSize(width, height));
    }

    /** Whether any player thread is still alive (for leak checks). */
    public boolean running() {
        return players.stream().anyMatch(ClipPlayer::running);
    }

    @Override
    public void close() {
        players.forEach(ClipPlayer::close);
    }
}
