package org.watchroom.app.timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.EventTimeline;
import org.watchroom.core.store.HourlyDetections;
import org.watchroom.core.store.TimelineEvent;
import org.watchroom.core.store.TimelineWindow;

/**
 * The timeline's state: the chosen local day (today by default), the part of it shown (zoom and pan), one strip
 * per camera with that day's events, and detections per hour per camera. Follows the engine's events and
 * reviews through the bus, reloading at most once per {@code throttle} however busy the cameras are.
 *
 * <p>Thread-safety: FX thread only; store reads run through the {@link TaskExecutor}, bus events come back
 * through it.
 */
public final class TimelineViewModel {
    /** Events per day beyond which the timeline says it shows only the first ones. */
    static final int LIMIT = EventTimeline.DEFAULT_LIMIT;

    private final Engine engine;
    private final EventTimeline timeline;
    private final TaskExecutor executor;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration throttle;
    private final ObjectProperty<LocalDate> day = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<TimelineScale> scale = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper zoomLabel = new ReadOnlyStringWrapper();
    private final ObservableList<Strip> strips = FXCollections.observableArrayList();
    private final ObservableList<TimelineEvent> events = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<HourlyDetections> hourly = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper capped = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Instant> loadedAt = new ReadOnlyObjectWrapper<>();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private Consumer<Long> onOpenEvent = id -> { };
    private boolean shown = true;
    private boolean loading;
    private boolean reloadAgain;
    private boolean waiting;
    private Instant lastLoad = Instant.MIN;

    /** Today in the machine's zone, reloading at most once a second. */
    public TimelineViewModel(Engine engine, TaskExecutor executor) {
        this(engine, executor, Clock.systemDefaultZone(), Duration.ofSeconds(1));
    }

    /** {@code clock} gives "now" and, through its zone, "today" and the local hours. */
    public TimelineViewModel(Engine engine, TaskExecutor executor, Clock clock, Duration throttle) {
        this.engine = engine;
        this.timeline = new EventTimeline(engine.database());
        this.executor = executor;
        this.clock = clock;
        this.zone = clock.getZone();
        this.throttle = throttle;
        var bus = engine.bus();
        subscriptions.add(bus.subscribe(WatchroomEvent.EventStarted.class, e -> executor.onUiThread(this::changed)));
        subscriptions.add(bus.subscribe(WatchroomEvent.EventEnded.class, e -> executor.onUiThread(this::changed)));
        subscriptions.add(bus.subscribe(WatchroomEvent.EventReviewed.class, e -> executor.onUiThread(this::changed)));
        subscriptions.add(bus.subscribe(WatchroomEvent.CamerasChanged.class, e -> executor.onUiThread(this::changed)));
        scale.subscribe(s -> zoomLabel.set(s == null ? "" : s.zoomLabel()));
        day.subscribe(d -> {
            if (d != null) {
                scale.set(TimelineScale.wholeDay(d, zone));
                if (shown) {
                    reload();
                }
            }
        });
        day.set(LocalDate.now(clock));
    }

    // ---- state ----

    /** The local day shown. */
    public ObjectProperty<LocalDate> dayProperty() { return day; }

    public ZoneId zone() { return zone; }

    public Instant now() { return clock.instant(); }

    /** The part of the day shown. */
    public ReadOnlyObjectProperty<TimelineScale> scaleProperty() { return scale.getReadOnlyProperty(); }

    /** {@code 24 h} … {@code 1 min}. */
    public ReadOnlyStringProperty zoomLabelProperty() { return zoomLabel.getReadOnlyProperty(); }

    /** Configured cameras in their order, then cameras known only from the day's events. */
    public ObservableList<Strip> strips() { return strips; }

    /** The day's events, by start. */
    public ObservableList<TimelineEvent> events() { return events; }

    public ReadOnlyObjectProperty<HourlyDetections> hourlyProperty() { return hourly.getReadOnlyProperty(); }

    /** True when the day has more events than {@link #LIMIT}: the latest are not shown. */
    public ReadOnlyBooleanProperty cappedProperty() { return capped.getReadOnlyProperty(); }

    public static int limit() { return LIMIT; }

