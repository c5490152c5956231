package org.watchroom.app.wall;

import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.CameraStats;
import org.watchroom.core.engine.LiveCamera;

/**
 * What one wall tile shows about its camera: name, state badge (LIVE / CONNECTING / RECONNECTING in Ns /
 * OFFLINE with reason) and fps. Plain JavaFX properties, testable without a Stage.
 *
 * <p>Thread-safety: FX thread only (state changes arrive through the task executor).
 */
public final class TileViewModel {
    /** Badge colour classes, matched in watchroom.css. */
    public enum Tone { LIVE, WAITING, TROUBLE, OFFLINE }

    private final LiveCamera camera;
    private final ObjectProperty<CameraState> state;
    private final ReadOnlyStringWrapper badge = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper fps = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Tone> tone = new SimpleObjectProperty<>(Tone.WAITING);

    public TileViewModel(LiveCamera camera) {
        this.camera = camera;
        this.state = new SimpleObjectProperty<>(camera.display().state());
        state.addListener((obs, old, now) -> refresh(Instant.now()));
        refresh(Instant.now());
    }

    public LiveCamera camera() { return camera; }

    public long cameraId() { return camera.camera().id(); }

    public String name() { return camera.camera().name(); }

    public CameraSource displaySource() { return camera.display(); }

    public ObjectProperty<CameraState> stateProperty() { return state; }

    public ReadOnlyStringProperty badgeProperty() { return badge.getReadOnlyProperty(); }

    public ReadOnlyStringProperty fpsProperty() { return fps.getReadOnlyProperty(); }

    public ObjectProperty<Tone> toneProperty() { return tone; }

    /** Recomputes countdowns and fps; the wall calls it once a second. */
    public void refresh(Instant now) {
        CameraState current = state.get();
        badge.set(badgeText(current, now));
        tone.set(switch (current) {
            case CameraState.Live live -> Tone.LIVE;
            case CameraState.Connecting connecting -> Tone.WAITING;
            case CameraState.Stalled stalled -> Tone.TROUBLE;
            case CameraState.Reconnecting reconnecting -> Tone.TROUBLE;
            case CameraState.Stopped stopped -> Tone.OFFLINE;
            case CameraState.Failed failed -> Tone.OFFLINE;
        });
        CameraStats stats = camera.display().stats();
        fps.set(current instanceof CameraState.Live ? String.format("%.0f fps", stats.decodedFps()) : "");
    }

    static String badgeText(CameraState state, Instant now) {
        return switch (state) {
            case CameraState.Live live -> "LIVE";
            case CameraState.Connecting connecting -> "CONNECTING";
            case CameraState.Stalled stalled -> "STALLED";
            case CameraState.Reconnecting r -> "RECONNECTING in "
                    + Math.max(0, (Duration.between(now, r.nextRetryAt()).toMillis() + 999) / 1000) + "s";
            case CameraState.Stopped stopped -> "OFFLINE";
            case CameraState.Failed failed -> "OFFLINE: " + failed.reason();
        };
    }
}
