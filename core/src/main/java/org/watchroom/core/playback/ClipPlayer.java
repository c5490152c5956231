package org.watchroom.core.playback;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.watchroom.core.playback.internal.Pacing;

/**
 * Plays one clip, or any other {@link FrameSource} (a camera's recording across its segments:
 * {@link RecordingReader}), on its own platform thread: play/pause, speed 0.25x to 16x paced by the frames'
 * timestamps against the wall clock (late frames are decoded but not scaled or shown, so high speeds drop frames
 * instead of falling behind), accurate seek and single-frame steps. Pictures go to {@link #frames()} scaled to the
 * size asked for; the viewer takes them from there. A missing or damaged file ends in {@link PlayerState.Failed}
 * with a reason in words, never an exception to the caller. A jump forward of more than {@link #GAP_MICROS} between
 * two frames (a gap in a recording) is not waited out, unless the player shares its {@link PlaybackClock} with
 * others: then it holds its last frame until the shared clock reaches the next one, as the other cameras play on.
 *
 * <p>Thread-safety: the control methods may be called from any thread (they queue a command for the player
 * thread); the {@link Listener} is called on the player thread.
 */
public final class ClipPlayer implements AutoCloseable {
    public static final double MIN_SPEED = 0.25;
    public static final double MAX_SPEED = 16;
    /**
     * A jump between frames longer than this (or than four frames of a slow camera) is a gap in the footage, not
     * something to wait for in real time.
     */
    public static final long GAP_MICROS = 1_000_000;

    /** Hears what the player does; called on the player thread, so hand over to the UI thread there. */
    public interface Listener {
        default void opened(ClipFormat format) { }

        default void stateChanged(PlayerState state) { }

        /** A new picture was published to {@link #frames()} (every shown frame: keep this cheap). */
        default void positionChanged(long micros) { }
    }

    /** Opens what the player plays, on the player thread; throws {@link ClipException} saying why it cannot. */
    @FunctionalInterface
    public interface Opener {
        FrameSource open();
    }

    private sealed interface Command { }

    private record Play() implements Command { }

    private record Pause() implements Command { }

    private record Speed(double factor) implements Command { }

    private record Seek(long micros) implements Command { }

    private record Step(int frames) implements Command { }

    private record Resize(int width, int height) implements Command { }

    private record Close() implements Command { }

    private final Path file;
    private final Opener opener;
    private final Listener listener;
    private final FrameExchange frames = new FrameExchange();
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile PlayerState state = PlayerState.STOPPED;
    private volatile ClipFormat format;
    private volatile long position = -1;
    private volatile long droppedFrames;
    /** Time of the frame decoded and waiting to be shown, -1 when there is none. */
    private volatile long aheadMicros = -1;
    private final Pacing pacing;
    private int boxWidth;
    private int boxHeight;
    // player thread only
    private FrameSource reader;
    private boolean decodedAhead;
    private long dueNanos;
    private long lastDecoded = -1;

    /** Starts the player thread, which opens {@code file} and shows its first frame (paused). */
    public ClipPlayer(Path file, Listener listener) {
        this(file, "clip-player " + file.getFileName(), () -> ClipReader.open(file), listener, null);
    }

