package org.watchroom.app.timeline;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.watchroom.core.store.HourlyDetections;

/**
 * The timeline pane: day picker and zoom controls with the legend on top, one strip per camera with the day's
 * events (wheel or +/− to zoom around the mouse or the middle, drag or the scrollbar to pan, ←/→ to step, click
 * a bar to open its event), and under it detections per hour per camera as a stacked bar chart.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class TimelineView extends BorderPane {
    private final TimelineViewModel model;
    private final TimelineCanvas canvas = new TimelineCanvas();
    private final ScrollBar scroll = new ScrollBar();
    private final Tooltip tooltip = new Tooltip();
    private final Label zoom = new Label();
    private final StackedBarChart<String, Number> chart = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    private final Timeline ticker;
    private TimelineLayout layout;
    private double pressX;
    private boolean dragged;
    private boolean syncing;

    public TimelineView(TimelineViewModel model) {
        this.model = model;
        setId("timeline-pane");
        setMinHeight(0);
        setTop(header());

        Pane host = new Pane(canvas);
        host.setMinWidth(0);
        canvas.widthProperty().bind(host.widthProperty());
        host.widthProperty().subscribe(w -> redraw());
        ScrollPane strips = new ScrollPane(host);
        strips.setFitToWidth(true);
        strips.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        strips.setMinHeight(0);
        scroll.setId("timeline-scroll");
        scroll.setOrientation(Orientation.HORIZONTAL);
        VBox top = new VBox(strips, scroll);
        VBox.setVgrow(strips, Priority.ALWAYS);
        top.setMinHeight(0);

        chart.setId("timeline-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setTitle("Detections per hour");
        chart.setMinHeight(0);
        chart.setPrefHeight(200);
        SplitPane body = new SplitPane(top, chart);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.45);
        setCenter(body);

        wireCanvas(host);
        scroll.valueProperty().subscribe(v -> {
            if (!syncing) {
                model.scrollTo(model.scaleProperty().get().dayStart().plusMillis(Math.round(v.doubleValue() * 1000)));
            }
        });
        model.scaleProperty().subscribe(s -> {
            syncScroll(s);
            redraw();
        });
        model.events().addListener((ListChangeListener<Object>) c -> redraw());
        model.strips().addListener((ListChangeListener<Object>) c -> redraw());
        model.hourlyProperty().subscribe(this::showHourly);
        // ongoing events grow with the clock
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(5), e -> redraw()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    private HBox header() {
        Button prev = new Button("◀");
        prev.setId("timeline-prev");
        prev.setOnAction(e -> model.previousDay());
        DatePicker date = new DatePicker();
        date.setId("timeline-date");
        date.setPrefWidth(150);
        date.valueProperty().bindBidirectional(model.dayProperty());
        Button next = new Button("▶");
        next.setId("timeline-next");
        next.setOnAction(e -> model.nextDay());
        Button today = new Button("Today");
        today.setId("timeline-today");
        today.setOnAction(e -> model.today());
        Button out = new Button("−");
        out.setId("timeline-zoom-out");
        out.setOnAction(e -> model.zoomOut(0.5));
        Button in = new Button("+");
        in.setId("timeline-zoom-in");
        in.setOnAction(e -> model.zoomIn(0.5));
        zoom.setId("timeline-zoom");
        zoom.setMinWidth(60);
        zoom.setAlignment(Pos.CENTER);
        zoom.textProperty().bind(model.zoomLabelProperty());
        Label capped = new Label();
        capped.setId("timeline-capped");
        capped.setStyle("-fx-text-fill: #f85149;");
        capped.textProperty().bind(model.cappedProperty().map(c -> c ? "Only the first " + TimelineViewModel.limit()
                + " events of the day are shown" : ""));
        Label error = new Label();
        error.setStyle("-fx-text-fill: #f85149;");
        error.textProperty().bind(model.errorProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(6, prev, date, next, today, out, zoom, in, capped, error, spring, legend());
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setStyle("-fx-padding: 4 6 4 6;");
        return bar;
    }

    private static HBox legend() {
        HBox legend = new HBox(8);
        legend.setId("timeline-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        for (LabelKind k : LabelKind.values()) {
            Rectangle swatch = new Rectangle(12, 12, Color.web(k.colour()));
            Label l = new Label(k.text(), swatch);
            legend.getChildren().add(l);
        }
        Label statuses = new Label("solid: pending · outlined ✓: confirmed · faded: dismissed");
        statuses.setStyle("-fx-font-size: 11px; -fx-opacity: 0.8;");
        legend.getChildren().add(statuses);
        return legend;
    }

    private void wireCanvas(Pane host) {
        canvas.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() == 0 || layout == null) {
                return;
            }
            double anchor = layout.fractionAt(e.getX());
            if (e.getDeltaY() > 0) {
                model.zoomIn(anchor);
            } else {
                model.zoomOut(anchor);
            }
            e.consume();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            canvas.requestFocus();
            pressX = e.getX();
            dragged = false;
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (layout == null) {
                return;
            }
            double dx = e.getX() - pressX;
            if (dragged || Math.abs(dx) > 3) {
                dragged = true;
                model.pan(-dx / layout.plotWidth());
                pressX = e.getX();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (!dragged && e.getButton() == MouseButton.PRIMARY && layout != null) {
                layout.barAt(e.getX(), e.getY()).ifPresent(b -> model.open(b.event().id()));
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            var bar = layout == null ? java.util.Optional.<Bar>empty() : layout.barAt(e.getX(), e.getY());
            if (bar.isEmpty()) {
                tooltip.hide();
                return;
            }
            tooltip.setText(TimelineCanvas.describe(bar.get().event(), model.zone(), model.now()));
            if (!tooltip.isShowing()) {
                tooltip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
            } else {
                tooltip.setAnchorX(e.getScreenX() + 14);
                tooltip.setAnchorY(e.getScreenY() + 14);
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> tooltip.hide());
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        host.setOnMouseClicked(e -> canvas.requestFocus());
    }

    private void onKey(KeyEvent e) {
        KeyCode k = e.getCode();
        switch (k) {
            case PLUS, ADD, EQUALS -> model.zoomIn(0.5);
            case MINUS, SUBTRACT -> model.zoomOut(0.5);
            case LEFT -> model.pan(-0.25);
            case RIGHT -> model.pan(0.25);
            case PAGE_UP -> model.previousDay();
            case PAGE_DOWN -> model.nextDay();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void syncScroll(TimelineScale s) {
        syncing = true;
        try {
            double max = Math.max(0, s.dayLength().minus(s.span()).toMillis() / 1000.0);
            scroll.setMin(0);
            scroll.setMax(max);
            scroll.setVisibleAmount(Math.max(1, s.span().toMillis() / 1000.0));
            scroll.setUnitIncrement(s.span().toMillis() / 1000.0 / 10);
            scroll.setBlockIncrement(s.span().toMillis() / 1000.0);
            scroll.setValue(Duration.between(s.dayStart(), s.viewStart()).toMillis() / 1000.0);
            scroll.setDisable(max == 0);
        } finally {
            syncing = false;
        }
    }

    private void redraw() {
        TimelineScale s = model.scaleProperty().get();
        if (s == null) {
            return;
        }
        layout = new TimelineLayout(model.strips(), model.events(), s, canvas.getWidth(), model.now());
        canvas.setHeight(layout.height());
        ((Region) canvas.getParent()).setPrefHeight(layout.height());
        canvas.paint(layout, model.zone(), model.now());
    }

    private void showHourly(HourlyDetections hourly) {
        chart.getData().clear();
        if (hourly == null) {
            return;
        }
        List<String> categories = HourCategories.of(hourly);
        ((CategoryAxis) chart.getXAxis()).getCategories().setAll(categories);
        for (HourlyDetections.CameraHours c : hourly.cameras()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(c.cameraName());
            for (int i = 0; i < categories.size(); i++) {
                series.getData().add(new XYChart.Data<>(categories.get(i), c.counts().get(i)));
            }
            chart.getData().add(series);
        }
    }

    // ---- for the window and tests ----

    /** What clicking an event does. */
    public void setOnOpenEvent(Consumer<Long> action) { model.setOnOpenEvent(action); }

    public TimelineViewModel model() { return model; }

    /** The geometry last drawn (hit tests, test clicks). */
    public TimelineLayout drawnLayout() { return layout; }

    public javafx.scene.canvas.Canvas canvas() { return canvas; }

    public StackedBarChart<String, Number> chart() { return chart; }

    /** The day shown, as a convenience for the window. */
    public LocalDate day() { return model.dayProperty().get(); }

    /** Stops the repaint clock and the bus subscriptions. */
    public void stop() {
        ticker.stop();
        tooltip.hide();
        model.close();
    }
}
