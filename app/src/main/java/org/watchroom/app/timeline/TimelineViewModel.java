package org.watchroom.app.timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
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
import org.watchroom.core.engine.EnginePorts;
import org.watchroom.core.playback.SyncedPlayers;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.HourlyDetections;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.TimelineEvent;
import org.watchroom.core.store.TimelineIndex;

/**
 * The timeline's state: a window of time anywhere (today's whole day at first; drag, wheel and the date picker move
 * it across midnight and days), one strip per camera with the events in view and, under them, the camera's recording
 * (footage and gaps with their reasons), and detections per hour per camera for the day in the middle of the view.
 * Reads the store by window: the window in view and half a view either side, read again only when the view leaves
 * it, so dragging runs no queries for recordings until it reaches new ground (crossing midnight reads the new day's
 * detections per hour). Follows the engine's events and reviews through the
 * bus, reloading at most once per {@code throttle}; recordings are read again with the window and every
 * {@link #refreshRecordings()}. A click on a camera's strip plays that moment of its recording; cameras picked by
 * their names play together; a time range selected across strips is exported ({@link #rangeSelection()}).
 * {@link TimelineReader} reads the store, {@link TimelinePlayback} hands what to play to the window.
 *
 * <p>Thread-safety: FX thread only; store reads run through the {@link TaskExecutor}, bus events come back
 * through it.
 */
public final class TimelineViewModel {
    /** Events per window beyond which the timeline says it shows only the first ones. */
    static final int LIMIT = TimelineIndex.DEFAULT_LIMIT;

    private final TimelineReader reader;
    private final TaskExecutor executor;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration throttle;
    private final ObjectProperty<LocalDate> day = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<TimelineScale> scale = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper zoomLabel = new ReadOnlyStringWrapper();
    private final ObservableList<Strip> strips = FXCollections.observableArrayList();
    private final ObservableList<TimelineEvent> events = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Map<Long, Coverage>> coverage = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyObjectWrapper<HourlyDetections> hourly = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper capped = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Instant> loadedAt = new ReadOnlyObjectWrapper<>();
    private final TimelinePlayback playback;
    private final RangeSelectionViewModel range;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private Consumer<Long> onOpenEvent = id -> { };
    /** What the last load read (all events of the loaded window, by start) and its window. */
    private List<TimelineEvent> loadedEvents = List.of();
    private List<Camera> cameras = List.of();
    private Instant loadedFrom;
    private Instant loadedTo;
    private LocalDate loadedDay;
    private boolean shown = true;
    private boolean loading;
    private boolean reloadAgain;
    private boolean recordingsAgain;
    private boolean waiting;
    /** True while the day follows the view (a pan over midnight): the view keeps its zoom. */
    private boolean following;
    private Instant lastLoad = Instant.MIN;

    /** Today in the machine's zone, reloading at most once a second. */
    public TimelineViewModel(EnginePorts engine, TaskExecutor executor) {
        this(engine, executor, Clock.systemDefaultZone(), Duration.ofSeconds(1));
    }

    /** {@code clock} gives "now" and, through its zone, "today" and the local hours. */
    public TimelineViewModel(EnginePorts engine, TaskExecutor executor, Clock clock, Duration throttle) {
        this.reader = new TimelineReader(engine.cameras(), engine.timeline(), engine.segments(), engine.gaps(), clock);
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
        playback = new TimelinePlayback(() -> scale.get().middle(), error::set);
        range = new RangeSelectionViewModel(scale::get, clock, playback.selected(), reader.segments(), executor);
        day.subscribe(d -> {
            if (d != null && !following) {
                setScale(TimelineScale.wholeDay(d, zone)); // a picked day is shown whole
            }
        });
        day.set(LocalDate.now(clock));
    }

    // ---- state ----

    /** The local day in the middle of the view; setting it (the date picker) shows that day whole. */
    public ObjectProperty<LocalDate> dayProperty() { return day; }

    public ZoneId zone() { return zone; }

    public Instant now() { return clock.instant(); }

    /** The window shown. */
    public ReadOnlyObjectProperty<TimelineScale> scaleProperty() { return scale.getReadOnlyProperty(); }

