package org.watchroom.app.wall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.EngineWall;
import org.watchroom.core.engine.LiveTile;
import org.watchroom.core.engine.LiveWall;
import org.watchroom.core.remote.EngineGoneException;
import org.watchroom.core.settings.SharedView;

/**
 * The wall: one {@link TileViewModel} per running camera, the chosen layout, the page shown when there are more cameras
 * than the layout holds (turned by hand or by the tour, which waits while the guard is busy), and the focused camera
 * (shown alone). Follows the engine through its {@link LiveWall} port (listed off the FX thread, on camera changes and once
 * a second for the rates) and its event bus (states, detections, alerts), so that the engine may run in this process
 * or another.
 *
 * <p>Thread-safety: FX thread only; bus events and listings are handed over through the {@link TaskExecutor}.
 */
public final class WallViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(WallViewModel.class);
    /** What a view arranged by hand is called until it is saved. */
    public static final String UNSAVED = "Unsaved view";

    private final LiveWall wall;
    private final WallFrames frames;
    private final TaskExecutor executor;
    private final ObservableList<TileViewModel> tiles = FXCollections.observableArrayList();
    private final ObjectProperty<WallLayout> layout = new SimpleObjectProperty<>(WallLayout.AUTO);
    private final ObjectProperty<TileViewModel> focused = new SimpleObjectProperty<>();
    private final BooleanProperty overlaysVisible = new SimpleBooleanProperty(true);
    /** Whether a new alert's camera takes this whole wall (a wall on another monitor set aside for alarms). */
    private final BooleanProperty alarms = new SimpleBooleanProperty(false);
    private final IntegerBinding columns;
    private final IntegerBinding rows;
    /** The view shown; null: every running camera in configuration order. */
    private final ObjectProperty<SharedView> view = new SimpleObjectProperty<>();
    private final IntegerProperty page = new SimpleIntegerProperty(0);
    private final IntegerBinding pageCount;
    /** Seconds each page shows on tour; 0: no tour. */
    private final IntegerProperty tourSeconds = new SimpleIntegerProperty(0);
    /** When the guard last used the wall, or the page last turned ({@link System#nanoTime}). */
    private long quietSince = System.nanoTime();
    /** Saves tiles' stills; null until the window gives it one (none in an archive). */
    private StillSaver stills;
    /** Plays a camera's recording from a moment ago; null until the window gives it one. */
    private BiConsumer<LiveTile, Duration> replay;
    private final TileActions actions = new TileActions() {
        @Override
        public StillSaver stillSaver() {
            return stills;
        }

        @Override
        public boolean replay(TileViewModel tile, Duration back) {
            if (replay == null) {
                return false;
            }
            replay.accept(tile.tile(), back);
            return true;
        }
    };
    /** The bus subscriptions, ended by {@link #close()}. */
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    /** A listing under way: the once-a-second refresh does not pile up behind a slow engine. */
    private boolean listing;
    /** The engine's newest listing of its running cameras (the status bar counts from it too). */
    private final ReadOnlyObjectWrapper<List<LiveTile>> running = new ReadOnlyObjectWrapper<>(List.of());

    /** The wall of an engine in this process. */
    public static WallViewModel of(Engine engine, TaskExecutor executor) {
        return new WallViewModel(new EngineWall(engine), new EngineFrames(engine), engine.bus(), executor);
    }

    /**
     * @param wall   the engine's running cameras
     * @param frames where the tiles' pictures come from
     * @param bus    the engine's events (its own bus, or an attached client's copy of it)
     */
    public WallViewModel(LiveWall wall, WallFrames frames, EventBus bus, TaskExecutor executor) {
        this.wall = wall;
        this.frames = frames;
        this.executor = executor;
        columns = Bindings.createIntegerBinding(
                () -> focused.get() != null ? 1 : layout.get().columnsFor(shown().size()), layout, tiles, focused, view);
        rows = Bindings.createIntegerBinding(
                () -> focused.get() != null ? 1 : layout.get().rowsFor(shown().size()), layout, tiles, focused, view);
        pageCount = Bindings.createIntegerBinding(() -> Math.max(1, ceilDiv(shown().size(), perPage())), layout, tiles,
                view);
        pageCount.subscribe(count -> {
            if (page.get() >= count.intValue()) {
                page.set(count.intValue() - 1); // fewer cameras or a larger layout: the last page that exists
            }
        });
        page.subscribe(p -> quietSince = System.nanoTime());
        subscriptions.add(bus.subscribe(WatchroomEvent.CameraStateChanged.class, event -> executor.onUiThread(() ->
                tiles.stream().filter(t -> t.cameraId() == event.cameraId() && t.name().equals(event.cameraName()))
                        .forEach(t -> t.stateProperty().set(event.state())))));
        subscriptions.add(bus.subscribe(WatchroomEvent.CamerasChanged.class,
                event -> executor.onUiThread(this::syncTiles)));
        subscriptions.add(bus.subscribe(WatchroomEvent.DetectionsReady.class, event -> {
            long received = System.nanoTime();
            executor.onUiThread(() -> tiles.stream()
                    .filter(t -> t.cameraId() == event.result().cameraId()
                            && t.name().equals(event.result().cameraName()))
                    .forEach(t -> t.showDetections(event.result(), received)));
        }));
        subscriptions.add(bus.subscribe(WatchroomEvent.EventStarted.class, event -> executor.onUiThread(() ->
                tiles.stream().filter(t -> t.cameraId() == event.cameraId() && t.name().equals(event.cameraName()))
                        .forEach(t -> {
                            t.flash();
                            if (alarms.get()) {
                                focused.set(t); // alarm to monitor: this wall shows the camera alone
                            }
                        }))));
        syncTiles();
    }

    /** Lists the running cameras (off the FX thread) and brings the tiles in line. */
    void syncTiles() {
        listing = true;
        executor.submit(wall::tiles, this::show, failed -> {
            listing = false;
            if (failed instanceof EngineGoneException) {
                // a recorder restarting: the tiles stay and say so; their frames resume when it is back
                tiles.forEach(TileViewModel::recorderAway);
                LOG.debug("The wall cannot list the engine's cameras now: {}", failed.getMessage());
            } else {
                LOG.warn("The wall could not list the engine's cameras", failed);
            }
        });
    }

    /**
     * Rebuilds tiles for cameras that came or went (or restarted); keeps the others (and their readers) as they
     * are, with their new state and rate.
     */
    void show(List<LiveTile> running) {
        listing = false;
        this.running.set(running);
        tiles.removeIf(tile -> running.stream().noneMatch(r -> r.sameRun(tile.tile())));
        for (int i = 0; i < running.size(); i++) {
            LiveTile now = running.get(i);
            TileViewModel shown = tiles.stream().filter(t -> t.tile().sameRun(now)).findFirst().orElse(null);
            if (shown != null) {
                shown.update(now);
            } else {
                tiles.add(Math.min(i, tiles.size()), new TileViewModel(now, frames.display(now), wall, executor,
                        actions));
            }
        }
        if (focused.get() != null && !tiles.contains(focused.get())) {
            focused.set(null);
        }
    }

    /** The engine's newest listing of its running cameras, states and rates. */
    public ReadOnlyObjectProperty<List<LiveTile>> runningProperty() { return running.getReadOnlyProperty(); }

    /** Where the tiles' pictures come from (the view asks it for the focus view's stream). */
    public WallFrames frames() { return frames; }

    public ObservableList<TileViewModel> tiles() { return tiles; }

    public ObjectProperty<WallLayout> layoutProperty() { return layout; }

    public ObjectProperty<TileViewModel> focusedProperty() { return focused; }

    /** Where "Save still" on a tile saves to, and who is audited for it. */
    public void saveStillsWith(StillSaver saver) { stills = saver; }

    /** What "Replay" on a tile does: plays the camera's recording from the given time ago. */
    public void replayWith(BiConsumer<LiveTile, Duration> player) { replay = player; }

    /** On: each new alert's camera is shown alone on this wall until the guard goes back (Esc, double-click). */
    public BooleanProperty alarmsProperty() { return alarms; }

    /** Global switch for every tile's detection overlay. */
    public BooleanProperty overlaysVisibleProperty() { return overlaysVisible; }

    /** Columns (= rows) of the grid now: 1 while a camera is focused. */
    public IntegerBinding columnsBinding() { return columns; }

    /** Rows of the grid now. */
    public IntegerBinding rowsBinding() { return rows; }

    /** The tiles the grid shows now: the focused one alone, or the current page's. */
    public List<TileViewModel> visibleTiles() {
        if (focused.get() != null) {
            return List.of(focused.get());
        }
        List<TileViewModel> shown = shown();
        int from = Math.min(shown.size(), page.get() * perPage());
        return shown.subList(from, Math.min(shown.size(), from + perPage()));
    }

    /** Where the {@code index}th of {@link #visibleTiles()} goes in the grid. */
    public WallLayout.Cell cell(int index) {
        return focused.get() != null ? new WallLayout.Cell(0, 0, 1) : layout.get().cell(index, shown().size());
    }

    /**
     * The tiles of the view, in its order: every running camera without a view; with one, its cameras that run (a
     * camera of the view that is not running leaves no hole).
     */
    public List<TileViewModel> shown() {
        SharedView current = view.get();
        if (current == null) {
            return tiles;
        }
        List<TileViewModel> shown = new ArrayList<>();
        for (long id : current.cameras()) {
            tiles.stream().filter(t -> t.cameraId() == id && !shown.contains(t)).findFirst().ifPresent(shown::add);
        }
        return shown;
    }

    /** The view shown (its layout and cameras); null: every camera. */
    public ObjectProperty<SharedView> viewProperty() { return view; }

    /** Shows {@code chosen} (null: every camera) in its own layout, from its first page. */
    public void showView(SharedView chosen) {
        view.set(chosen);
        if (chosen != null) {
            try {
                layout.set(WallLayout.valueOf(chosen.layout()));
            } catch (IllegalArgumentException unknown) {
                layout.set(WallLayout.AUTO); // a view saved by a later version
            }
        }
        page.set(0);
    }

    /**
     * The view as shown now, named {@code name}: the layout and the cameras in their order, those of the view that do
     * not run now included (a camera disabled for a day stays in the view).
     */
    public SharedView arrangement(String name) {
        return new SharedView(name, layout.get().name(), viewCameras());
    }

    /** The view's camera ids in order; without a view, the running cameras' (demo cameras have none to keep). */
    private List<Long> viewCameras() {
        SharedView current = view.get();
        return current != null ? current.cameras()
                : tiles.stream().map(TileViewModel::cameraId).filter(id -> id > 0).toList();
    }

    /**
     * Puts camera {@code cameraId} before the {@code index}th tile of the page shown (a camera dropped from the camera
     * list onto that tile): the view changes (it becomes one when every camera was shown); the camera leaves its old
     * place if it had one. False when it cannot be placed (a demo camera, a view that is full).
     */
    public boolean place(long cameraId, int index) {
        if (cameraId <= 0) {
            return false;
        }
        List<TileViewModel> shown = shown();
        int position = page.get() * perPage() + Math.max(0, index);
        Long before = position < shown.size() ? shown.get(position).cameraId() : null;
        if (before != null && before == cameraId) {
            return true; // dropped on itself: it stays where it is
        }
        List<Long> ids = new ArrayList<>(viewCameras());
        ids.remove(Long.valueOf(cameraId));
        ids.add(before == null || !ids.contains(before) ? ids.size() : ids.indexOf(before), cameraId);
        SharedView current = view.get();
        try {
            view.set(new SharedView(current == null ? UNSAVED : current.name(), layout.get().name(), ids));
            return true;
        } catch (IllegalArgumentException full) {
            LOG.info("Camera {} not placed: {}", cameraId, full.getMessage());
            return false;
        }
    }

    private int perPage() {
        return layout.get().tilesPerPage(shown().size());
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** The page shown, from 0. */
    public IntegerProperty pageProperty() { return page; }

    /** How many pages the cameras take in this layout (at least 1). */
    public IntegerBinding pageCountBinding() { return pageCount; }

    /** The next page, after the last the first. */
    public void nextPage() {
        page.set((page.get() + 1) % pageCount.get());
    }

    /** The page before, before the first the last. */
    public void previousPage() {
        page.set((page.get() + pageCount.get() - 1) % pageCount.get());
    }

    /** Seconds each page shows on tour (0: off). */
    public IntegerProperty tourSecondsProperty() { return tourSeconds; }

    /** The guard used the wall (a click, a key, the wheel): the tour waits a full period from now. */
    public void interacted() {
        quietSince = System.nanoTime();
    }

    public void focus(TileViewModel tile) { focused.set(tile); }

    public void unfocus() { focused.set(null); }

    /** Stops following the engine's events (a wall whose window closed). */
    public void close() {
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("A wall's subscription did not close", e);
            }
        }
        subscriptions.clear();
    }

    /**
     * Counts the reconnect countdowns down now, turns the page when the tour is due, and asks the engine for the rates
     * (once a second).
     */
    public void refresh() {
        Instant now = Instant.now();
        tiles.forEach(t -> t.refresh(now));
        tour(System.nanoTime());
        if (!listing) {
            syncTiles();
        }
    }

    /** Turns the page when the tour runs, nobody focuses a camera and the page has shown for its period undisturbed. */
    void tour(long nanoNow) {
        int seconds = tourSeconds.get();
        if (seconds > 0 && focused.get() == null && pageCount.get() > 1
                && nanoNow - quietSince >= seconds * 1_000_000_000L) {
            nextPage();
            quietSince = nanoNow;
        }
    }
}
