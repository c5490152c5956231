package org.watchroom.app.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.engine.EngineControl;
import org.watchroom.core.engine.EnginePorts;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraCatalog;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;

/**
 * The alerts list beside the wall: events matching the filters (pending ones by default), newest first, the
 * pending counter, the selected alert and keyboard triage — confirm, dismiss, undo of the last action, bulk
 * dismiss. Follows the engine and other reviewers through the event bus. The next pending alert is selected
 * as soon as one is reviewed (before the database answers), so a guard can press C, D, C… as fast as they read.
 *
 * <p>What the view binds to is here; the work is done by its parts: {@link AlertFilters} (the filters and their
 * query), {@link AlertList} (the list kept in step with the store, the selection), {@link AlertTriage} (reviews in
 * flight, undo, suppress) and {@link NewAlertSound} (the chime).
 *
 * <p>Thread-safety: FX thread only; store calls run through the {@link TaskExecutor}, bus events come back
 * through it.
 */
public final class AlertsViewModel {

    private final CameraCatalog store;
    private final TaskExecutor executor;
    private final Session session;
    private final ErrorText error = new ErrorText();
    private final AlertFilters filters = new AlertFilters();
    private final AlertList list;
    private final AlertTriage triage;
    private final NewAlertSound sound = new NewAlertSound();
    private final ObservableSet<Long> fresh = FXCollections.observableSet();
    private final ObservableList<Camera> cameras = FXCollections.observableArrayList();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    public AlertsViewModel(EnginePorts engine, Session session, TaskExecutor executor) {
        this.store = engine.cameras();
        this.session = session;
        this.executor = executor;
        var events = engine.events();
        InFlightReviews inFlight = new InFlightReviews();
        list = new AlertList(events, executor, filters, inFlight, error);
        EngineControl control = engine.control();
        triage = new AlertTriage(control, store, engine.reviews(), session, executor, list, inFlight, error);
        var bus = engine.bus();
        subscriptions.add(bus.subscribe(WatchroomEvent.EventStarted.class, e -> executor.onUiThread(() -> {
            fresh.add(e.eventId());
            sound.newAlert();
            list.reload();
        })));
        subscriptions.add(bus.subscribe(WatchroomEvent.EventUpdated.class, e -> executor.onUiThread(() -> list.refresh(e.eventId()))));
        subscriptions.add(bus.subscribe(WatchroomEvent.EventEnded.class, e -> executor.onUiThread(() -> list.refresh(e.eventId()))));
        subscriptions.add(bus.subscribe(WatchroomEvent.EventReviewed.class, e -> executor.onUiThread(list::reload)));
        subscriptions.add(bus.subscribe(WatchroomEvent.CamerasChanged.class, e -> executor.onUiThread(this::loadCameras)));
        filters.subscribe(list::reload);
        if (!control.live()) {
            filters.statusProperty().set(null); // an analyst looks at everything in an archive, not only what was pending
        }
        loadCameras();
    }

    // ---- state ----

    /** The alerts shown, newest first. */
    public ObservableList<Event> alerts() { return list.alerts(); }

    /** The alert the keys act on. */
    public ObjectProperty<Event> selectedProperty() { return list.selectedProperty(); }

    /** The alerts picked for a bulk dismiss (the view mirrors its multi-selection here). */
    public ObservableList<Event> selection() { return list.selection(); }

    /** Ids of alerts that arrived live and should still be highlighted; the view removes them after the flash. */
    public ObservableSet<Long> fresh() { return fresh; }

    /** Pending events in the store, whatever the filters (the badge). */
    public ReadOnlyIntegerProperty pendingCountProperty() { return list.pendingCountProperty(); }

    /** The last store failure, or null. */
    public ReadOnlyStringProperty errorProperty() { return error.property(); }

    /** What the last "dismiss and suppress" added ({@code Suppressed person at … on Yard}), or null. */
    public ReadOnlyStringProperty noticeProperty() { return triage.noticeProperty(); }

    public ReadOnlyBooleanProperty undoableProperty() { return triage.undoableProperty(); }

    /** Set after every completed load (tests wait on it). */
    public ReadOnlyObjectProperty<Instant> loadedAtProperty() { return list.loadedAtProperty(); }

    /** Configured cameras, for the camera filter. */
    public ObservableList<Camera> cameras() { return cameras; }

    public ObjectProperty<Long> cameraFilterProperty() { return filters.cameraProperty(); }

    public StringProperty labelFilterProperty() { return filters.labelProperty(); }

    /** Null shows every status. */
    public ObjectProperty<EventStatus> statusFilterProperty() { return filters.statusProperty(); }

    public ObjectProperty<TimeRange> timeRangeProperty() { return filters.timeRangeProperty(); }

    public StringProperty noteSearchProperty() { return filters.noteSearchProperty(); }

    /** The note the next confirm or dismiss records (then cleared). */
    public StringProperty noteProperty() { return triage.noteProperty(); }

    /** Whether a new alert also sounds the chime (off by default: "optional sound"). */
    public BooleanProperty soundProperty() { return sound.onProperty(); }

    /** What sounds the chime (the window plays {@link AlertChime} off the FX thread); once per burst of alerts. */
    public void setChime(Runnable chime) { sound.setChime(chime); }

    /** The signed-in person, if any (also while locked). */
    public Optional<Operator> operator() { return session.current(); }

    // ---- loading ----

    /** Reloads the list from the store; reloads asked for while one runs are folded into one more. */
    public void reload() { list.reload(); }

    private void loadCameras() {
        executor.submit(() -> store.list(), cameras::setAll, error::failed);
    }

    // ---- navigation ----

    public void select(Event e) { list.select(e); }

    /**
     * Selects event {@code id} (a click on the timeline): at once when it is listed; otherwise the filters that
     * hide it are cleared (status to all statuses, and camera, label, time or note search when they hide it too)
     * and it is selected when the list has reloaded.
     */
    public void reveal(long id) { list.reveal(id); }

    /** J: the next (older) alert. */
    public void next() { list.move(1); }

    /** K: the previous (newer) alert. */
    public void previous() { list.move(-1); }

    // ---- triage ----

    /** E: the events to export: the multi-selection, else the selected alert; ids in list order. */
    public List<Long> exportTargets() {
        return list.chosen().stream().map(Event::id).toList();
    }

    /** C: confirms the selected alert with {@code note} (null or blank: the note field, if any). */
    public void confirm(String note) { triage.review(List.of(), EventStatus.CONFIRMED, note); }

    /** D: dismisses the selected alert. */
    public void dismiss(String note) { triage.review(List.of(), EventStatus.DISMISSED, note); }

    /** Dismisses every alert in {@link #selection()} (the selected one when that is empty) as one undoable action. */
    public void dismissSelected() { triage.review(List.copyOf(list.selection()), EventStatus.DISMISSED, null); }

    /**
     * S: dismisses the selected alert and adds its box as a suppression region for its label on its camera
     * (listed and removable in the camera's settings). Undo puts the dismiss back but keeps the region: removing
     * it is a settings change, done in the Cameras window. An alert that is dismissed already is only suppressed.
     */
    public void dismissAndSuppress(String note) { triage.dismissAndSuppress(note); }

    /** Forgets what could be undone (another person signed in: their predecessor's reviews are not theirs to undo). */
    public void forgetUndo() { triage.forgetUndo(); }

    /** Ctrl+Z: puts the events of the last confirm, dismiss or bulk dismiss back as they were. */
    public void undo() { triage.undo(); }

    /** Stops following the bus. */
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception ignored) {
                // removing a subscription cannot fail
            }
        }
    }
}
