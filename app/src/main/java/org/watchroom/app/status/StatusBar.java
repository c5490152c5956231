package org.watchroom.app.status;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/** The bottom bar; refreshes its model once a second. Thread-safety: FX thread only. */
public final class StatusBar extends HBox {
    private final Timeline ticker;
    private final StatusViewModel model;

    public StatusBar(StatusViewModel model) {
        this.model = model;
        getStyleClass().add("status-bar");
        setSpacing(16);
        Label cameras = bound(model.camerasProperty());
        cameras.setId("status-cameras");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label detection = bound(model.detectionProperty());
        detection.setId("status-detection");
        Label storage = bound(model.storageAlertProperty());
        storage.setId("status-storage-alert");
        storage.getStyleClass().add("storage-alert");
        storage.visibleProperty().bind(model.storageAlertProperty().isNotEmpty());
        storage.managedProperty().bind(storage.visibleProperty());
        Label recorder = bound(model.recorderProperty());
        recorder.setId("status-recorder");
        recorder.getStyleClass().add("storage-alert");
        recorder.visibleProperty().bind(model.recorderProperty().isNotEmpty());
        recorder.managedProperty().bind(recorder.visibleProperty());
        Label process = bound(model.processProperty());
        process.setId("status-recorder-process");
        process.visibleProperty().bind(model.processProperty().isNotEmpty());
        process.managedProperty().bind(process.visibleProperty());
        Label api = bound(model.apiProperty());
        api.setId("status-api");
        Tooltip apiTip = new Tooltip();
        apiTip.textProperty().bind(model.apiDetailProperty());
        api.setTooltip(apiTip);
        api.visibleProperty().bind(model.apiProperty().isNotEmpty());
        api.managedProperty().bind(api.visibleProperty());
        getChildren().addAll(cameras, bound(model.fpsProperty()), detection, storage, recorder, spring, process, api,
                bound(model.cpuProperty()), bound(model.heapProperty()));
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.refresh()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    private static Label bound(ObservableValue<String> text) {
        Label label = new Label();
        label.textProperty().bind(text);
        return label;
    }

    public StatusViewModel model() { return model; }

    public void stop() { ticker.stop(); }
}
