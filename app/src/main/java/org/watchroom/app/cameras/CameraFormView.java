package org.watchroom.app.cameras;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.TraversalDirection;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.watchroom.app.keys.DialogKeys;
import org.watchroom.core.camera.ConnectionTester;
import org.watchroom.core.engine.Suppression;
import org.watchroom.core.record.RecordingPolicy;

/**
 * The add / edit window for one camera: fields, live validation message, "Test connection" with a thumbnail
 * or the reason it failed, Save and Cancel.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class CameraFormView {
    private final Stage stage = new Stage();

    public CameraFormView(Window owner, CameraFormViewModel form, CamerasViewModel cameras) {
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        DialogKeys.escapeCloses(stage); // Esc is Cancel
        stage.setTitle(form.isNew() ? "Add camera" : "Edit camera");

        TextField name = field("camera-name", "Front door");
        name.textProperty().bindBidirectional(form.nameProperty());
        TextField url = field("camera-url", "rtsp://192.168.1.20:554/stream1");
        url.textProperty().bindBidirectional(form.urlProperty());
        TextField user = field("camera-username", "user name, if the camera asks for one");
        user.setPrefColumnCount(16);
        user.textProperty().bindBidirectional(form.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("camera-password");
        password.setPrefColumnCount(16);
        password.setPromptText(form.isNew() ? "" : "unchanged"); // a stored password is never shown
        password.textProperty().bindBidirectional(form.passwordProperty());
        HBox credentials = new HBox(8, user, label("Password"), password);
        credentials.setAlignment(Pos.CENTER_LEFT);
        TextField subUrl = field("camera-sub-url", "optional lower-resolution stream for tiles and detection");
        subUrl.textProperty().bindBidirectional(form.subUrlProperty());
        TextField location = field("camera-location", "optional");
        location.textProperty().bindBidirectional(form.locationProperty());
        ChoiceBox<String> transport = new ChoiceBox<>();
        transport.setId("camera-transport");
        transport.getItems().setAll("tcp", "udp");
        transport.valueProperty().bindBidirectional(form.rtspTransportProperty());
        ChoiceBox<String> recordMode = new ChoiceBox<>();
        recordMode.setId("camera-record-mode");
        for (RecordingPolicy.Mode m : RecordingPolicy.Mode.values()) {
            recordMode.getItems().add(m.json());
        }
        recordMode.valueProperty().bindBidirectional(form.recordModeProperty());
        TextField keepDays = field("camera-keep-days", "days; empty: as the installation keeps");
        keepDays.setPrefColumnCount(8);
        keepDays.textProperty().bindBidirectional(form.keepDaysProperty());
        TextField keepSize = field("camera-keep-size", "like 500G or 20M; empty: no cap");
        keepSize.setPrefColumnCount(10);
        keepSize.textProperty().bindBidirectional(form.keepSizeProperty());
        Label recordHelp = new Label("continuous: every second · motion: segments with motion · events: "
                + "a clip per event · off");
        recordHelp.setStyle("-fx-font-size: 11px; -fx-opacity: 0.8;");
        HBox recording = new HBox(8, recordMode, label("Keep days"), keepDays, label("Keep size"), keepSize);
        recording.setAlignment(Pos.CENTER_LEFT);
        CheckBox detect = new CheckBox("Detect objects");
        detect.setId("camera-detect");
        detect.selectedProperty().bindBidirectional(form.detectProperty());
        TextField fps = field("camera-detect-fps", "5");
        fps.setPrefColumnCount(4);
        fps.textProperty().bindBidirectional(form.detectFpsProperty());
        ChoiceBox<String> faces = new ChoiceBox<>();
        faces.setId("camera-faces");
        faces.getItems().setAll("whole_frame", "in_persons", "off");
        faces.valueProperty().bindBidirectional(form.facesProperty());
        HBox detection = new HBox(8, detect, label("Passes/s"), fps, label("Faces"), faces);
        detection.setAlignment(Pos.CENTER_LEFT);
        TextField labels = field("camera-labels", "person, car, truck …");
        labels.textProperty().bindBidirectional(form.labelsProperty());
        TextField minScores = field("camera-min-scores", "person=0.6, car=0.8 (others: 0.65)");
        minScores.textProperty().bindBidirectional(form.minScoresProperty());
        TextField minAreas = field("camera-min-areas", "car=1.5 (% of the picture; others: any size)");
        minAreas.textProperty().bindBidirectional(form.minAreasProperty());

        TextArea notes = new TextArea();
        notes.setId("camera-notes");
        notes.setPrefRowCount(3);
        notes.textProperty().bindBidirectional(form.notesProperty());
        notes.addEventFilter(KeyEvent.KEY_PRESSED, e -> { // a tab in a note is never wanted: Tab leaves, as in a field
            if (e.getCode() == KeyCode.TAB && !e.isAltDown()) {
                notes.requestFocusTraversal(e.isShiftDown() ? TraversalDirection.PREVIOUS : TraversalDirection.NEXT);
                e.consume();
            }
        });

        Label problem = new Label();
        problem.setId("camera-problem");
        problem.getStyleClass().add("form-problem");
        problem.textProperty().bind(form.problemBinding());
        problem.setWrapText(true);

        ImageView thumbnail = new ImageView();
        thumbnail.setId("camera-test-thumbnail");
        thumbnail.setFitWidth(160);
        thumbnail.setPreserveRatio(true);
        Label testResult = new Label();
        testResult.setId("camera-test-result");
        testResult.setWrapText(true);
        Button test = new Button("Test connection");
        test.setId("camera-test");
        // disabled while a test runs, too: setDisable on the bound property threw on every click
        BooleanProperty testing = new SimpleBooleanProperty();
        test.disableProperty().bind(form.validBinding().not().or(testing));
        test.setOnAction(e -> {
            testing.set(true);
            testResult.setText("Connecting…");
            thumbnail.setImage(null);
            cameras.testConnection(form, result -> {
                testing.set(false);
                testResult.setText(result.message());
                thumbnail.setImage(result.ok() ? image(result) : null);
            });
        });

        Button save = new Button("Save");
        save.setId("camera-save");
        save.setDefaultButton(true);
        save.disableProperty().bind(form.validBinding().not());
        save.setOnAction(e -> {
            cameras.save(form);
            stage.close();
        });
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());

        GridPane camera = grid();
        camera.addRow(0, label("Name"), name);
        camera.addRow(1, label("Stream URL"), url);
        camera.addRow(2, label("User"), credentials);
        camera.addRow(3, label("Sub-stream URL"), subUrl);
        camera.addRow(4, label("RTSP transport"), transport);
        camera.addRow(5, label("Location"), location);
        camera.addRow(6, label("Recording"), new VBox(2, recording, recordHelp));
        camera.addRow(7, label("Notes"), notes);
        GridPane alerts = grid();
        alerts.addRow(0, label("Detection"), detection);
        alerts.addRow(1, label("Labels"), labels);
        alerts.addRow(2, label("Alert score"), minScores);
        alerts.addRow(3, label("Alert size"), minAreas);
        if (!form.isNew()) {
            alerts.addRow(4, label("Suppressed regions"), suppressions(form, cameras));
            Button zones = new Button("Zones and masks…");
            zones.setId("camera-zones");
            zones.setOnAction(e -> new ZoneEditorView(stage, cameras.zoneEditor(form)).show());
            alerts.addRow(5, label("Where objects count"), zones);
            cameras.loadSuppressions(form);
        }
        Tab cameraTab = new Tab("Camera", camera);
        Tab alertsTab = new Tab("Detection and alerts", alerts);
        TabPane tabs = new TabPane(cameraTab, alertsTab);
        tabs.setId("camera-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox bottom = new VBox(8, problem, new HBox(8, test, testResult), thumbnail, new HBox(8, save, cancel));
        bottom.setPadding(new Insets(0, 12, 12, 12));
        BorderPane root = new BorderPane(tabs);
        root.setBottom(bottom);
        stage.setScene(new Scene(root, 760, 620));
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
    }

    /** Label and box (in % of the picture) of each suppression region, with Remove; saved at once, not on Save. */
    private static Node suppressions(CameraFormViewModel form, CamerasViewModel cameras) {
        ListView<Suppression> list =
                new ListView<>(form.suppressions());
        list.setId("camera-suppressions");
        list.setPrefHeight(110);
        list.setPlaceholder(new Label("None: S in the alerts dismisses an alert and suppresses its spot"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Suppression item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.describe());
            }
        });
        Button remove = new Button("Remove");
        remove.setId("camera-suppression-remove");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> cameras.removeSuppression(form, list.getSelectionModel().getSelectedItem()));
        return new VBox(4, list, remove);
    }

    /** A label that keeps its whole text: the fields beside it give way instead. */
    private static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        return grid;
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(40);
        return field;
    }

    private static WritableImage image(ConnectionTester.Result result) {
        WritableImage image = new WritableImage(result.width(), result.height());
        image.getPixelWriter().setPixels(0, 0, result.width(), result.height(),
                PixelFormat.getByteBgraPreInstance(), result.bgra(), 0, result.width() * 4);
        return image;
    }

    public void show() { stage.show(); }
}
