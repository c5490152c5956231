package org.watchroom.app.wall;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.LoggerFactory;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.engine.LiveTile;
import org.watchroom.core.engine.LiveWall;

/**
 * What one wall tile shows about its camera: name, state badge (LIVE / CONNECTING / RECONNECTING in Ns /
 * OFFLINE with reason) and fps, from the engine's listing ({@link LiveTile}). Plain JavaFX properties, testable
 * without a Stage.
 *
 * <p>Thread-safety: FX thread only (state changes arrive through the task executor).
 */
public final class TileViewModel {
    /** Badge colour classes, matched in watchroom.css. */
    public enum Tone { LIVE, WAITING, TROUBLE, OFFLINE }

    /** How far back "Replay" starts. */
    public static final Duration REPLAY_BACK = Duration.ofSeconds(30);

    private final LiveWall wall;
    private final TileFrames display;
    private final TaskExecutor executor;
    private LiveTile tile;
    private final ObjectProperty<CameraState> state;
    private final ReadOnlyStringWrapper badge = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper fps = new ReadOnlyStringWrapper("");
    /** Why the camera shows no picture, in full (the badge may be cut short on a small tile); "" while live. */
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");
    /** What the last "Save still" did ("Saved …" or why not); the view shows it for a few seconds. */
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final TileActions actions;
    private final ObjectProperty<Tone> tone = new SimpleObjectProperty<>(Tone.WAITING);
    /** The recorder (another process) does not answer: the badge says so over the camera's last state. */
    private boolean recorderAway;
    private final BooleanProperty overlayVisible = new SimpleBooleanProperty(true);
    private final ReadOnlyLongWrapper flashes = new ReadOnlyLongWrapper();
    private DetectionResult detections;
    private long detectionsReceivedNanos;

    /**
     * @param tile    the camera's run, state and rate as the engine listed them
     * @param display where the tile's pictures come from
     * @param wall    the engine's wall port, for the simulated event (called off the FX thread)
     * @param actions stills and replays, as the window around the wall provides them
     */
    TileViewModel(LiveTile tile, TileFrames display, LiveWall wall, TaskExecutor executor, TileActions actions) {
        this.actions = actions;
        this.tile = tile;
        this.display = display;
        this.wall = wall;
        this.executor = executor;
        this.state = new SimpleObjectProperty<>(tile.state());
        state.addListener((obs, old, now) -> refresh(Instant.now()));
        refresh(Instant.now());
    }

    /** The camera's run as the engine last listed it. */
    public LiveTile tile() { return tile; }

    public long cameraId() { return tile.cameraId(); }

    public String name() { return tile.name(); }

    /** Where the tile's pictures come from outside the focus view. */
    public TileFrames display() { return display; }

    /** The engine's newer listing of the same run: its state and rate. */
    void update(LiveTile now) {
        tile = now;
        recorderAway = false;
        state.set(now.state());
        refresh(Instant.now());
    }

    /** The recorder stopped answering (it restarts, or was stopped): the tile says so until it lists again. */
    void recorderAway() {
        recorderAway = true;
        refresh(Instant.now());
    }

    public ObjectProperty<CameraState> stateProperty() { return state; }

    public ReadOnlyStringProperty badgeProperty() { return badge.getReadOnlyProperty(); }

    public ReadOnlyStringProperty fpsProperty() { return fps.getReadOnlyProperty(); }

    public ObjectProperty<Tone> toneProperty() { return tone; }

    /** The newest detector result for this camera; the overlay fades it out when no newer one comes. */
    public void showDetections(DetectionResult result, long receivedNanos) {
        detections = result;
        detectionsReceivedNanos = receivedNanos;
    }

    public DetectionResult detections() { return detections; }

    public long detectionsReceivedNanos() { return detectionsReceivedNanos; }

    /**
     * Installers' check of the whole chain without waiting for someone to walk by: an event of {@code label}
     * starts now, gets a clip and ends by itself. Asked of the engine off the FX thread.
     */
    public void simulateEvent(String label) {
        long cameraId = tile.cameraId();
        executor.submit(() -> wall.simulateEvent(cameraId, label), started -> { }, failed -> LoggerFactory
                .getLogger(TileViewModel.class).warn("Camera '{}': no simulated event", tile.name(), failed));
    }

