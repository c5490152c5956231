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
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.app.status.StatusBar;
import org.watchroom.app.status.StatusViewModel;
import org.watchroom.app.wall.WallLayout;
import org.watchroom.app.wall.WallView;
import org.watchroom.app.wall.WallViewModel;
import org.watchroom.core.engine.Engine;

/**
 * The main window: toolbar (layout, cameras, alerts, theme), live wall with the alerts pane on its right,
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
        SplitPane centre = new SplitPane(wall, alerts);
        centre.setDividerPositions(0.74);
        SplitPane.setResizableWithParent(alerts, false);
        ToggleButton alertsToggle = new ToggleButton("Alerts");
        alertsToggle.setId("alerts-toggle");
        alertsToggle.setSelected(true);
        alertsToggle.selectedProperty().subscribe(shown -> {
            if (!shown) {
                centre.getItems().remove(alerts);
            } else if (!centre.getItems().contains(alerts)) {
                centre.getItems().add(alerts);
                centre.setDividerPositions(0.74);
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

    /** The status bar names the running REST API and offers its token on hover. */
    public void showApi(String url, String token) { status.model().showApi(url, token); }

    public WallView wall() { return wall; }

    public WallViewModel wallModel() { return wallModel; }

    public AlertsView alerts() { return alerts; }

    public AlertsViewModel alertsModel() { return alertsModel; }

    public Stage stage() { return stage; }

    void stop() {
        wall.stop();
        status.stop();
        alertsModel.close();
    }
}
