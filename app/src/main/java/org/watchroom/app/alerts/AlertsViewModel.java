package org.watchroom.app.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.auth.Session;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.Suppression;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventQuery;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.EventStore;

/**
 * The alerts list beside the wall: events matching the filters (pending ones by default), newest first, the
 * pending counter, the selected alert and keyboard triage — confirm, dismiss, undo of the last action, bulk
 * dismiss. Follows the engine and other reviewers through the event bus. The next pending alert is selected
 * as soon as one is reviewed (before the database answers), so a guard can press C, D, C… as fast as they read.
 *
 * <p>Thread-safety: FX thread only; store calls run through the {@link TaskExecutor}, bus events come back
 * through it.
 */
public final class AlertsViewModel {

    static final int LIMIT = 500;

    private final Engine engine;
    private final EventStore events;
    private final TaskExecutor executor;
    private final Session session;
    private static final long CHIME_GAP_NANOS = 2_000_000_000L;
    private final BooleanProperty sound = new SimpleBooleanProperty(false);
    private Runnable chime = () -> { };
    private long lastChime = System.nanoTime() - CHIME_GAP_NANOS;
    private final ObservableList<Event> alerts = FXCollections.observableArrayList();
    private final ObjectProperty<Event> selected = new SimpleObjectProperty<>();
    private final ObservableList<Event> selection = FXCollections.observableArrayList();
    private final ObservableSet<Long> fresh = FXCollections.observableSet();
    private final ReadOnlyIntegerWrapper pendingCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper();
    private final ObjectProperty<Long> cameraFilter = new SimpleObjectProperty<>();
    private final StringProperty labelFilter = new SimpleStringProperty("");
    private final ObjectProperty<EventStatus> statusFilter = new SimpleObjectProperty<>(EventStatus.PENDING);
    private final ObjectProperty<TimeRange> timeRange = new SimpleObjectProperty<>(TimeRange.ANY);
    private final StringProperty noteSearch = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    private final ObservableList<Camera> cameras = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Instant> loadedAt = new ReadOnlyObjectWrapper<>();
    private final UndoHistory undo = new UndoHistory();
    /** Reviews sent to the store and not answered yet: a reload that started earlier must not bring them back. */
    private final Map<Long, EventStatus> inFlight = new HashMap<>();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private boolean loading;
    private boolean reloadAgain;
    /** An event to select once a load brings it (see {@link #reveal(long)}), or null. */
    private Long revealing;

    public AlertsViewModel(Engine engine, Session session, TaskExecutor executor) {
        this.engine = engine;
        this.session = session;
        this.events = engine.events();
        this.executor = executor;
        var bus = engine.bus();
        subscriptions.add(bus.subscribe(WatchroomEvent.EventStarted.class, e -> executor.onUiThread(() -> {
            fresh.add(e.eventId());
            chimeIfOn();
            reload();
        })));
        subscriptions.add(bus.subscribe(WatchroomEvent.EventUpdated.class, e -> executor.onUiThread(() -> refresh(e.eventId()))));
        subscriptions.add(bus.subscribe(WatchroomEvent.EventEnded.class, e -> executor.onUiThread(() -> refresh(e.eventId()))));
        subscriptions.add(bus.subscribe(WatchroomEvent.EventReviewed.class, e -> executor.onUiThread(this::reload)));
        subscriptions.add(bus.subscribe(WatchroomEvent.CamerasChanged.class, e -> executor.onUiThread(this::loadCameras)));
        Consumer<Object> filterChanged = ignored -> reload();
        cameraFilter.subscribe(filterChanged);
        labelFilter.subscribe(filterChanged);
        statusFilter.subscribe(filterChanged);
        timeRange.subscribe(filterChanged);
        noteSearch.subscribe(filterChanged);
        if (!engine.live()) {
            statusFilter.set(null); // an analyst looks at everything in an archive, not only what was pending
        }
        loadCameras();
    }

    // ---- state ----

    /** The alerts shown, newest first. */
    public ObservableList<Event> alerts() { return alerts; }

    /** The alert the keys act on. */
    public ObjectProperty<Event> selectedProperty() { return selected; }

    /** The alerts picked for a bulk dismiss (the view mirrors its multi-selection here). */
    public ObservableList<Event> selection() { return selection; }

    /** Ids of alerts that arrived live and should still be highlighted; the view removes them after the flash. */
    public ObservableSet<Long> fresh() { return fresh; }

