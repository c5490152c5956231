package org.watchroom.app.alerts;

import javafx.collections.ListChangeListener;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.util.StringConverter;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.EventStatus;

/**
 * The alerts pane's filter bar: status, camera, label, time range and note search, bound to the model's filters
 * both ways (the model changes them too when it reveals an event from the timeline).
 *
 * <p>Thread-safety: FX thread only.
 */
final class AlertFilterBar extends FlowPane {
    private static final String ALL_STATUSES = "All statuses";

    AlertFilterBar(AlertsViewModel model) {
        super(6, 6);
        getChildren().addAll(status(model), camera(model), label(model), time(model), search(model));
        setPrefWrapLength(300);
    }

    private static ChoiceBox<String> status(AlertsViewModel model) {
        ChoiceBox<String> status = new ChoiceBox<>();
        status.setId("alerts-status");
        status.getItems().add(ALL_STATUSES);
        for (EventStatus s : EventStatus.values()) {
            status.getItems().add(capitalised(s));
        }
        status.setValue(model.statusFilterProperty().get() == null ? ALL_STATUSES : capitalised(model.statusFilterProperty().get()));
        status.valueProperty().subscribe(v -> model.statusFilterProperty().set(
                v == null || v.equals(ALL_STATUSES) ? null : EventStatus.parse(v)));
        // the model may change it too (reveal from the timeline)
        model.statusFilterProperty().subscribe(s -> status.setValue(s == null ? ALL_STATUSES : capitalised(s)));
        return status;
    }

    private static ChoiceBox<Camera> camera(AlertsViewModel model) {
        ChoiceBox<Camera> camera = new ChoiceBox<>();
        camera.setId("alerts-camera");
        camera.setConverter(new StringConverter<>() {
            @Override
            public String toString(Camera c) { return c == null ? "All cameras" : c.name(); }

            @Override
            public Camera fromString(String s) { return null; }
        });
        Runnable fillCameras = () -> {
            Long chosen = model.cameraFilterProperty().get();
            camera.getItems().setAll((Camera) null);
            camera.getItems().addAll(model.cameras());
            camera.setValue(model.cameras().stream().filter(c -> chosen != null && c.id() == chosen).findFirst().orElse(null));
        };
        model.cameras().addListener((ListChangeListener<Camera>) c -> fillCameras.run());
        fillCameras.run();
        camera.valueProperty().subscribe(c -> model.cameraFilterProperty().set(c == null ? null : c.id()));
        model.cameraFilterProperty().subscribe(id -> {
            if (id == null && camera.getValue() != null) {
                camera.setValue(null);
            }
        });
        return camera;
    }

    private static TextField label(AlertsViewModel model) {
        TextField label = new TextField();
        label.setId("alerts-label");
        label.setPromptText("label");
        label.setPrefColumnCount(7);
        label.textProperty().bindBidirectional(model.labelFilterProperty());
        return label;
    }

    private static ChoiceBox<TimeRange> time(AlertsViewModel model) {
        ChoiceBox<TimeRange> time = new ChoiceBox<>();
        time.setId("alerts-time");
        time.getItems().setAll(TimeRange.values());
        time.valueProperty().bindBidirectional(model.timeRangeProperty());
        return time;
    }

    private static TextField search(AlertsViewModel model) {
        TextField search = new TextField();
        search.setId("alerts-search");
        search.setPromptText("search notes");
        search.setPrefColumnCount(10);
        search.textProperty().bindBidirectional(model.noteSearchProperty());
        return search;
    }

    private static String capitalised(EventStatus s) {
        String v = s.dbValue();
        return Character.toUpperCase(v.charAt(0)) + v.substring(1);
    }
}
