package org.watchroom.app;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.app.wall.ViewChooser;
import org.watchroom.app.wall.ViewsViewModel;
import org.watchroom.app.wall.WallLayout;
import org.watchroom.app.wall.WallPager;
import org.watchroom.app.wall.WallView;
import org.watchroom.app.wall.WallViewModel;
import org.watchroom.core.engine.EnginePorts;

/**
 * A wall on another monitor: a window of its own on the chosen screen, maximised, with its own layout, view, pages
 * and tour, and optionally set aside for alarms ("alarm to monitor": each new alert's camera is shown alone here).
 * It stays up while the main window is locked, like the main wall, and closes with the main window.
 *
 * <p>Thread-safety: FX thread only.
 */
final class SecondWall {
    private final Stage stage = new Stage();
    private final WallViewModel model;
    private final WallView wall;

    SecondWall(EnginePorts ports, EngineLink engine, TaskExecutor executor, ViewsViewModel views, Screen screen,
               List<String> stylesheets) {
        model = new WallViewModel(ports.wall(), engine.frames(), ports.bus(), executor);
        wall = new WallView(model);
        ChoiceBox<WallLayout> layout = new ChoiceBox<>();
        layout.setId("second-wall-layout");
        layout.getItems().setAll(WallLayout.values());
        layout.valueProperty().bindBidirectional(model.layoutProperty());
        CheckBox alarms = new CheckBox("Show alarms here");
        alarms.setId("second-wall-alarms");
        alarms.selectedProperty().bindBidirectional(model.alarmsProperty());
        HBox bar = new HBox(6, new ViewChooser(new ViewsViewModel(model, views), model), new Label("Layout"), layout,
                new WallPager(model), alarms);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 4, 2, 4));
        bar.getStyleClass().add("wall-bar");
        BorderPane root = new BorderPane(wall);
        root.setTop(bar);
        root.getStyleClass().add("main-window");
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().setAll(stylesheets);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.focusedProperty().get() != null) {
                model.unfocus(); // Esc leaves the camera shown alone (an alarm's too); a wall is no dialog to close
                e.consume();
            } else if (e.getCode() == KeyCode.PAGE_DOWN || e.getCode() == KeyCode.PAGE_UP) {
                model.interacted();
                if (e.getCode() == KeyCode.PAGE_DOWN) {
                    model.nextPage();
                } else {
                    model.previousPage();
                }
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.setTitle("Watchroom — second wall");
        Rectangle2D area = screen.getVisualBounds();
        stage.setX(area.getMinX());
        stage.setY(area.getMinY());
        stage.setWidth(Math.min(1280, area.getWidth()));
        stage.setHeight(Math.min(800, area.getHeight()));
        stage.setOnHidden(e -> { // its tiles let their frames go, its model stops following the engine
            wall.stop();
            model.close();
        });
    }

    /** Shows it maximised on its screen. */
    void show() {
        stage.show();
        stage.setMaximized(true);
    }

    void close() {
        stage.close();
    }

    Stage stage() { return stage; }

    WallViewModel model() { return model; }

    WallView wall() { return wall; }
}