    /** Pending events in the store, whatever the filters (the badge). */
    public ReadOnlyIntegerProperty pendingCountProperty() { return pendingCount.getReadOnlyProperty(); }

    /** The last store failure, or null. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** What the last "dismiss and suppress" added ({@code Suppressed person at … on Yard}), or null. */
    public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty undoableProperty() { return undo.undoableProperty(); }

    /** Set after every completed load (tests wait on it). */
    public ReadOnlyObjectProperty<Instant> loadedAtProperty() { return loadedAt.getReadOnlyProperty(); }

    /** Configured cameras, for the camera filter. */
    public ObservableList<Camera> cameras() { return cameras; }

    public ObjectProperty<Long> cameraFilterProperty() { return cameraFilter; }

    public StringProperty labelFilterProperty() { return labelFilter; }

    /** Null shows every status. */
    public ObjectProperty<EventStatus> statusFilterProperty() { return statusFilter; }

    public ObjectProperty<TimeRange> timeRangeProperty() { return timeRange; }

    public StringProperty noteSearchProperty() { return noteSearch; }

    /** The note the next confirm or dismiss records (then cleared). */
    public StringProperty noteProperty() { return note; }

    /** Whether a new alert also sounds the chime (off by default: "optional sound"). */
    public BooleanProperty soundProperty() { return sound; }

    /** What sounds the chime (the window plays {@link AlertChime} off the FX thread). */
    public void setChime(Runnable chime) { this.chime = chime; }

    /** A burst of alerts (several people at once) chimes once, not once per alert. */
    private void chimeIfOn() {
        long now = System.nanoTime();
        if (sound.get() && now - lastChime > CHIME_GAP_NANOS) {
            lastChime = now;
            chime.run();
        }
    }

    /** The signed-in person, if any (also while locked). */
    public Optional<Operator> operator() { return session.current(); }

    // ---- loading ----

    /** Reloads the list from the store; reloads asked for while one runs are folded into one more. */
    public void reload() {
        if (loading) {
            reloadAgain = true;
            return;
        }
        loading = true;
        EventQuery query = query(Instant.now());
        executor.submit(() -> new Loaded(events.list(query),
                        (int) events.count(EventQuery.all().status(EventStatus.PENDING))),
                this::loaded, e -> {
                    loading = false;
                    failed(e);
                });
    }

    private record Loaded(List<Event> events, int pending) {
    }

    EventQuery query(Instant now) {
        EventQuery q = EventQuery.all().page(LIMIT, 0).camera(cameraFilter.get()).status(statusFilter.get())
                .noteContains(noteSearch.get());
        String label = labelFilter.get() == null ? "" : labelFilter.get().strip();
        if (!label.isEmpty()) {
            q = q.label(label);
        }
        Instant from = timeRange.get() == null ? null : timeRange.get().from(now);
        return from == null ? q : q.between(from, null);
    }

    private void loaded(Loaded result) {
        loading = false;
        List<Event> shown = result.events().stream().filter(e -> !hiddenInFlight(e.id())).toList();
        Long keep = selected.get() == null ? null : selected.get().id();
        int oldIndex = selected.get() == null ? -1 : indexOf(keep);
        alerts.setAll(shown);
        pendingCount.set(result.pending());
        Event again = keep == null ? null : find(keep);
        if (again != null) {
            selected.set(again);
        } else if (!alerts.isEmpty()) {
            selected.set(alerts.get(Math.max(0, Math.min(oldIndex, alerts.size() - 1))));
        } else {
            selected.set(null);
        }
        selection.removeIf(e -> find(e.id()) == null);
        if (revealing != null && find(revealing) != null) {
            selected.set(find(revealing));
            revealing = null;
        } else if (revealing != null && !reloadAgain) {
            error.set("Event #" + revealing + " is not among the newest " + LIMIT + " alerts.");
            revealing = null;
        }
        loadedAt.set(Instant.now());
        if (reloadAgain) {
            reloadAgain = false;
            reload();
        }
    }

    private boolean hiddenInFlight(long id) {
        EventStatus target = inFlight.get(id);
        return target != null && statusFilter.get() != null && statusFilter.get() != target;
    }

    /** Re-reads one alert (its peak or end changed) and replaces it in place. */
    private void refresh(long id) {
        if (find(id) == null) {
            return;
        }
        executor.submit(() -> events.find(id), found -> found.ifPresent(e -> {
            int i = indexOf(id);
            if (i >= 0) {
                boolean wasSelected = selected.get() != null && selected.get().id() == id;
                alerts.set(i, e);
                if (wasSelected) {
                    selected.set(e);
                }
            }
        }), this::failed);
    }

