package org.watchroom.app.wall;

import java.util.IdentityHashMap;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.beans.Observable;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

/**
 * The grid of {@link TileView}s. One {@link AnimationTimer} drives every tile: each pulse it shows the newest
 * frame of each visible tile (if any), and once a second it refreshes badges and fps.
 * Double-click focuses a camera (its main stream when it has a sub-stream); {@link #unfocus()} goes back.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class WallView extends GridPane {
    private final WallViewModel model;
    private final IdentityHashMap<TileViewModel, TileView> views = new IdentityHashMap<>();
    private List<TileView> visible = List.of();
    private long lastRefresh;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            for (TileView tile : visible) {
                tile.pollFrame();
            }
            if (now - lastRefresh > 1_000_000_000L) {
                lastRefresh = now;
                model.refresh();
            }
        }
    };

    public WallView(WallViewModel model) {
        this.model = model;
        getStyleClass().add("wall");
        setHgap(4);
        setVgap(4);
        model.tiles().addListener((Observable o) -> rebuild());
        model.columnsBinding().addListener((Observable o) -> rebuild());
        model.rowsBinding().addListener((Observable o) -> rebuild());
        model.layoutProperty().addListener((Observable o) -> rebuild()); // 4×4 and 1 large + 12 share the grid
        model.pageProperty().addListener((Observable o) -> rebuild());
        model.viewProperty().addListener((Observable o) -> rebuild());
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> model.interacted());
        addEventFilter(ScrollEvent.SCROLL, e -> model.interacted());
        model.focusedProperty().addListener((o, previous, now) -> {
            if (previous != null) {
                TileView view = views.get(previous);
                if (view != null) {
                    view.showSource(previous.display());
                }
                model.frames().unfocus(previous.tile());
            }
            if (now != null) {
                views.computeIfAbsent(now, this::createTile).showSource(model.frames().focus(now.tile()));
            }
            rebuild();
        });
        rebuild();
        timer.start();
    }

    private void rebuild() {
        List<TileViewModel> shown = model.visibleTiles();
        // a tile off the page lets its frames go (its reader, its size request) until its page shows again
        views.keySet().removeIf(tile -> {
            if (!shown.contains(tile)) {
                views.get(tile).dispose();
                return true;
            }
            return false;
        });
        int columns = model.columnsBinding().get();
        int rows = model.rowsBinding().get();
        getChildren().clear();
        getColumnConstraints().clear();
        getRowConstraints().clear();
        for (int i = 0; i < columns; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / columns);
            c.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(c);
        }
        for (int i = 0; i < rows; i++) {
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(100.0 / rows);
            r.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(r);
        }
        TileView[] placed = new TileView[shown.size()];
        for (int i = 0; i < shown.size(); i++) {
            TileViewModel tile = shown.get(i);
            TileView view = views.computeIfAbsent(tile, this::createTile);
            view.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            WallLayout.Cell cell = model.cell(i);
            add(view, cell.column(), cell.row(), cell.span(), cell.span());
            placed[i] = view;
        }
        visible = List.of(placed);
    }

    private TileView createTile(TileViewModel tile) {
        TileView view = new TileView(tile);
        // a camera dragged from the camera list takes this tile's place in the view
        view.setOnDragOver(e -> {
            if (CameraListView.draggedCamera(e.getDragboard()) > 0) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        view.setOnDragDropped(e -> {
            long camera = CameraListView.draggedCamera(e.getDragboard());
            int at = visible.indexOf(view);
            boolean placed = camera > 0 && at >= 0 && model.place(camera, at);
            model.interacted();
            e.setDropCompleted(placed);
            e.consume();
        });
        view.overlaysAllowedBy(model.overlaysVisibleProperty());
        view.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                if (model.focusedProperty().get() == tile) {
                    model.unfocus();
                } else {
                    model.focus(tile);
                }
            }
        });
        return view;
    }

    public void unfocus() { model.unfocus(); }

    /** The tiles on screen now, for tests and screenshots. */
    public List<TileView> visibleTiles() { return visible; }

    public void stop() {
        timer.stop();
        TileViewModel focused = model.focusedProperty().get();
        if (focused != null) {
            model.frames().unfocus(focused.tile()); // a watched main stream is let go, not left to its lease
        }
        views.values().forEach(TileView::dispose);
    }
}
