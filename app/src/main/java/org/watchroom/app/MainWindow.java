package org.watchroom.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.watchroom.app.alerts.AlertsView;
import org.watchroom.app.alerts.AlertsViewModel;
import org.watchroom.app.cameras.CamerasView;
import org.watchroom.app.cameras.CamerasViewModel;
import org.watchroom.app.review.ReviewView;
import org.watchroom.app.review.ReviewViewModel;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.app.status.StatusBar;
import org.watchroom.app.status.StatusViewModel;
import org.watchroom.app.wall.WallLayout;
import org.watchroom.app.wall.WallView;
import org.watchroom.app.wall.WallViewModel;
import org.watchroom.core.engine.Engine;

/**
 * The main window: toolbar (layout, cameras, alerts, theme), live wall with the alerts pane and the selected
 * alert's review pane below it on its right,
 * status bar. Esc leaves the focus view.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class MainWindow {
    private static final String CSS = MainWindow.class.getResource("watchroom.css").toExternalForm();
    private final Stage stage;
    private final WallViewModel wallModel;
    private final WallView wall;
    private final StatusBar status;
    private final CamerasViewModel camerasModel;
    private final AlertsViewModel alertsModel;
    private final AlertsView alerts;
    private final ReviewViewModel reviewModel;
    private final ReviewView review;
    private CamerasView camerasView;

    public MainWindow(Stage stage, Engine engine, TaskExecutor executor) {
        this.stage = stage;
        wallModel = new WallViewModel(engine, executor);
        wall = new WallView(wallModel);
        status = new StatusBar(new StatusViewModel(engine));
        camerasModel = new CamerasViewModel(engine, executor);
        alertsModel = new AlertsViewModel(engine, executor);
        alerts = new AlertsView(alertsModel, executor);
        alertsModel.reload();
        reviewModel = new ReviewViewModel(engine.events(), executor);
        review = new ReviewView(reviewModel, executor);
        alertsModel.selectedProperty().subscribe(e -> reviewModel.load(e == null ? null : e.id()));
        alerts.onOtherKeys(review::handleKey);
        SplitPane side = new SplitPane(alerts, review); // alerts above, the selected one's review below
        side.setOrientation(javafx.geometry.Orientation.VERTICAL);
        side.setDividerPositions(0.42);

        ChoiceBox<WallLayout> layout = new ChoiceBox<>();
        layout.setId("layout-choice");
        layout.getItems().setAll(WallLayout.values());
        layout.valueProperty().bindBidirectional(wallModel.layoutProperty());
        Button cameras = new Button("Cameras…");
        cameras.setId("open-cameras");
        cameras.setOnAction(e -> openCameras());
        ToggleButton light = new ToggleButton("Light theme");
        light.setId("theme-toggle");
        light.selectedProperty().subscribe(on -> applyTheme(on));
        ToggleButton overlays = new ToggleButton("Detections");
        overlays.setId("overlay-toggle");
        overlays.selectedProperty().bindBidirectional(wallModel.overlaysVisibleProperty());
        SplitPane centre = new SplitPane(wall, side);
        centre.setDividerPositions(0.7);
        SplitPane.setResizableWithParent(side, false);
        ToggleButton alertsToggle = new ToggleButton("Alerts");
        alertsToggle.setId("alerts-toggle");
        alertsToggle.setSelected(true);
        alertsToggle.selectedProperty().subscribe(shown -> {
            if (!shown) {
                centre.getItems().remove(side);
            } else if (!centre.getItems().contains(side)) {
                centre.getItems().add(side);
                centre.setDividerPositions(0.7);
            }
        });
        ToolBar toolbar = new ToolBar(new Label("Layout"), layout, cameras, overlays, alertsToggle, light);

        BorderPane root = new BorderPane(centre, toolbar, null, status, null);
        root.getStyleClass().add("main-window");
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(CSS);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !alerts.isFocusWithin()) {
                wall.unfocus();
            }
        });
        stage.setTitle("Watchroom");
        stage.setScene(scene);
    }

    private static void applyTheme(boolean light) {
        Application.setUserAgentStylesheet(light ? new PrimerLight().getUserAgentStylesheet()
                : new PrimerDark().getUserAgentStylesheet());
    }

    public void openCameras() {
        if (camerasView == null) {
            camerasView = new CamerasView(stage, camerasModel);
        }
        camerasModel.load();
        camerasView.show();
    }

    public void showError(Throwable e) {
        new Alert(Alert.AlertType.ERROR, e.getMessage() == null ? e.toString() : e.getMessage()).show();
    }

    public WallView wall() { return wall; }

    public WallViewModel wallModel() { return wallModel; }

    public AlertsView alerts() { return alerts; }

    public AlertsViewModel alertsModel() { return alertsModel; }

    public ReviewView review() { return review; }

    public ReviewViewModel reviewModel() { return reviewModel; }

    public Stage stage() { return stage; }

    void stop() {
        wall.stop();
        status.stop();
        alertsModel.close();
        review.stop();
        reviewModel.close();
    }
}