    private ClipPlayer(Path file, String threadName, Opener opener, Listener listener, PlaybackClock shared) {
        this.file = file;
        this.opener = opener;
        this.listener = listener;
        this.pacing = shared == null ? new Pacing() : new Pacing(shared);
        this.thread = Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    /**
     * Starts a player thread named {@code threadName} that plays what {@code opener} opens there (and shows its
     * first frame, paused). With a {@code shared} clock it is paced by that clock, which its owner moves
     * ({@link SyncedPlayers}); null: a clock of its own.
     */
    public static ClipPlayer of(String threadName, Opener opener, Listener listener, PlaybackClock shared) {
        return new ClipPlayer(null, threadName, opener, listener, shared);
    }

    /** Where the pictures are published. */
    public FrameExchange frames() { return frames; }

    public PlayerState state() { return state; }

    /** The clip's format once opened (for a recording: of the segment shown), else null. */
    public ClipFormat format() { return format; }

    /** Clip time of the last shown frame in microseconds, -1 before the first. */
    public long positionMicros() { return position; }

    /**
     * Time of the next frame while playing: decoded and waiting for its moment; -1 when none waits (decoding,
     * paused, ended). What a group of players looks at to jump over a gap they are all in.
     */
    public long nextFrameMicros() { return aheadMicros; }

    /** Frames decoded but not shown because they were late (high speeds). */
    public long droppedFrames() { return droppedFrames; }

    /** The clip file played, or null when the player plays something else (a recording). */
    public Path file() { return file; }

    public void play() { commands.add(new Play()); }

    public void pause() { commands.add(new Pause()); }

    /** Plays if paused or ended, pauses if playing. */
    public void toggle() {
        if (state instanceof PlayerState.Playing) {
            pause();
        } else {
            play();
        }
    }

    /** Sets the speed factor, clamped to 0.25-16. */
    public void speed(double factor) {
        commands.add(new Speed(Math.max(MIN_SPEED, Math.min(MAX_SPEED, factor))));
    }

    /** Shows the frame at {@code micros}; keeps playing if it was. Quick successive seeks (scrubbing) coalesce. */
    public void seek(long micros) { commands.add(new Seek(micros)); }

    /** Pauses and moves {@code frames} frames (1 forward, -1 back). */
    public void step(int frames) { commands.add(new Step(frames)); }

    /** Pictures fit in {@code width x height} pixels from now on (the clip's aspect ratio is kept). */
    public void requestSize(int width, int height) {
        if (width > 0 && height > 0) {
            commands.add(new Resize(width, height));
        }
    }

    /** Stops the thread and frees the decoder; waits up to two seconds for it. */
    @Override
    public void close() {
        commands.add(new Close());
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the player thread is still alive (for leak checks). */
    public boolean running() { return thread.isAlive(); }

    private void run() {
        try {
            reader = opener.open();
            format = reader.format();
            listener.opened(format);
            show();
            setState(PlayerState.PAUSED);
            loop();
        } catch (ClipException e) {
            setState(new PlayerState.Failed(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            setState(new PlayerState.Failed("The clip cannot be played: " + e.getMessage()));
        } finally {
            if (reader != null) {
                reader.close();
            }
            if (!(state instanceof PlayerState.Failed)) {
                setState(PlayerState.STOPPED);
            }
        }
    }

    private void loop() throws InterruptedException {
        while (true) {
            Command command;
            if (!(state instanceof PlayerState.Playing)) {
                command = commands.take();
            } else if (!decodedAhead) {
                command = commands.poll();
                if (command == null) {
                    decodeAhead();
                    continue;
                }
            } else {
                long wait = dueNanos - System.nanoTime();
                command = wait > 0 ? commands.poll(wait, TimeUnit.NANOSECONDS) : commands.poll();
                if (command == null) {
                    showOrDrop();
                    continue;
                }
            }
            if (command instanceof Close) {
                return;
            }
            apply(command);
        }
    }

    /** The frame decoded ahead, if any, will not be shown at its time (shown now, stepped over, or sought away). */
    private void dropAhead() {
        decodedAhead = false;
        aheadMicros = -1;
    }

    private void decodeAhead() {
        if (!reader.next()) {
            setState(PlayerState.ENDED); // also a clip still being written: its end so far
            return;
        }
        decodedAhead = true;
        long at = reader.positionMicros();
        aheadMicros = at;
        long before = lastDecoded;
        lastDecoded = at;
        if (!pacing.shared() && before >= 0 && at - before > Math.max(GAP_MICROS, 4 * reader.format().frameMicros())) {
            anchor(); // a gap in the recording: go on with the footage after it at once
        }
        dueNanos = pacing.due(at);
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // one writer, the player thread; volatile for the readers
    private void showOrDrop() {
        long now = System.nanoTime();
        dropAhead();
        if (pacing.drop(dueNanos, now, format.frameMicros())) {
            droppedFrames++;
        } else {
            show();
        }
        if (pacing.farBehind(dueNanos, now)) {
            if (pacing.shared()) {
                // the others play on by the shared clock: catch up with it rather than hold them all back
                reader.seek(pacing.clock().microsAt(now) + format.frameMicros());
                show();
            } else {
                anchor();
            }
        }
    }

    private void apply(Command command) {
        switch (command) {
            case Play p -> {
                if (state instanceof PlayerState.Ended) {
                    reader.seek(reader.startMicros());
                    show();
                }
                anchor();
                setState(new PlayerState.Playing(pacing.speed()));
            }
            case Pause p -> {
                if (decodedAhead) {
                    show();
                    dropAhead();
                }
                if (state instanceof PlayerState.Playing) {
                    setState(PlayerState.PAUSED);
                }
            }
            case Speed s -> {
                pacing.speed(s.factor());
                if (state instanceof PlayerState.Playing) {
                    anchor();
                    dueNanos = System.nanoTime(); // the frame decoded ahead, if any, shows now
                    setState(new PlayerState.Playing(s.factor()));
                }
            }
            case Seek s -> {
                long target = s.micros();
                while (commands.peek() instanceof Seek later) { // scrubbing: only the newest matters
                    commands.poll();
                    target = later.micros();
                }
                reader.seek(target);
                dropAhead();
                show();
                anchor();
                if (state instanceof PlayerState.Ended) {
                    setState(PlayerState.PAUSED);
                }
            }
            case Step s -> {
                dropAhead(); // the frame decoded ahead was never shown: stepping forward shows it
                boolean moved = s.frames() >= 0 ? stepForward(s.frames()) : stepBack(-s.frames());
                show();
                setState(moved || s.frames() < 0 ? PlayerState.PAUSED : PlayerState.ENDED);
            }
            case Resize r -> {
                boxWidth = r.width();
                boxHeight = r.height();
                if (!(state instanceof PlayerState.Playing)) {
                    show(); // repaint the frame in hand at the new size
                }
            }
            case Close c -> { }
        }
    }

    private boolean stepForward(int count) {
        boolean moved = false;
        for (int i = 0; i < count; i++) {
            moved |= reader.next();
        }
        return moved;
    }

    private boolean stepBack(int count) {
        boolean moved = false;
        for (int i = 0; i < count; i++) {
            moved |= reader.stepBack();
        }
        return moved;
    }

    private void anchor() {
        pacing.anchor(System.nanoTime(), reader.positionMicros());
    }

    /** Scales the frame in hand into the back buffer and publishes it. */
    private void show() {
        ClipFormat f = reader.format(); // a recording's segments may change size
        format = f;
        int width = f.width();
        int height = f.height();
        if (boxWidth > 0 && boxHeight > 0) {
            double scale = Math.min(boxWidth / (double) f.width(), boxHeight / (double) f.height());
            width = Math.max(2, (int) Math.round(f.width() * scale));
            height = Math.max(2, (int) Math.round(f.height() * scale));
        }
        FrameExchange.Frame back = frames.back(width, height);
        reader.scaleInto(back.pixels(), width, height);
        long pts = reader.positionMicros();
        lastDecoded = pts;
        frames.publish(pts);
        position = pts;
        pacing.shown(System.nanoTime());
        listener.positionChanged(pts);
    }

    private void setState(PlayerState next) {
        if (!next.equals(state)) {
            state = next;
            listener.stateChanged(next);
        }
    }
}
