package org.watchroom.app.review;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.playback.ClipPlayer;
import org.watchroom.core.playback.FrameExchange;
import org.watchroom.core.playback.Landing;
import org.watchroom.core.playback.PlayerState;
import org.watchroom.core.playback.RecordingReader;
import org.watchroom.core.playback.Recordings;
import org.watchroom.core.playback.SyncedPlayers;

/**
 * Playing cameras' recordings at a moment picked on the timeline: one camera, or up to four together (2×2) at one
 * time ({@link SyncedPlayers}: one clock, one reader per camera). Each tile says where its seek landed when that is
 * not the moment asked for (a gap: the next recorded moment, and why). "Back to live" closes the players and hands
 * the first camera to the window, which shows it live.
 *
 * <p>Thread-safety: FX thread only (the players' callbacks come back through the {@link TaskExecutor}).
 */
public final class RecordingViewModel implements AutoCloseable {
    /** A camera to play. */
    public record Camera(long id, String name) { }

    /** One camera's tile: its name, where its last seek landed (or why it cannot play), its player's state. */
    public static final class Tile {
        private final Camera camera;
        private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
        private final ReadOnlyObjectWrapper<PlayerState> state = new ReadOnlyObjectWrapper<>(PlayerState.STOPPED);

        Tile(Camera camera) { this.camera = camera; }

        public Camera camera() { return camera; }

        /** Empty while it shows the moment asked for; else the landing or the failure, in words. */
        public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

        public ReadOnlyObjectProperty<PlayerState> stateProperty() { return state.getReadOnlyProperty(); }
    }

    public static final List<Double> SPEEDS = ReviewViewModel.SPEEDS;
    private final LongFunction<Recordings> recordings;
    private final TaskExecutor executor;
    private final ZoneId zone;
    private final ObservableList<Tile> tiles = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Instant> time = new ReadOnlyObjectWrapper<>();
    private final DoubleProperty speed = new SimpleDoubleProperty(1);
    private Consumer<List<Camera>> onLive = cameras -> { };
    private SyncedPlayers group;
    private int session;
    private int width;
    private int height;

    /** @param recordings a camera's recording by camera id (the workstation's database, or an archive's copy) */
    public RecordingViewModel(LongFunction<Recordings> recordings, TaskExecutor executor, ZoneId zone) {
        this.recordings = recordings;
        this.executor = executor;
        this.zone = zone;
        speed.subscribe(s -> {
            if (group != null) {
                group.speed(s.doubleValue());
            }
        });
    }

    /** Plays {@code cameras} (one to four) at {@code at}, paused on the first picture; replaces what played. */
    public void play(List<Camera> cameras, Instant at) {
        closeGroup();
        int mine = ++session;
        List<Tile> made = new ArrayList<>();
        List<SyncedPlayers.Member> members = new ArrayList<>();
        for (Camera c : cameras) {
            made.add(new Tile(c));
            members.add(new SyncedPlayers.Member(c.name(), recordings.apply(c.id())));
        }
        tiles.setAll(made);
        time.set(at);
        group = new SyncedPlayers(members, at, null, null, i -> new PlayerNews(mine, made.get(i)),
                i -> new ReaderNews(mine, made.get(i)));
        group.speed(speed.get());
        if (width > 0 && height > 0) {
            group.requestSize(width, height);
        }
        active.set(true);
        playing.set(false);
    }

    /** Hands a player's news to the FX thread; drops news of players replaced since. */
    private final class PlayerNews implements ClipPlayer.Listener {
        private final int mine;
        private final Tile tile;

        PlayerNews(int mine, Tile tile) {
            this.mine = mine;
            this.tile = tile;
        }

        @Override
        public void stateChanged(PlayerState next) {
            executor.onUiThread(() -> {
                if (mine == session) {
                    tile.state.set(next);
                    if (next instanceof PlayerState.Failed failed) {
                        tile.message.set(failed.reason());
                    }
                    playing.set(tiles.stream().anyMatch(t -> t.state.get() instanceof PlayerState.Playing));
                }
            });
        }
    }

