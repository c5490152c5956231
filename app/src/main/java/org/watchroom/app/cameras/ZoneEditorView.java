package org.watchroom.app.cameras;

import java.util.Arrays;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.watchroom.app.keys.DialogKeys;
import org.watchroom.core.camera.ConnectionTester;
import org.watchroom.core.engine.Suppression;
import org.watchroom.core.event.Region;

/**
 * Draws a camera's zones, object masks and suppression regions on a snapshot of the camera, and edits them: click to
 * add a corner to the selected shape, drag a corner to move it, right-click a corner to delete it, click a dashed
 * suppression box to remove it. Talks only to its {@link ZoneEditorViewModel}.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class ZoneEditorView {
    static final double PICTURE_WIDTH = 640;
    /** How near (in pixels) a click must be to a corner to take it. */
    private static final double GRAB = 9;

    private final Stage stage = new Stage();
    private final ZoneEditorViewModel model;
    private final Canvas picture = new Canvas(PICTURE_WIDTH, 360);
    private WritableImage image;
    private int dragging = -1;

    public ZoneEditorView(Window owner, ZoneEditorViewModel model) {
        this.model = model;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        DialogKeys.escapeCloses(stage); // Esc is Cancel
        stage.setTitle("Zones and masks");
        picture.setId("zones-picture");
        picture.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        picture.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        picture.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragging = -1);

        ListView<ZoneEditorViewModel.Shape> list = new ListView<>(model.shapes());
        list.setId("zones-list");
        list.setPrefHeight(160);
        list.setPlaceholder(new Label("No zones: objects count anywhere"));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.selectedProperty().set(b));
        model.selectedProperty().addListener((o, a, b) -> {
            if (list.getSelectionModel().getSelectedItem() != b) {
                list.getSelectionModel().select(b);
            }
        });
        Button newZone = new Button("New zone");
        newZone.setId("zones-new-zone");
        newZone.setOnAction(e -> model.newShape(ZoneEditorViewModel.Kind.ZONE));
        Button newMask = new Button("New mask");
        newMask.setId("zones-new-mask");
        newMask.setOnAction(e -> model.newShape(ZoneEditorViewModel.Kind.MASK));
        Button newMotionMask = new Button("New motion mask");
        newMotionMask.setId("zones-new-motion-mask");
        newMotionMask.setOnAction(e -> model.newShape(ZoneEditorViewModel.Kind.MOTION_MASK));
        Button delete = new Button("Delete shape");
        delete.setId("zones-delete");
        delete.disableProperty().bind(model.selectedProperty().isNull());
        delete.setOnAction(e -> model.deleteSelected());

        TextField name = field("zone-name", "Driveway");
        TextField labels = field("zone-labels", "person, car (empty: all)");
        TextField dwell = field("zone-dwell", "0 = at once");
        model.selectedProperty().addListener((o, before, now) -> {
            if (before != null) {
                name.textProperty().unbindBidirectional(before.nameProperty());
                labels.textProperty().unbindBidirectional(before.labelsProperty());
                dwell.textProperty().unbindBidirectional(before.dwellProperty());
            }
            boolean zone = now != null && now.kind() == ZoneEditorViewModel.Kind.ZONE;
            for (TextField f : List.of(name, labels, dwell)) {
                f.setDisable(!zone);
                if (!zone) {
                    f.clear();
                }
            }
            if (zone) {
                name.textProperty().bindBidirectional(now.nameProperty());
                labels.textProperty().bindBidirectional(now.labelsProperty());
                dwell.textProperty().bindBidirectional(now.dwellProperty());
            }
            redraw();
        });
        List.of(name, labels, dwell).forEach(f -> f.setDisable(true));
        GridPane fields = new GridPane();
        fields.setHgap(6);
        fields.setVgap(6);
        fields.addRow(0, new Label("Name"), name);
        fields.addRow(1, new Label("Labels"), labels);
        fields.addRow(2, new Label("Dwell (s)"), dwell);

        Label problem = new Label();
        problem.setId("zones-problem");
        problem.getStyleClass().add("form-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemBinding());
        Label message = new Label();
        message.setId("zones-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Button save = new Button("Save");
        save.setId("zones-save");
        save.setDefaultButton(true);
        save.disableProperty().bind(model.problemBinding().isNotEmpty());
        save.setOnAction(e -> model.save());
        Button close = new Button("Close");
        close.setId("zones-close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());

        Label help = new Label("A zone: objects count only with their feet inside (after the dwell time), for its "
                + "labels. An object mask: objects with their feet inside never count. A motion mask: movement there "
                + "(a clock, trees) does not wake the detector.");
        help.setWrapText(true);
        help.setMaxWidth(360);
        VBox side = new VBox(8, list, new HBox(6, newZone, newMask, newMotionMask), delete, fields, help);
        side.setPrefWidth(360);
        BorderPane root = new BorderPane(picture);
        root.setRight(side);
        root.setBottom(new VBox(6, problem, message, new HBox(8, save, close)));
        root.setPadding(new Insets(12));
        BorderPane.setMargin(side, new Insets(0, 0, 0, 12));
        stage.setScene(new Scene(root)); // sized to the picture, again when the snapshot gives it its shape
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }

        model.revisionProperty().subscribe(() -> {
            list.refresh(); // the rows show each shape's name and corner count
            redraw();
        });
        model.suppressions().addListener((ListChangeListener<Suppression>) c -> redraw());
        model.snapshotProperty().addListener((o, a, b) -> showSnapshot(b));
        redraw();
    }

    public void show() {
        stage.show();
        model.load();
    }

    private void showSnapshot(ConnectionTester.Result snapshot) {
        if (snapshot == null) {
            image = null;
        } else {
            image = new WritableImage(snapshot.width(), snapshot.height());
            image.getPixelWriter().setPixels(0, 0, snapshot.width(), snapshot.height(),
                    PixelFormat.getByteBgraPreInstance(), snapshot.bgra(), 0, snapshot.width() * 4);
            picture.setHeight(Math.rint(PICTURE_WIDTH * snapshot.height() / snapshot.width()));
        }
        redraw();
        stage.sizeToScene();
    }

    private void pressed(MouseEvent e) {
        double x = e.getX() / picture.getWidth();
        double y = e.getY() / picture.getHeight();
        ZoneEditorViewModel.Shape shape = model.selectedProperty().get();
        int corner = shape == null ? -1 : cornerAt(shape, e.getX(), e.getY());
        if (e.getButton() == MouseButton.SECONDARY) {
            if (corner >= 0) {
                model.removePoint(shape, corner);
            }
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (corner >= 0) {
            dragging = corner;
            return;
        }
        if (shape == null) { // with a shape selected a click is always a corner, even inside a suppression box
            for (Suppression s : model.suppressions()) {
                if (s.region().contains(x, y)) {
                    model.removeSuppression(s);
                    return;
                }
            }
        }
        model.addPoint(x, y);
    }

    private void dragged(MouseEvent e) {
        ZoneEditorViewModel.Shape shape = model.selectedProperty().get();
        if (dragging >= 0 && shape != null && dragging < shape.points().size()) {
            model.movePoint(shape, dragging, e.getX() / picture.getWidth(), e.getY() / picture.getHeight());
        }
    }

    private int cornerAt(ZoneEditorViewModel.Shape shape, double px, double py) {
        List<Point2D> points = shape.points();
        for (int i = points.size() - 1; i >= 0; i--) {
            Point2D p = points.get(i);
            if (Math.hypot(p.getX() * picture.getWidth() - px, p.getY() * picture.getHeight() - py) <= GRAB) {
                return i;
            }
        }
        return -1;
    }

    private void redraw() {
        GraphicsContext g = picture.getGraphicsContext2D();
        double w = picture.getWidth();
        double h = picture.getHeight();
        g.setLineDashes();
        if (image != null) {
            g.drawImage(image, 0, 0, w, h);
        } else {
            g.setFill(Color.gray(0.18));
            g.fillRect(0, 0, w, h);
            g.setFill(Color.gray(0.7));
            g.fillText("No snapshot of the camera yet", 12, 20);
        }
        for (Suppression s : model.suppressions()) {
            Region r = s.region();
            g.setStroke(Color.ORANGE);
            g.setLineWidth(1.5);
            g.setLineDashes(6, 4);
            g.strokeRect(r.x() * w, r.y() * h, r.width() * w, r.height() * h);
            g.setLineDashes();
            g.setFill(Color.ORANGE);
            g.fillText("suppressed " + s.label() + " (click to remove)", r.x() * w + 3, r.y() * h + 12);
        }
        ZoneEditorViewModel.Shape selected = model.selectedProperty().get();
        for (ZoneEditorViewModel.Shape shape : model.shapes()) {
            boolean zone = shape.kind() == ZoneEditorViewModel.Kind.ZONE;
            Color colour = switch (shape.kind()) {
                case ZONE -> Color.LIMEGREEN;
                case MASK -> Color.RED;
                case MOTION_MASK -> Color.DEEPSKYBLUE;
            };
            List<Point2D> points = shape.points();
            double[] xs = points.stream().mapToDouble(p -> p.getX() * w).toArray();
            double[] ys = points.stream().mapToDouble(p -> p.getY() * h).toArray();
            g.setFill(colour.deriveColor(0, 1, 1, zone ? 0.18 : 0.35));
            if (points.size() >= 3) {
                g.fillPolygon(xs, ys, xs.length);
            }
            g.setStroke(colour);
            g.setLineWidth(shape == selected ? 3 : 1.5);
            g.strokePolyline(closed(xs), closed(ys), points.size() >= 3 ? xs.length + 1 : xs.length);
            if (shape == selected) {
                g.setFill(Color.YELLOW);
                for (int i = 0; i < xs.length; i++) {
                    g.fillOval(xs[i] - 4, ys[i] - 4, 8, 8);
                }
            }
            if (!points.isEmpty()) {
                g.setFill(Color.WHITE);
                g.fillText(shape.toString(), Math.min(xs[0] + 6, w - 120), Math.max(ys[0] - 6, 14));
            }
        }
    }

    /** The points again with the first at the end, so that the outline closes. */
    private static double[] closed(double[] v) {
        double[] out = Arrays.copyOf(v, v.length + 1);
        if (v.length > 0) {
            out[v.length] = v[0];
        }
        return out;
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }
}