    /** {@code 24 h} … {@code 1 min}. */
    public ReadOnlyStringProperty zoomLabelProperty() { return zoomLabel.getReadOnlyProperty(); }

    /** Configured cameras in their order, then cameras known only from the events in view. */
    public ObservableList<Strip> strips() { return strips; }

    /** The events in view, by start. */
    public ObservableList<TimelineEvent> events() { return events; }

    /** Each configured camera's recording in the loaded window, by camera id. */
    public ReadOnlyObjectProperty<Map<Long, Coverage>> coverageProperty() { return coverage.getReadOnlyProperty(); }

    /** Detections per hour of the day in the middle of the view. */
    public ReadOnlyObjectProperty<HourlyDetections> hourlyProperty() { return hourly.getReadOnlyProperty(); }

    /** True when the loaded window has more events than {@link #LIMIT}: the latest are not shown. */
    public ReadOnlyBooleanProperty cappedProperty() { return capped.getReadOnlyProperty(); }

    public static int limit() { return LIMIT; }

    /** The last failure, or null. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** Set after every completed load (tests wait on it). */
    public ReadOnlyObjectProperty<Instant> loadedAtProperty() { return loadedAt.getReadOnlyProperty(); }

    /** Cameras picked (by clicking their names) to play together, in the order picked; at most four. */
    public ObservableList<Strip> selected() { return playback.selected(); }

    /** The moment the recording player shows, drawn as a line; null when nothing plays. */
    public ObjectProperty<Instant> playheadProperty() { return playback.playheadProperty(); }

    /** The time range selected for export (Shift+drag), its text, and exporting it. */
    public RangeSelectionViewModel rangeSelection() { return range; }

    // ---- day, zoom and pan ----

    public void previousDay() { showDay(day.get().minusDays(1)); }

    public void nextDay() { showDay(day.get().plusDays(1)); }

    public void today() { showDay(LocalDate.now(clock)); }

    /** Shows {@code d} whole (also when the view is inside that day already, zoomed in). */
    public void showDay(LocalDate d) {
        if (d.equals(day.get())) {
            setScale(TimelineScale.wholeDay(d, zone));
        } else {
            day.set(d);
        }
    }

    /** Zooms in one step around {@code anchor}, a fraction of the view (0.5: its middle). */
    public void zoomIn(double anchor) { setScale(scale.get().zoomIn(anchor)); }

    public void zoomOut(double anchor) { setScale(scale.get().zoomOut(anchor)); }

    /** Pans by {@code viewFractions} of the view's width (positive: later), across midnight as far as it goes. */
    public void pan(double viewFractions) { setScale(scale.get().panBy(viewFractions)); }

    /** Shows from {@code start}, keeping the zoom. */
    public void scrollTo(Instant start) { setScale(scale.get().scrollTo(start)); }

    /** Centres the view on {@code t}, keeping the zoom. */
    public void centreOn(Instant t) { setScale(scale.get().centreOn(t)); }

    private void setScale(TimelineScale next) {
        scale.set(next);
        LocalDate middle = next.day(zone);
        if (!middle.equals(day.get())) {
            following = true;
            try {
                day.set(middle);
            } finally {
                following = false;
            }
        }
        showVisible();
        boolean outside = !insideLoaded(next);
        if (shown && (outside || !middle.equals(loadedDay))) {
            reload(false); // a new window reads its recordings anyway; a new day only needs its hours
        }
    }

    /** The loaded events in view, and the strips for them. */
    private void showVisible() {
        TimelineScale s = scale.get();
        Instant now = clock.instant();
        List<TimelineEvent> inView = loadedEvents.stream()
                .filter(e -> s.shows(e.startedAt(), e.endedAt() != null ? e.endedAt() : now.isAfter(e.startedAt())
                        ? now : e.startedAt().plusMillis(1)))
                .toList();
        if (!inView.equals(events)) {
            events.setAll(inView);
        }
        List<Strip> next = Strip.of(cameras, inView);
        if (!next.equals(strips)) {
            strips.setAll(next);
            playback.selected().retainAll(next);
            range.stripsChanged(next);
        }
    }

