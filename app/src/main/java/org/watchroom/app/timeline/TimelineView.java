package org.watchroom.app.timeline;

import java.time.Duration;
import java.time.Instant;
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
 * The timeline pane: day picker and zoom controls with the legend on top, one strip per camera with the events in
 * view and the camera's recording under them (footage, and gaps coloured by reason with the reason on hover); wheel
 * or +/− zoom around the mouse or the middle, drag, the scrollbar or ←/→ pan across midnight into other days, click a
 * bar to open its event, click anywhere else on a camera's strip to play that moment of its recording, click
 * cameras' names to pick up to four and "Play together" to play them at one time. Shift+drag across a strip (or
 * Shift+click a start and an end) selects a time range, drawn as a translucent band with its start, end and length;
 * E or "Export range…" exports it (for roles that may export), Esc clears it. Under it detections per hour per camera
 * as a stacked bar chart.
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
    private final Timeline recordings;
    private TimelineLayout layout;
    private Instant scrollDayStart = Instant.EPOCH;
    private double drawnPlayheadX = Double.NaN;
    private double pressX;
    private double pressY;
    private boolean dragged;
    /** The press was a Shift+press on a camera's strip: dragging selects a range instead of panning. */
    private boolean selecting;
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
        scroll.valueProperty().addListener((o, was, v) -> { // not subscribe: that would scroll at once
            if (!syncing) {
                model.scrollTo(scrollDayStart.plusMillis(Math.round(v.doubleValue() * 1000)));
            }
        });
        model.scaleProperty().subscribe(s -> {
            syncScroll(s);
            redraw();
        });
        model.events().addListener((ListChangeListener<Object>) c -> redraw());
        model.strips().addListener((ListChangeListener<Object>) c -> redraw());
        model.selected().addListener((ListChangeListener<Object>) c -> redraw());
        model.coverageProperty().subscribe(c -> redraw());
        model.rangeSelection().rangeProperty().subscribe(r -> redraw());
        model.playheadProperty().subscribe(this::playheadMoved);
        model.hourlyProperty().subscribe(this::showHourly);
        // ongoing events and recordings grow with the clock
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(5), e -> redraw()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        // new segments and gaps of cameras recording now
        recordings = new Timeline(new KeyFrame(javafx.util.Duration.seconds(30), e -> model.refreshRecordings()));
        recordings.setCycleCount(Timeline.INDEFINITE);
        recordings.play();
    }

    /** Redraws for the player's moment only when its line moves by a pixel. */
    private void playheadMoved(Instant at) {
        double x = layout == null || at == null ? Double.NaN : layout.xOf(at);
        if (Double.isNaN(x) != Double.isNaN(drawnPlayheadX) || Math.abs(x - drawnPlayheadX) >= 1) {
            redraw();
        }
    }

    private VBox header() {
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
                + " events around the view are shown" : ""));
        Label error = new Label();
        error.setId("timeline-error");
        error.setStyle("-fx-text-fill: #f85149;");
        error.textProperty().bind(model.errorProperty());
        Button together = new Button("Play together");
        together.setId("timeline-play-together");
        together.setTooltip(new Tooltip("Play the cameras picked by their names (up to four) at one time, 2×2"));
        together.disableProperty().bind(javafx.beans.binding.Bindings.size(model.selected()).lessThan(2));
        together.setOnAction(e -> model.playSelected());
        RangeSelectionViewModel range = model.rangeSelection();
        Button export = new Button("Export range…");
        export.setId("timeline-export");
        export.setTooltip(new Tooltip("Export the selected time range as evidence (E). Hold Shift and drag across a "
                + "camera's strip to select one (or Shift+click its start and its end); Esc clears it. Dragged on a "
                + "camera picked by its name, it is for all the picked cameras."));
        export.visibleProperty().bind(range.exportAllowedProperty());
        export.managedProperty().bind(range.exportAllowedProperty());
        export.disableProperty().bind(range.rangeProperty().map(RangeSelection::isEmpty).orElse(true));
        export.setOnAction(e -> range.export());
        Label selection = new Label();
        selection.setId("timeline-range");
        selection.setStyle("-fx-text-fill: #58a6ff;");
        selection.textProperty().bind(range.textProperty());
        Label notice = new Label();
        notice.setId("timeline-notice");
        notice.setStyle("-fx-text-fill: #d29922;");
        notice.textProperty().bind(range.noticeProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        for (var control : List.of(prev, date, next, today, out, zoom, in, together, export)) {
            control.setMinWidth(Region.USE_PREF_SIZE); // the legend gives way first
        }
        HBox bar = new HBox(6, prev, date, next, today, out, zoom, in, together, export, selection, notice, capped, error,
                spring);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox legend = legend();
        legend.setMinWidth(0);
        VBox header = new VBox(2, bar, legend);
        header.setStyle("-fx-padding: 4 6 2 6;");
        return header;
    }

    private static HBox legend() {
        HBox legend = new HBox(8);
        legend.setId("timeline-legend");
        legend.setStyle("-fx-font-size: 11px;");
        legend.setAlignment(Pos.CENTER_LEFT);
        for (LabelKind k : LabelKind.values()) {
            Rectangle swatch = new Rectangle(12, 12, Color.web(k.colour()));
            Label l = new Label(k.text(), swatch);
            legend.getChildren().add(l);
        }
        Label statuses = new Label("solid: pending · outlined ✓: confirmed · faded: dismissed");
        statuses.setStyle("-fx-font-size: 11px; -fx-opacity: 0.8;");
        legend.getChildren().add(statuses);
        legend.getChildren().add(new Label("recorded", new Rectangle(12, 6, Color.web(Coverage.FOOTAGE_COLOUR))));
        for (var reason : org.watchroom.core.store.RecordingGap.Reason.values()) {
            String text = switch (reason) {
                case OFFLINE -> "offline";
                case PAUSED -> "paused (disk)";
                case ENGINE_DOWN -> "not running";
                case DROPPED -> "dropped";
            };
            legend.getChildren().add(new Label(text, new Rectangle(12, 6, Color.web(Coverage.colour(reason)))));
        }
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
            pressY = e.getY();
            dragged = false;
            selecting = e.isShiftDown() && layout != null && e.getX() >= TimelineLayout.LABEL_WIDTH
                    && layout.stripAt(e.getY()) >= 0;
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (layout == null) {
                return;
            }
            double dx = e.getX() - pressX;
            if (selecting) { // Shift+drag: a range from the press to the mouse, clamped to the view
                if (!dragged && Math.abs(dx) > 3) {
                    dragged = true;
                    model.rangeSelection().begin(layout.strips().get(layout.stripAt(pressY)), layout.timeAt(pressX));
                }
                if (dragged) {
                    model.rangeSelection().dragTo(layout.timeAt(e.getX()));
                }
                return;
            }
            if (dragged || Math.abs(dx) > 3) {
                dragged = true;
                model.pan(-dx / layout.plotWidth());
                pressX = e.getX();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (dragged || e.getButton() != MouseButton.PRIMARY || layout == null) {
                return;
            }
            var bar = layout.barAt(e.getX(), e.getY());
            int name = layout.nameAt(e.getX(), e.getY());
            int strip = layout.stripAt(e.getY());
            if (selecting) { // Shift+click: a range's start, or where it ends
                if (strip >= 0) {
                    model.rangeSelection().extend(layout.strips().get(strip), layout.timeAt(e.getX()));
                }
                return;
            }
            if (bar.isPresent()) {
                model.open(bar.get().event().id());
            } else if (name >= 0) {
                model.toggleSelected(layout.strips().get(name));
            } else if (strip >= 0) {
                model.play(layout.strips().get(strip), layout.timeAt(e.getX()));
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            var bar = layout == null ? java.util.Optional.<Bar>empty() : layout.barAt(e.getX(), e.getY());
            var gap = layout == null || bar.isPresent() ? java.util.Optional.<TimelineLayout.Band>empty()
                    : layout.gapAt(e.getX(), e.getY());
            if (bar.isEmpty() && gap.isEmpty()) {
                tooltip.hide();
                return;
            }
            tooltip.setText(bar.isPresent() ? TimelineCanvas.describe(bar.get().event(), model.zone(), model.now())
                    : model.describe(gap.get().gap()));
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
            case E -> model.rangeSelection().export();
            case ESCAPE -> {
                if (!model.rangeSelection().clear()) {
                    return; // nothing selected: Esc does what it does elsewhere (leaves the focus view)
                }
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    /**
     * The scrollbar runs over the local day in the middle of the view (its middle from that midnight to the next);
     * dragging over midnight moves it on to the next day's.
     */
    private void syncScroll(TimelineScale s) {
        syncing = true;
        try {
            LocalDate d = s.day(model.zone());
            scrollDayStart = d.atStartOfDay(model.zone()).toInstant();
            double day = Duration.between(scrollDayStart, d.plusDays(1).atStartOfDay(model.zone()).toInstant())
                    .toMillis() / 1000.0;
            double span = s.span().toMillis() / 1000.0;
            scroll.setMin(-span / 2);
            scroll.setMax(day - span / 2);
            scroll.setVisibleAmount(Math.max(1, span));
            scroll.setUnitIncrement(span / 10);
            scroll.setBlockIncrement(span);
            scroll.setValue(Duration.between(scrollDayStart, s.viewStart()).toMillis() / 1000.0);
        } finally {
            syncing = false;
        }
    }

    private void redraw() {
        TimelineScale s = model.scaleProperty().get();
        if (s == null) {
            return;
        }
        Instant now = model.now();
        layout = new TimelineLayout(model.strips(), model.events(), model.coverageProperty().get(), s,
                canvas.getWidth(), now);
        canvas.setHeight(layout.height());
        ((Region) canvas.getParent()).setPrefHeight(layout.height());
        java.util.Set<Integer> picked = new java.util.HashSet<>();
        for (Strip strip : model.selected()) {
            int i = layout.strips().indexOf(strip);
            if (i >= 0) {
                picked.add(i);
            }
        }
        Instant playhead = model.playheadProperty().get();
        drawnPlayheadX = playhead == null ? Double.NaN : layout.xOf(playhead);
        canvas.paint(layout, model.zone(), now, picked, playhead, model.rangeSelection().rangeProperty().get());
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

    /** The hover text of bars and gaps. */
    public Tooltip tooltip() { return tooltip; }

    /** The day shown, as a convenience for the window. */
    public LocalDate day() { return model.dayProperty().get(); }

    /** Stops the repaint clock and the bus subscriptions. */
    public void stop() {
        ticker.stop();
        recordings.stop();
        tooltip.hide();
        model.close();
    }
}
