package org.watchroom.app.review;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.watchroom.app.keys.KeySection;
import org.watchroom.app.thumbnail.ThumbnailCache;
import org.watchroom.core.playback.FrameExchange;
import org.watchroom.core.playback.PlayerState;

/**
 * The review pane for the selected event: the clip player (picture with the stored boxes replayed at their
 * times), play/pause, frame steps, jump to the peak, speed, a scrub slider, the snapshot and crops, and the
 * score over time. Space plays or pauses, Left/Right step a frame (also from the alerts list, see
 * {@link #handleKey}).
 *
 * <p>Thread-safety: FX thread only.
 */
public final class ReviewView extends VBox {
    private static final int THUMB_HEIGHT = 64;
    private static final ThumbnailCache.Size THUMB = new ThumbnailCache.Size(0, THUMB_HEIGHT);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S");
    private final ReviewViewModel model;
    private final KeySection keys;
    private final ThumbnailCache thumbnailCache;
    private final PlayerSurface surface = new PlayerSurface();
    private final Slider slider = new Slider(0, 1, 0);
    private final Label time = new Label();
    private final Label clock = new Label();
    private final Button playButton = new Button("Play");
    private final HBox thumbnails = new HBox(4);
    private final XYChart.Series<Number, Number> scoreSeries = new XYChart.Series<>();
    private final NumberAxis chartTime = new NumberAxis(0, 1, 1);
    private final AnimationTimer timer;
    private boolean sliderFromPlayer;
    private long shownTenths = -1;