    private void loadCameras() {
        executor.submit(() -> engine.store().list(), cameras::setAll, this::failed);
    }

    // ---- navigation ----

    public void select(Event e) { selected.set(e); }

    /**
     * Selects event {@code id} (a click on the timeline): at once when it is listed; otherwise the filters that
     * hide it are cleared (status to all statuses, and camera, label, time or note search when they hide it too)
     * and it is selected when the list has reloaded.
     */
    public void reveal(long id) {
        Event listed = find(id);
        if (listed != null) {
            selected.set(listed);
            return;
        }
        executor.submit(() -> events.find(id), found -> {
            if (found.isEmpty()) {
                error.set("No event with id " + id + ".");
                return;
            }
            Event e = found.get();
            if (statusFilter.get() != null && statusFilter.get() != e.status()) {
                statusFilter.set(null);
            }
            if (cameraFilter.get() != null && !cameraFilter.get().equals(e.cameraId())) {
                cameraFilter.set(null);
            }
            if (labelFilter.get() != null && !labelFilter.get().isBlank() && !labelFilter.get().strip().equals(e.label())) {
                labelFilter.set("");
            }
            Instant from = timeRange.get() == null ? null : timeRange.get().from(Instant.now());
            if (from != null && e.startedAt().isBefore(from)) {
                timeRange.set(TimeRange.ANY);
            }
            String search = noteSearch.get() == null ? "" : noteSearch.get().strip().toLowerCase(java.util.Locale.ROOT);
            if (!search.isEmpty() && (e.note() == null || !e.note().toLowerCase(java.util.Locale.ROOT).contains(search))) {
                noteSearch.set("");
            }
            revealing = id; // after the filter changes: a load they started may not have it yet
            reload();
        }, this::failed);
    }

    /** J: the next (older) alert. */
    public void next() { move(1); }

    /** K: the previous (newer) alert. */
    public void previous() { move(-1); }

    private void move(int step) {
        if (alerts.isEmpty()) {
            return;
        }
        int i = selected.get() == null ? -1 : indexOf(selected.get().id());
        int target = i < 0 ? 0 : Math.max(0, Math.min(alerts.size() - 1, i + step));
        selected.set(alerts.get(target));
    }

    // ---- triage ----

    /** E: the events to export: the multi-selection, else the selected alert; ids in list order. */
    public List<Long> exportTargets() {
        List<Event> picked = selection.isEmpty() ? (selected.get() == null ? List.of() : List.of(selected.get())) : selection;
        return picked.stream().map(Event::id).toList();
    }

    /** C: confirms the selected alert with {@code note} (null or blank: the note field, if any). */
    public void confirm(String note) { review(List.of(), EventStatus.CONFIRMED, note); }

    /** D: dismisses the selected alert. */
    public void dismiss(String note) { review(List.of(), EventStatus.DISMISSED, note); }

    /** Dismisses every alert in {@link #selection()} (the selected one when that is empty) as one undoable action. */
    public void dismissSelected() { review(List.copyOf(selection), EventStatus.DISMISSED, null); }

    /**
     * S: dismisses the selected alert and adds its box as a suppression region for its label on its camera
     * (listed and removable in the camera's settings). Undo puts the dismiss back but keeps the region: removing
     * it is a settings change, done in the Cameras window. An alert that is dismissed already is only suppressed.
     */
    public void dismissAndSuppress(String note) {
        Event current = selected.get();
        if (current == null || inFlight.containsKey(current.id())) {
            return;
        }
        Operator actor = acting(Permission.EDIT_RULES);
        if (actor == null) {
            return;
        }
        if (current.status() == EventStatus.DISMISSED) {
            executor.submit(() -> suppressed(engine.suppress(current.id(), actor)), this::suppressDone, this::failed);
            return;
        }
        review(List.of(current), EventStatus.DISMISSED, note, true);
    }

    private String suppressed(Suppression s) {
        String camera = engine.store().find(s.cameraId()).map(Camera::name).orElse("camera " + s.cameraId());
        return "Suppressed " + s.describe() + " on " + camera + " (remove it in Cameras → Edit)";
    }

    /** The person to act as, or null after showing why nobody may (locked, signed out, role). */
    private Operator acting(Permission permission) {
        try {
            return session.acting(permission);
        } catch (RuntimeException refused) {
            error.set(refused.getMessage());
            return null;
        }
    }