    /**
     * Saves the picture the tile shows ({@code bgra}: a copy, packed rows) as a still with the camera's name and the
     * time; {@link #noticeProperty()} says where it went, or why not.
     */
    public void saveStill(byte[] bgra, int width, int height) {
        StillSaver saver = actions.stillSaver();
        if (saver == null) {
            notice.set("Stills cannot be saved here");
            return;
        }
        saver.save(tile.name(), bgra, width, height, Instant.now(), notice::set);
    }

    /** Plays this camera's recording from {@link #REPLAY_BACK} ago (instant replay). */
    public void replay() {
        if (!actions.replay(this, REPLAY_BACK)) {
            notice.set("Nothing to replay here");
        }
    }

    /** What the last still did, for a few seconds on the tile. */
    public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }

    /** Clears the notice once it has been read. */
    public void clearNotice() { notice.set(""); }

    /** A new alert from this camera: the tile flashes (the view animates each increment). */
    public void flash() { flashes.set(flashes.get() + 1); }

    /** How many times the tile was asked to flash. */
    public ReadOnlyLongProperty flashesProperty() { return flashes.getReadOnlyProperty(); }

    /** Per-tile switch for the detection overlay (the wall has a global one too). */
    public BooleanProperty overlayVisibleProperty() { return overlayVisible; }

    /**
     * Overlay opacity for a result {@code ageNanos} old: full for a second, then fading out over half a second,
     * in steps of 0.1 so that a fading overlay is redrawn only a few times.
     */
    public static double overlayOpacity(long ageNanos) {
        if (ageNanos <= 1_000_000_000L) {
            return 1;
        }
        double left = 1 - (ageNanos - 1_000_000_000L) / 500_000_000.0;
        return Math.max(0, Math.round(left * 10) / 10.0);
    }

    /** Recomputes countdowns and fps; the wall calls it once a second. */
    public void refresh(Instant now) {
        CameraState current = state.get();
        if (recorderAway) {
            badge.set("RECORDER RESTARTING");
            reason.set("The recorder does not answer (restarting?); the tile comes back with it.");
            tone.set(Tone.TROUBLE);
            fps.set("");
            return;
        }
        badge.set(badgeText(current, now));
        reason.set(reasonText(current));
        tone.set(switch (current) {
            case CameraState.Live live -> Tone.LIVE;
            case CameraState.Connecting connecting -> Tone.WAITING;
            case CameraState.Stalled stalled -> Tone.TROUBLE;
            case CameraState.Reconnecting reconnecting -> Tone.TROUBLE;
            case CameraState.Stopped stopped -> Tone.OFFLINE;
            case CameraState.Failed failed -> Tone.OFFLINE;
        });
        fps.set(current instanceof CameraState.Live ? String.format(Locale.ROOT, "%.0f fps", tile.decodedFps()) : "");
    }

    /** Why the camera shows no picture, in full, for the tile's tooltip; "" while live or connecting. */
    public ReadOnlyStringProperty reasonProperty() { return reason.getReadOnlyProperty(); }

    static String reasonText(CameraState state) {
        return switch (state) {
            case CameraState.Live live -> "";
            case CameraState.Connecting connecting -> "";
            case CameraState.Stalled stalled -> "Connected, but no picture arrives; it reconnects unless one comes";
            case CameraState.Reconnecting r -> "Reconnecting (attempt " + r.attempt() + ")"
                    + (r.lastError() == null || r.lastError().isBlank() ? "" : ": " + r.lastError());
            case CameraState.Stopped stopped -> "Stopped";
            case CameraState.Failed failed -> failed.reason();
        };
    }

    static String badgeText(CameraState state, Instant now) {
        return switch (state) {
            case CameraState.Live live -> "LIVE";
            case CameraState.Connecting connecting -> "CONNECTING";
            case CameraState.Stalled stalled -> "STALLED";
            case CameraState.Reconnecting r -> "RECONNECTING in "
                    + Math.max(0, (Duration.between(now, r.nextRetryAt()).toMillis() + 999) / 1000) + "s"
                    + (r.lastError() == null || r.lastError().isBlank() ? "" : ": " + r.lastError());
            case CameraState.Stopped stopped -> "OFFLINE";
            case CameraState.Failed failed -> "OFFLINE: " + failed.reason();
        };
    }
}