    /** @param thumbnailCache the snapshot and crop thumbnails, shared with the alerts list */
    public ReviewView(ReviewViewModel model, ThumbnailCache thumbnailCache) {
        this.model = model;
        this.keys = TransportControls.keys(model::togglePlay, model::step, ReviewViewModel.SPEEDS, model.speedProperty());
        this.thumbnailCache = thumbnailCache;
        getStyleClass().add("review");
        setId("review-pane");
        setSpacing(4);
        setMinHeight(0);

        Label title = new Label("Select an alert to review it");
        title.getStyleClass().add("alerts-title");
        title.setId("review-title");
        model.currentProperty().subscribe(e -> title.setText(e == null ? "Select an alert to review it"
                : e.cameraName() + " · " + e.label() + (e.trackId() == null ? "" : " #" + e.trackId())
                + " · peak " + Math.round(e.peakScore() * 100) + "%" + (e.ongoing() ? " so far" : "")));
        Label message = new Label();
        message.setId("review-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());

        surface.setPrefHeight(220);
        clock.setId("review-clock");
        clock.setStyle("-fx-background-color: rgba(0,0,0,0.6); -fx-text-fill: white; -fx-font-family: monospace;"
                + " -fx-padding: 1 4 1 4;");
        clock.setMouseTransparent(true);
        clock.visibleProperty().bind(clock.textProperty().isNotEmpty());
        StackPane.setAlignment(clock, Pos.BOTTOM_LEFT);
        StackPane picture = new StackPane(surface, clock);
        picture.setMinSize(0, 0);
        VBox.setVgrow(picture, Priority.ALWAYS);
        surface.widthProperty().addListener((o, a, b) -> requestSize());
        surface.heightProperty().addListener((o, a, b) -> requestSize());
        surface.setOnMouseClicked(e -> surface.requestFocus());

        HBox scrub = new HBox(6, slider(), time);
        scrub.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(slider, Priority.ALWAYS);
        ScrollPane pictures = new ScrollPane(thumbnails);
        pictures.setFitToHeight(true);
        pictures.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        pictures.setMinHeight(THUMB_HEIGHT + 16);
        pictures.setPrefHeight(THUMB_HEIGHT + 16);
        pictures.managedProperty().bind(pictures.visibleProperty());
        pictures.visibleProperty().bind(Bindings.isNotEmpty(thumbnails.getChildren()));
        getChildren().addAll(title, message, picture, controls(), scrub, pictures, chart());
        thumbnails.setId("review-pictures");
        model.pictures().addListener((ListChangeListener<Path>) c -> showPictures(List.copyOf(model.pictures())));
        model.detailsProperty().subscribe(d -> {
            surface.clear(); // the next clip's first frame replaces it
            time.setText("");
            clock.setText("");
            shownTenths = -1;
            fillChart();
        });
        model.durationProperty().subscribe(d -> {
            double seconds = Math.max(1, d.longValue() / 1e6);
            slider.setMax(seconds);
            chartTime.setUpperBound(seconds);
            chartTime.setTickUnit(seconds > 20 ? 5 : 1);
            requestSize();
            fillChart();
        });
        model.stateProperty().subscribe(s -> playButton.setText(s instanceof PlayerState.Playing ? "Pause" : "Play"));
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (handleKey(e)) {
                e.consume();
            }
        });
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulse();
            }
        };
        timer.start();
    }

    private HBox controls() {
        TransportControls transport = TransportControls.of("review", playButton, model::togglePlay, model::step,
                ReviewViewModel.SPEEDS, model.speedProperty());
        Button peak = new Button("Peak");
        peak.setId("review-peak");
        peak.setOnAction(e -> model.jumpToPeak());
        time.setId("review-time");
        time.setMinWidth(Region.USE_PREF_SIZE);
        HBox controls = new HBox(4, transport.back(), playButton, transport.forward(), peak, transport.speed());
        for (var node : controls.getChildren()) {
            ((Control) node).setMinWidth(Region.USE_PREF_SIZE);
        }
        controls.setAlignment(Pos.CENTER_LEFT);
        return controls;
    }

    private Slider slider() {
        slider.setId("review-slider");
        slider.valueProperty().addListener((o, a, b) -> {
            if (!sliderFromPlayer) {
                model.seek(Math.round(b.doubleValue() * 1e6));
            }
        });
        return slider;
    }

    private LineChart<Number, Number> chart() {
        chartTime.setLabel("score (0–1) over clip time (s)"); // a rotated label on the low chart would be cut short
        NumberAxis y = new NumberAxis(0, 1, 0.5);
        LineChart<Number, Number> chart = new LineChart<>(chartTime, y);
        chart.setId("review-scores");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setPrefHeight(110);
        chart.setMinHeight(90);
        chart.setCreateSymbols(true);
        chart.getData().add(scoreSeries);
        return chart;
    }

    private void fillChart() {
        BoxTrack track = model.track();
        scoreSeries.getData().clear();
        if (track != null) {
            for (BoxTrack.ScorePoint p : track.scores()) {
                scoreSeries.getData().add(new XYChart.Data<>(p.seconds(), p.score()));
            }
        }
    }

    /** Once per pulse: the newest picture, the boxes for it, the slider and the time. */
    private void pulse() {
        FrameExchange.Frame frame = model.pollFrame();
        if (frame == null) {
            return;
        }
        surface.show(frame);
        long micros = model.positionOf(frame);
        surface.drawBoxes(model.boxesAt(micros));
        sliderFromPlayer = true;
        try {
            if (!slider.isValueChanging()) {
                slider.setValue(micros / 1e6);
            }
        } finally {
            sliderFromPlayer = false;
        }
        long tenths = micros / 100_000;
        if (tenths != shownTenths) { // the label changes ten times a second at most, not once per frame
            shownTenths = tenths;
            time.setText(String.format(Locale.ROOT, "%.1f / %.1f s", micros / 1e6, model.durationProperty().get() / 1e6));
            Instant wall = model.wallTime(micros);
            clock.setText(wall == null ? "" : CLOCK.format(wall.atZone(ZoneId.systemDefault())));
        }
    }

    /** Space, ←, →, [ and ]: for the window's key help. */
    public KeySection keys() { return keys; }

    /** The player's keys ({@link #keys()}); true when the key was one of those (then consume it). */
    public boolean handleKey(KeyEvent e) {
        return keys.handle(e);
    }

    private void showPictures(List<Path> paths) {
        thumbnails.getChildren().clear();
        for (Path path : paths) {
            ImageView view = new ImageView();
            view.setFitHeight(THUMB_HEIGHT);
            view.setPreserveRatio(true);
            thumbnails.getChildren().add(view);
            thumbnailCache.reload(path, THUMB, view::setImage); // a peak snapshot is rewritten as the event goes on
        }
    }

    private void requestSize() {
        double scale = getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getOutputScaleX() : 1;
        model.requestSize((int) Math.round(surface.getWidth() * scale), (int) Math.round(surface.getHeight() * scale));
    }

    /** Stops the pulse; the model closes the player. */
    public void stop() {
        timer.stop();
    }

    /** The player surface, for tests and screenshots. */
    public Node surface() { return surface; }

    /** The canvas the stored boxes are drawn on, for tests. */
    public Canvas overlay() { return surface.overlay(); }

    /** The picture on the surface now, or null. */
    public WritableImage shownImage() { return surface.image(); }
}
