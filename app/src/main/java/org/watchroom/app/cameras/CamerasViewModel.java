package org.watchroom.app.cameras;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.ConnectionTester;
import org.watchroom.core.engine.EngineControl;
import org.watchroom.core.engine.LiveTile;
import org.watchroom.core.engine.Suppression;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraCatalog;

/**
 * The cameras dialog: the stored cameras and the actions on them. Every store call runs through the
 * {@link TaskExecutor} (off the FX thread); after a change the engine reloads so the wall follows.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class CamerasViewModel {
    private final CameraCatalog store;
    private final EngineControl engine;
    private final Session session;
    private final TaskExecutor executor;
    private final ObservableList<Camera> cameras = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    /** The engine's running cameras and their states (the wall's listing), for the Status column. */
    private final ObjectProperty<List<LiveTile>> running = new SimpleObjectProperty<>(List.of());

    public CamerasViewModel(CameraCatalog store, EngineControl engine, Session session, TaskExecutor executor) {
        this.store = store;
        this.engine = engine;
        this.session = session;
        this.executor = executor;
        load();
    }

    public ObservableList<Camera> cameras() { return cameras; }

    /** The engine's running cameras with their states; the window binds it to the wall's listing. */
    public ObjectProperty<List<LiveTile>> runningProperty() { return running; }

    /** What the Status column says of {@code camera} now. */
    public String status(Camera camera) {
        return status(camera, running.get());
    }

    /**
     * "disabled", "not running" (enabled, but the engine runs the demo or waits for its first administrator), or the
     * running camera's state with its reason ("live", "reconnecting: connection refused", "offline: 401 …").
     */
    static String status(Camera camera, List<LiveTile> running) {
        if (!camera.enabled()) {
            return "disabled";
        }
        return running.stream().filter(t -> t.cameraId() == camera.id()).findFirst().map(t -> switch (t.state()) {
            case CameraState.Live live -> "live";
            case CameraState.Connecting connecting -> "connecting";
            case CameraState.Stalled stalled -> "stalled: no picture arrives";
            case CameraState.Reconnecting r -> "reconnecting" + (r.lastError() == null || r.lastError().isBlank() ? ""
                    : ": " + r.lastError());
            case CameraState.Stopped stopped -> "offline";
            case CameraState.Failed failed -> "offline: " + failed.reason();
        }).orElse("not running");
    }

    /** The last error or confirmation, for the dialog's message line. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public void load() {
        executor.submit(() -> store.list(), cameras::setAll, this::fail);
    }

    public void save(CameraFormViewModel form) {
        Camera camera = form.toCamera();
        executor.submit(() -> {
            // of the event rules only the thresholds are edited here: the rest is kept as stored (suppressions and
            // zones may have changed meanwhile)
            Operator by = session.acting(Permission.CONFIGURE_CAMERAS);
            String stored = form.isNew() ? camera.eventRules()
                    : store.find(camera.id()).map(Camera::eventRules).orElse(camera.eventRules());
            String rules = stored;
            try {
                EventRuleConfig before = EventRuleConfig.parse(stored);
                EventRuleConfig after = form.withThresholds(before);
                rules = after.equals(before) ? stored : after.toJson();
            } catch (IllegalArgumentException e) {
                // broken rules stay as they are (the engine says why events are off); the rest is saved
            }
            Camera saved = form.isNew() ? store.add(camera.withEventRules(rules), by)
                    : store.update(camera.withEventRules(rules), by);
            engine.reload();
            return saved;
        }, saved -> {
            message.set("Saved " + saved.name() + ".");
            load();
        }, this::fail);
    }

    public void remove(Camera camera) {
        executor.submit(() -> {
            store.remove(camera.id(), session.acting(Permission.CONFIGURE_CAMERAS));
            engine.reload();
            return camera;
        }, removed -> {
            message.set("Removed " + removed.name() + ".");
            load();
        }, this::fail);
    }

    public void setEnabled(Camera camera, boolean enabled) {
        executor.submit(() -> {
            Camera current = store.find(camera.id()).orElse(camera); // not the table's possibly stale row
            Camera saved = store.update(current.withEnabled(enabled), session.acting(Permission.CONFIGURE_CAMERAS));
            engine.reload();
            return saved;
        }, saved -> {
            message.set(saved.name() + (saved.enabled() ? " enabled." : " disabled."));
            load();
        }, this::fail);
    }

    /** Re-reads the form's camera's suppression regions (e.g. after an S in the alerts). */
    public void loadSuppressions(CameraFormViewModel form) {
        if (form.isNew()) {
            return;
        }
        executor.submit(() -> store.find(form.cameraId()).map(Camera::eventRules).orElse("{}"),
                form::setSuppressions, this::fail);
    }

    /** Removes one suppression region from the camera's event rules; the running camera follows at once. */
    public void removeSuppression(CameraFormViewModel form, Suppression suppression) {
        executor.submit(() -> {
            engine.removeSuppression(suppression.cameraId(), suppression.label(), suppression.region(),
                    session.acting(Permission.EDIT_RULES));
            return store.find(suppression.cameraId()).map(Camera::eventRules).orElse("{}");
        }, rules -> {
            form.setSuppressions(rules);
            message.set("Removed the suppression of " + suppression.describe() + ".");
            load();
        }, this::fail);
    }

    /** The zone and mask editor for the form's (stored) camera. */
    public ZoneEditorViewModel zoneEditor(CameraFormViewModel form) {
        return new ZoneEditorViewModel(store, engine, session, executor, form, this);
    }

    /** Opens the camera once off the FX thread and reports a thumbnail or the reason. */
    public void testConnection(CameraFormViewModel form, Consumer<ConnectionTester.Result> onResult) {
        executor.submit(() -> ConnectionTester.test(form.urlToTest(), form.rtspTransportProperty().get(),
                        Duration.ofSeconds(10)), onResult,
                e -> onResult.accept(ConnectionTester.Result.failed(e.getMessage())));
    }

    private void fail(Throwable e) {
        message.set(e.getMessage() == null ? e.toString() : e.getMessage());
    }
}
