package org.watchroom.app.cameras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.camera.ConnectionTester;
import org.watchroom.core.engine.EngineControl;
import org.watchroom.core.engine.Suppression;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.event.Polygon;
import org.watchroom.core.event.Zone;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraCatalog;

/**
 * Zones, object masks and motion masks drawn on a fresh snapshot of one camera: each a polygon of normalised points; a zone has a
 * name, the labels it is for and a dwell time. Saving writes them into the camera's event rules (the JSON stays the
 * storage, so REST and the CLI see the same), audited as a camera update, and the running camera takes them at once.
 * Suppression regions are shown as boxes and removed with a click.
 *
 * <p>Thread-safety: FX thread only; store and camera calls go through the {@link TaskExecutor}.
 */
public final class ZoneEditorViewModel {

    /** What a shape does. */
    public enum Kind {
        ZONE("Zone"), MASK("Object mask"), MOTION_MASK("Motion mask");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** One polygon being drawn; FX thread only. */
    public static final class Shape {
        private final Kind kind;
        private final StringProperty name = new SimpleStringProperty("");
        private final StringProperty labels = new SimpleStringProperty("");
        private final StringProperty dwell = new SimpleStringProperty("0");
        private final ObservableList<Point2D> points = FXCollections.observableArrayList();

        Shape(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() { return kind; }

        public StringProperty nameProperty() { return name; }

        /** Comma-separated labels; empty = every label. */
        public StringProperty labelsProperty() { return labels; }

        /** Seconds, as typed. */
        public StringProperty dwellProperty() { return dwell; }

        /** Corners, 0..1 of the picture. */
        public ObservableList<Point2D> points() { return points; }

        @Override
        public String toString() {
            String title = name.get().isBlank() ? kind.toString() : kind + " " + name.get().strip();
            return title + " (" + points.size() + " points)";
        }
    }

    private final CameraCatalog store;
    private final EngineControl engine;
    private final Session session;
    private final TaskExecutor executor;
    private final CameraFormViewModel form;
    private final CamerasViewModel cameras;
    private final ObservableList<Shape> shapes = FXCollections.observableArrayList();
    private final ObjectProperty<Shape> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<ConnectionTester.Result> snapshot = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    /** Counts edits of the shapes: the drawing and the problem line follow it. */
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final StringBinding problem;
    /** Set once the stored shapes are read: saving before that would write an empty list over them. */
    private final BooleanProperty loaded = new SimpleBooleanProperty();

    ZoneEditorViewModel(CameraCatalog store, EngineControl engine, Session session, TaskExecutor executor,
                        CameraFormViewModel form, CamerasViewModel cameras) {
        this.store = store;
        this.engine = engine;
        this.session = session;
        this.executor = executor;
        this.form = form;
        this.cameras = cameras;
        problem = Bindings.createStringBinding(this::validate, revision, selected, loaded);
    }

    public ObservableList<Shape> shapes() { return shapes; }

    public ObjectProperty<Shape> selectedProperty() { return selected; }

    /** The picture to draw on; null until it came (or when the camera could not be reached: see the message). */
    public ObjectProperty<ConnectionTester.Result> snapshotProperty() { return snapshot; }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** What keeps the shapes from being saved; empty when they can be. */
    public StringBinding problemBinding() { return problem; }

    /** The camera's suppression regions, shown as boxes. */
    public ObservableList<Suppression> suppressions() { return form.suppressions(); }

    /** Reads the stored zones and masks and takes a fresh snapshot of the camera. */
    public void load() {
        executor.submit(() -> EventRuleConfig.parse(store.find(form.cameraId()).map(Camera::eventRules)
                .orElse("{}")), rules -> {
            List<Shape> read = new ArrayList<>();
            for (Zone zone : rules.zones()) {
                Shape shape = shape(Kind.ZONE, zone.polygon());
                shape.name.set(zone.name());
                shape.labels.set(String.join(", ", zone.labels()));
                shape.dwell.set(CameraFormViewModel.number(zone.dwellSeconds()));
                read.add(shape);
            }
            rules.masks().forEach(mask -> read.add(shape(Kind.MASK, mask)));
            rules.motionMasks().forEach(mask -> read.add(shape(Kind.MOTION_MASK, mask)));
            shapes.setAll(read);
            read.forEach(this::watch);
            loaded.set(true);
            changed();
        }, e -> fail(new IllegalStateException("The camera's zones cannot be read, so they cannot be edited here: "
                + e.getMessage(), e)));
        cameras.loadSuppressions(form);
        message.set("Taking a snapshot of the camera…");
        cameras.testConnection(form, result -> {
            snapshot.set(result.ok() ? result : null);
            message.set(result.ok() ? "Click on the picture to add corners to the selected shape; drag a corner to "
                    + "move it, right-click it to delete it; with no shape selected, click a dashed box to remove that suppression."
                    : "No snapshot: " + result.message());
        });
    }