    /** The last failure, or null. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** Set after every completed load (tests wait on it). */
    public ReadOnlyObjectProperty<Instant> loadedAtProperty() { return loadedAt.getReadOnlyProperty(); }

    // ---- day and zoom ----

    public void previousDay() { day.set(day.get().minusDays(1)); }

    public void nextDay() { day.set(day.get().plusDays(1)); }

    public void today() { day.set(LocalDate.now(clock)); }

    /** Zooms in one step around {@code anchor}, a fraction of the view (0.5: its middle). */
    public void zoomIn(double anchor) { scale.set(scale.get().zoomIn(anchor)); }

    public void zoomOut(double anchor) { scale.set(scale.get().zoomOut(anchor)); }

    /** Pans by {@code viewFractions} of the view's width (positive: later). */
    public void pan(double viewFractions) { scale.set(scale.get().panBy(viewFractions)); }

    /** Shows the day from {@code start}, keeping the zoom. */
    public void scrollTo(Instant start) { scale.set(scale.get().scrollTo(start)); }

    // ---- opening ----

    /** What a click on an event does (the window shows it in the alerts pane). */
    public void setOnOpenEvent(Consumer<Long> action) { onOpenEvent = action == null ? id -> { } : action; }

    public void open(long eventId) { onOpenEvent.accept(eventId); }

    // ---- loading ----

    private record Loaded(LocalDate day, TimelineWindow window, HourlyDetections hourly, List<Camera> cameras) {
    }

    /** Something changed in the store: reloads, but not more often than the throttle allows. */
    /**
     * Whether the timeline is on screen (it is until told otherwise). While it is not, bus news is ignored: a hidden
     * timeline runs no queries, and showing it reads the day afresh.
     */
    public void setShown(boolean on) {
        boolean appearing = on && !shown;
        shown = on;
        if (appearing) {
            reload();
        }
    }

    private void changed() {
        if (!shown) {
            return;
        }
        if (loading) {
            reloadAgain = true;
            return;
        }
        Duration since = Duration.between(lastLoad, clock.instant());
        if (waiting) {
            return;
        }
        if (since.compareTo(throttle) >= 0) {
            reload();
            return;
        }
        waiting = true;
        Duration wait = throttle.minus(since);
        executor.submit(() -> {
            Thread.sleep(wait.toMillis());
            return null;
        }, ignored -> {
            waiting = false;
            reload();
        }, e -> waiting = false);
    }

    /** Reads the chosen day again; reloads asked for while one runs are folded into one more. */
    public void reload() {
        if (loading) {
            reloadAgain = true;
            return;
        }
        loading = true;
        LocalDate d = day.get();
        TimelineScale s = scale.get();
        executor.submit(() -> new Loaded(d, timeline.overlapping(s.dayStart(), s.dayEnd(), LIMIT),
                timeline.hourly(d, zone), engine.store().list()), this::loaded, e -> {
            loading = false;
            error.set(e.getMessage() == null ? e.toString() : e.getMessage());
        });
    }

    private void loaded(Loaded result) {
        loading = false;
        lastLoad = clock.instant();
        if (result.day().equals(day.get())) {
            strips.setAll(strips(result.cameras(), result.window().events()));
            events.setAll(result.window().events());
            capped.set(result.window().capped());
            hourly.set(result.hourly());
            error.set(null);
            loadedAt.set(Instant.now());
        } else {
            reloadAgain = true; // the day changed while this one loaded
        }
        if (reloadAgain) {
            reloadAgain = false;
            reload();
        }
    }

    static List<Strip> strips(List<Camera> cameras, List<TimelineEvent> events) {
        Map<String, Strip> byKey = new LinkedHashMap<>();
        for (Camera c : cameras) {
            byKey.put("id:" + c.id(), new Strip(c.id(), c.name()));
        }
        events.stream().sorted(java.util.Comparator.comparing(TimelineEvent::cameraName)).forEach(e -> {
            String key = e.cameraId() != null ? "id:" + e.cameraId() : "name:" + e.cameraName();
            byKey.putIfAbsent(key, new Strip(e.cameraId(), e.cameraName()));
        });
        return List.copyOf(byKey.values());
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