    private void suppressDone(String text) {
        notice.set(text);
        error.set(null);
    }

    private void review(List<Event> picked, EventStatus status, String typed) {
        review(picked, status, typed, false);
    }

    /** What a review did; with "suppress", what became of the suppression (its notice or its problem). */
    private record Reviewed(List<Event> after, String notice, String problem) {
    }

    private void review(List<Event> picked, EventStatus status, String typed, boolean suppress) {
        List<Event> targets = picked.isEmpty() ? (selected.get() == null ? List.of() : List.of(selected.get())) : picked;
        targets = targets.stream().filter(e -> !inFlight.containsKey(e.id()) && e.status() != status).toList();
        if (targets.isEmpty()) {
            return;
        }
        Operator actor = acting(Permission.REVIEW);
        if (actor == null) {
            return;
        }
        String text = typed != null && !typed.isBlank() ? typed.strip()
                : note.get() == null || note.get().isBlank() ? null : note.get().strip();
        note.set("");
        List<Event> before = targets;
        before.forEach(e -> inFlight.put(e.id(), status));
        hideReviewed(before, status);
        executor.submit(() -> {
            List<Event> after = new ArrayList<>();
            for (Event e : before) {
                after.add(status == EventStatus.CONFIRMED ? events.confirm(e.id(), actor, text)
                        : events.dismiss(e.id(), actor, text));
            }
            if (!suppress) {
                return new Reviewed(after, null, null);
            }
            try { // the dismiss stands (and is undoable) even when its box cannot be suppressed
                return new Reviewed(after, suppressed(engine.suppress(after.getFirst().id(), actor)), null);
            } catch (RuntimeException e) {
                return new Reviewed(after, null, "Dismissed, but not suppressed: " + e.getMessage());
            }
        }, done -> {
            before.forEach(e -> inFlight.remove(e.id()));
            undo.push(new UndoHistory.Action(before, done.after()));
            done.after().forEach(this::replace);
            error.set(done.problem());
            if (done.notice() != null) {
                notice.set(done.notice());
            }
        }, e -> {
            before.forEach(ev -> inFlight.remove(ev.id()));
            failed(e);
            reload();
        });
    }

    /** Takes reviewed alerts out of a list that does not show their new status and selects the next one. */
    private void hideReviewed(List<Event> reviewed, EventStatus status) {
        int first = reviewed.stream().mapToInt(e -> indexOf(e.id())).filter(i -> i >= 0).min().orElse(-1);
        if (statusFilter.get() != null && statusFilter.get() != status) {
            reviewed.forEach(e -> alerts.removeIf(a -> a.id() == e.id()));
            selection.clear();
            if (statusFilter.get() == EventStatus.PENDING) {
                pendingCount.set(Math.max(0, pendingCount.get() - reviewed.size()));
            }
            selected.set(alerts.isEmpty() ? null : alerts.get(Math.max(0, Math.min(first, alerts.size() - 1))));
        } else if (reviewed.size() == 1 && first >= 0 && first + 1 < alerts.size()) {
            selected.set(alerts.get(first + 1));
        }
    }

    /** Forgets what could be undone (another person signed in: their predecessor's reviews are not theirs to undo). */
    public void forgetUndo() {
        undo.clear();
    }

    /** Ctrl+Z: puts the events of the last confirm, dismiss or bulk dismiss back as they were. */
    public void undo() {
        UndoHistory.Action last = undo.pop();
        if (last == null) {
            return;
        }
        Operator actor = acting(Permission.REVIEW);
        if (actor == null) {
            undo.restore(last);
            return;
        }
        executor.submit(() -> {
            List<Event> restored = new ArrayList<>();
            for (int i = 0; i < last.after().size(); i++) {
                restored.add(events.revert(last.after().get(i), last.before().get(i), actor));
            }
            return restored;
        }, restored -> {
            error.set(null);
            selected.set(restored.getFirst()); // the reload keeps it selected by id
            reload();
        }, e -> {
            failed(e);
            reload();
        });
    }

    private void replace(Event e) {
        int i = indexOf(e.id());
        if (i >= 0) {
            alerts.set(i, e);
        }
        if (selected.get() != null && selected.get().id() == e.id()) {
            selected.set(e);
        }
    }

    private void failed(Throwable e) {
        error.set(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private int indexOf(long id) {
        for (int i = 0; i < alerts.size(); i++) {
            if (alerts.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    private Event find(long id) {
        int i = indexOf(id);
        return i < 0 ? null : alerts.get(i);
    }

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