    // ---- opening and playing ----

    /** What clicking an event does (the window shows it in the alerts pane). */
    public void setOnOpenEvent(Consumer<Long> action) { onOpenEvent = action == null ? id -> { } : action; }

    public void open(long eventId) { onOpenEvent.accept(eventId); }

    /** What playing does: the window's recording player plays those cameras at that moment. */
    public void setOnPlay(BiConsumer<List<Strip>, Instant> action) { playback.setOnPlay(action); }

    /** Plays {@code strip}'s camera at {@code at} (a click on its row). */
    public void play(Strip strip, Instant at) { playback.play(strip, at); }

    /** Picks or unpicks a camera to play together with others (at most {@value SyncedPlayers#MAX}). */
    public void toggleSelected(Strip strip) { playback.toggleSelected(strip); }

    /** Plays the picked cameras together at the playhead, or at the middle of the view when nothing plays. */
    public void playSelected() { playback.playSelected(); }

    /** The hover text of a gap in a camera's recording: why, from when to when. */
    public String describe(RecordingGap gap) { return GapText.describe(gap, clock.instant(), zone); }

    // ---- loading ----

    /**
     * Whether the timeline is on screen (it is until told otherwise). While it is not, bus news is ignored: a hidden
     * timeline runs no queries, and showing it reads the window afresh.
     */
    public void setShown(boolean on) {
        boolean appearing = on && !shown;
        shown = on;
        if (appearing) {
            reload(true);
        }
    }

    /** Reads the recordings in the window again (new segments and gaps of live cameras). */
    public void refreshRecordings() {
        if (shown) {
            reload(true);
        }
    }

    /** Something changed in the store: reloads, but not more often than the throttle allows. */
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
            reload(false);
            return;
        }
        waiting = true;
        Duration wait = throttle.minus(since);
        executor.submit(() -> {
            Thread.sleep(wait.toMillis());
            return null;
        }, ignored -> {
            waiting = false;
            reload(false);
        }, e -> waiting = false);
    }

    /** Reads the window around the view again, recordings included. */
    public void reload() {
        reload(true);
    }

    /**
     * Reads the window around the view (events, cameras, the day's detections per hour and, with
     * {@code recordings} or when the window moved, each camera's segments and gaps); reloads asked for while one
     * runs are folded into one more.
     */
    private void reload(boolean recordings) {
        if (loading) {
            reloadAgain = true;
            recordingsAgain |= recordings;
            return;
        }
        loading = true;
        TimelineScale s = scale.get();
        boolean inside = insideLoaded(s);
        Duration margin = s.span().dividedBy(2);
        Instant from = inside ? loadedFrom : s.viewStart().minus(margin);
        Instant to = inside ? loadedTo : s.viewEnd().plus(margin);
        boolean withRecordings = recordings || !inside;
        LocalDate d = day.get();
        Map<Long, Coverage> known = coverage.get();
        executor.submit(() -> reader.read(from, to, d, zone, withRecordings, known), this::loaded, e -> {
            loading = false;
            error.set(e.getMessage() == null ? e.toString() : e.getMessage());
        });
    }

    /** Whether the view lies in the window read last (no window is read yet: no). */
    private boolean insideLoaded(TimelineScale s) {
        return loadedFrom != null && !s.viewStart().isBefore(loadedFrom) && !s.viewEnd().isAfter(loadedTo);
    }

    private void loaded(TimelineReader.Loaded result) {
        loading = false;
        lastLoad = clock.instant();
        loadedFrom = result.from();
        loadedTo = result.to();
        loadedDay = result.day();
        loadedEvents = result.window().events();
        cameras = result.cameras();
        coverage.set(result.coverage());
        capped.set(result.window().capped());
        hourly.set(result.hourly());
        error.set(null);
        showVisible();
        loadedAt.set(Instant.now());
        boolean stale = !insideLoaded(scale.get()) || !result.day().equals(day.get());
        if (reloadAgain || stale) { // the view moved on while this one loaded
            boolean recordings = recordingsAgain || stale;
            reloadAgain = false;
            recordingsAgain = false;
            reload(recordings);
        }
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
