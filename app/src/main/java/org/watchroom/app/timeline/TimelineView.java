package org.watchroom.app.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.chart.StackedBarChart;
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
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

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
 * <p>The controls and the legend are the {@link TimelineHeader}, the chart the {@link HourlyChart}; this class lays
 * them out around the strips and turns mouse and keys on the strips into the model's calls.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class TimelineView extends BorderPane {
    private final TimelineViewModel model;
    private final TimelineCanvas canvas = new TimelineCanvas();
    private final ScrollBar scroll = new ScrollBar();
    private final Tooltip tooltip = new Tooltip();
    private final HourlyChart chart = new HourlyChart();
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
        setTop(new TimelineHeader(model));

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
        model.hourlyProperty().subscribe(chart::show);
        // ongoing events and recordings grow with the clock
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(5), e -> redraw())); // fully qualified: name clash
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        // new segments and gaps of cameras recording now
        recordings = new Timeline(new KeyFrame(javafx.util.Duration.seconds(30), e -> model.refreshRecordings())); // fully qualified: name clash
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
            var bar = layout == null ? Optional.<Bar>empty() : layout.barAt(e.getX(), e.getY());
            var gap = layout == null || bar.isPresent() ? Optional.<TimelineLayout.Band>empty()
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
        Set<Integer> picked = new HashSet<>();
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

    // ---- for the window and tests ----

    /** What clicking an event does. */
    public void setOnOpenEvent(Consumer<Long> action) { model.setOnOpenEvent(action); }

    public TimelineViewModel model() { return model; }

    /** The geometry last drawn (hit tests, test clicks). */
    public TimelineLayout drawnLayout() { return layout; }

    public Canvas canvas() { return canvas; }

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
