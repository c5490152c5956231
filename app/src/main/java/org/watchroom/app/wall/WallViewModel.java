package org.watchroom.app.wall;

import java.time.Instant;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;

/**
 * The wall: one {@link TileViewModel} per running camera, the chosen layout, and the focused camera (shown
 * alone). Follows the engine through the event bus.
 *
 * <p>Thread-safety: FX thread only; bus events are handed over through the {@link TaskExecutor}.
 */
public final class WallViewModel {
    // not a port yet: the wall shows live cameras and their frames (LiveCamera, frame rings), not JSON values
    private final Engine engine;
    private final ObservableList<TileViewModel> tiles = FXCollections.observableArrayList();
    private final ObjectProperty<WallLayout> layout = new SimpleObjectProperty<>(WallLayout.AUTO);
    private final ObjectProperty<TileViewModel> focused = new SimpleObjectProperty<>();
    private final BooleanProperty overlaysVisible = new SimpleBooleanProperty(true);
    private final IntegerBinding columns;
    private final IntegerBinding rows;

    public WallViewModel(Engine engine, TaskExecutor executor) {
        this.engine = engine;
        columns = Bindings.createIntegerBinding(
                () -> focused.get() != null ? 1 : layout.get().columnsFor(tiles.size()), layout, tiles, focused);
        rows = Bindings.createIntegerBinding(
                () -> focused.get() != null ? 1 : layout.get().rowsFor(tiles.size()), layout, tiles, focused);
        engine.bus().subscribe(WatchroomEvent.CameraStateChanged.class, event -> executor.onUiThread(() ->
                tiles.stream().filter(t -> t.cameraId() == event.cameraId()
                                && t.displaySource().name().equals(event.cameraName()))
                        .forEach(t -> t.stateProperty().set(event.state()))));
        engine.bus().subscribe(WatchroomEvent.CamerasChanged.class, event -> executor.onUiThread(this::syncTiles));
        engine.bus().subscribe(WatchroomEvent.DetectionsReady.class, event -> {
            long received = System.nanoTime();
            executor.onUiThread(() -> tiles.stream()
                    .filter(t -> t.cameraId() == event.result().cameraId()
                            && t.name().equals(event.result().cameraName()))
                    .forEach(t -> t.showDetections(event.result(), received)));
        });
        engine.bus().subscribe(WatchroomEvent.EventStarted.class, event -> executor.onUiThread(() ->
                tiles.stream().filter(t -> t.cameraId() == event.cameraId() && t.name().equals(event.cameraName()))
                        .forEach(TileViewModel::flash)));
        syncTiles();
    }

    /** Rebuilds tiles for cameras that came or went; keeps the others (and their readers) as they are. */
    void syncTiles() {
        List<LiveCamera> running = engine.cameras();
        tiles.removeIf(tile -> !running.contains(tile.camera()));
        for (int i = 0; i < running.size(); i++) {
            LiveCamera camera = running.get(i);
            if (tiles.stream().noneMatch(t -> t.camera() == camera)) {
                tiles.add(Math.min(i, tiles.size()), new TileViewModel(camera));
            }
        }
        if (focused.get() != null && !tiles.contains(focused.get())) {
            focused.set(null);
        }
    }

    public ObservableList<TileViewModel> tiles() { return tiles; }

    public ObjectProperty<WallLayout> layoutProperty() { return layout; }

    public ObjectProperty<TileViewModel> focusedProperty() { return focused; }

    /** Global switch for every tile's detection overlay. */
    public BooleanProperty overlaysVisibleProperty() { return overlaysVisible; }

    /** Columns (= rows) of the grid now: 1 while a camera is focused. */
    public IntegerBinding columnsBinding() { return columns; }

    /** Rows of the grid now. */
    public IntegerBinding rowsBinding() { return rows; }

    /** The tiles the grid shows now: the focused one alone, or as many as the layout holds. */
    public List<TileViewModel> visibleTiles() {
        if (focused.get() != null) {
            return List.of(focused.get());
        }
        return tiles.subList(0, Math.min(tiles.size(), columns.get() * rows.get()));
    }

    public void focus(TileViewModel tile) { focused.set(tile); }

    public void unfocus() { focused.set(null); }

    public void refresh() {
        Instant now = Instant.now();
        tiles.forEach(t -> t.refresh(now));
    }
}