    /** Where a tile's seek landed, in words, on the FX thread. */
    private final class ReaderNews implements RecordingReader.Listener {
        private final int mine;
        private final Tile tile;

        ReaderNews(int mine, Tile tile) {
            this.mine = mine;
            this.tile = tile;
        }

        @Override
        public void landed(Landing landing) {
            String text = landing.describe(zone);
            executor.onUiThread(() -> {
                if (mine == session) {
                    tile.message.set(text);
                }
            });
        }
    }

    /**
     * The newest picture of tile {@code index} since the last call, or null; the view calls this once per pulse per
     * tile. Allocation-free.
     */
    public FrameExchange.Frame pollFrame(int index) {
        if (group == null || index >= group.players().size()) {
            return null;
        }
        return group.players().get(index).frames().takeNewest();
    }

    /**
     * Once per pulse: jumps over a gap all the cameras are in, and moves {@link #timeProperty()} when the group's
     * moment moved by a tenth of a second.
     */
    public void pulse() {
        if (group == null) {
            return;
        }
        group.skipCommonGap();
        Instant now = group.time();
        Instant shown = time.get();
        if (shown == null || Duration.between(shown, now).abs().toMillis() >= 100) {
            time.set(now);
        }
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    public void play() {
        if (group != null) {
            group.play();
            playing.set(true);
        }
    }

    public void pause() {
        if (group != null) {
            group.pause();
            playing.set(false);
        }
    }

    /** Every camera shows {@code t}. */
    public void seek(Instant t) {
        if (group != null) {
            tiles.forEach(tile -> tile.message.set(""));
            group.seek(t);
            time.set(t);
        }
    }

    /** Pauses and moves one frame: +1 forward, -1 back. */
    public void step(int frames) {
        if (group != null) {
            group.step(frames);
            playing.set(false);
        }
    }

    /** Pictures fit in this many pixels (one tile's size). */
    public void requestSize(int width, int height) {
        this.width = width;
        this.height = height;
        if (group != null) {
            group.requestSize(width, height);
        }
    }

    /** What "Back to live" does with the cameras that were playing (the window shows them live). */
    public void setOnLive(Consumer<List<Camera>> action) { onLive = action == null ? c -> { } : action; }

    /** Stops playing the recording and goes back to the live picture of its cameras. */
    public void backToLive() {
        List<Camera> cameras = tiles.stream().map(Tile::camera).toList();
        closeGroup();
        tiles.clear();
        active.set(false);
        time.set(null);
        onLive.accept(cameras);
    }

    /** Stops playing (the pane shows the selected alert again), without going to the live picture. */
    public void stopPlaying() {
        session++;
        closeGroup();
        tiles.clear();
        active.set(false);
        time.set(null);
    }

    public ObservableList<Tile> tiles() { return tiles; }

    /** Whether a recording is being played (the pane shows it instead of the selected alert). */
    public ReadOnlyBooleanProperty activeProperty() { return active.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty playingProperty() { return playing.getReadOnlyProperty(); }

    /** The moment shown (all tiles show it; a tile in a gap holds its last picture); null when nothing plays. */
    public ReadOnlyObjectProperty<Instant> timeProperty() { return time.getReadOnlyProperty(); }

    /** Playback speed factor, one of {@link #SPEEDS}. */
    public DoubleProperty speedProperty() { return speed; }

    public ZoneId zone() { return zone; }

    /** The players, for tests and leak checks; null when nothing plays. */
    public SyncedPlayers group() { return group; }

    /** Closes the players off the FX thread: each joins its thread, which may be opening a segment on a slow disk. */
    private void closeGroup() {
        if (group != null) {
            SyncedPlayers old = group;
            group = null;
            executor.run(old::close, () -> { }, failure -> { });
        }
        playing.set(false);
    }

    /** Closes the players and waits for their threads (the window is closing). */
    @Override
    public void close() {
        session++;
        if (group != null) {
            SyncedPlayers old = group;
            group = null;
            old.close();
        }
        playing.set(false);
        tiles.clear();
        active.set(false);
        time.set(null);
    }
}