    public void newShape(Kind kind) {
        Shape shape = new Shape(kind);
        watch(shape);
        shapes.add(shape);
        selected.set(shape);
        changed();
    }

    public void deleteSelected() {
        Shape shape = selected.get();
        if (shape != null) {
            shapes.remove(shape);
            selected.set(null);
            changed();
        }
    }

    /** A corner at the end of the selected shape; nothing when none is selected. */
    public void addPoint(double x, double y) {
        Shape shape = selected.get();
        if (shape == null) {
            message.set("Choose New zone or New mask first, or pick a shape in the list.");
            return;
        }
        shape.points.add(new Point2D(clip(x), clip(y)));
    }

    public void movePoint(Shape shape, int index, double x, double y) {
        shape.points.set(index, new Point2D(clip(x), clip(y)));
    }

    public void removePoint(Shape shape, int index) {
        shape.points.remove(index);
    }

    /** Removes a suppression region from the camera's rules at once (as the list in the camera dialog does). */
    public void removeSuppression(Suppression suppression) {
        cameras.removeSuppression(form, suppression);
        message.set("Removed the suppression of " + suppression.describe() + ".");
    }

    /** Writes the shapes into the camera's event rules; the running camera takes them at once. */
    public void save() {
        String why = problem.get();
        if (!why.isEmpty()) {
            message.set(why);
            return;
        }
        List<Zone> zones = new ArrayList<>();
        List<Polygon> masks = new ArrayList<>();
        List<Polygon> motionMasks = new ArrayList<>();
        for (Shape shape : shapes) {
            Polygon polygon = new Polygon(shape.points.stream().map(p -> new Polygon.Point(p.getX(), p.getY()))
                    .toList());
            switch (shape.kind) {
                case ZONE -> zones.add(new Zone(shape.name.get(), polygon, labels(shape),
                        Double.parseDouble(shape.dwell.get().strip())));
                case MASK -> masks.add(polygon);
                case MOTION_MASK -> motionMasks.add(polygon);
            }
        }
        long id = form.cameraId();
        executor.submit(() -> {
            Camera camera = store.find(id).orElseThrow(() -> new IllegalStateException("The camera was removed."));
            EventRuleConfig rules = EventRuleConfig.parse(camera.eventRules()).withZonesAndMasks(zones, masks, motionMasks);
            store.update(camera.withEventRules(rules.toJson()), session.acting(Permission.EDIT_RULES));
            engine.reload();
            return rules;
        }, rules -> message.set("Saved " + rules.zones().size() + " zone(s), " + rules.masks().size()
                + " object mask(s) and " + rules.motionMasks().size() + " motion mask(s); the camera uses them now."),
                this::fail);
    }

    private String validate() {
        if (!loaded.get()) {
            return "Reading the camera's zones…";
        }
        for (Shape shape : shapes) {
            if (shape.points.size() < 3) {
                return shape + ": a shape needs at least 3 corners.";
            }
            if (shape.kind == Kind.ZONE) {
                try {
                    double dwell = Double.parseDouble(shape.dwell.get().strip());
                    if (!(dwell >= 0 && dwell <= 86_400)) {
                        return shape + ": the dwell time is 0 to 86400 seconds.";
                    }
                } catch (NumberFormatException e) {
                    return shape + ": the dwell time is a number of seconds, not '" + shape.dwell.get() + "'.";
                }
                if (shape.name.get().strip().length() > 100) {
                    return shape + ": a zone name is at most 100 characters.";
                }
            }
        }
        return "";
    }

    private static List<String> labels(Shape shape) {
        return Arrays.stream(shape.labels.get().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private Shape shape(Kind kind, Polygon polygon) {
        Shape shape = new Shape(kind);
        polygon.points().forEach(p -> shape.points.add(new Point2D(p.x(), p.y())));
        return shape;
    }

    /** Any edit of a shape re-checks the problem line (and redraws the picture, which listens to the same). */
    private void watch(Shape shape) {
        shape.points.addListener((ListChangeListener<Point2D>) c -> changed());
        shape.name.addListener((o, a, b) -> changed());
        shape.labels.addListener((o, a, b) -> changed());
        shape.dwell.addListener((o, a, b) -> changed());
    }

    /** Something about the shapes changed: the drawing and the problem line follow. */
    private void changed() {
        revision.set(revision.get() + 1);
    }

    /** Rises at every edit of the shapes (for redrawing). */
    public ReadOnlyIntegerProperty revisionProperty() { return revision; }

    private static double clip(double v) {
        return Math.min(1, Math.max(0, v));
    }


    private void fail(Throwable e) {
        message.set(e.getMessage() == null ? e.toString() : e.getMessage());
    }
}
