package org.watchroom.app.review;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.watchroom.app.keys.KeySection;
import org.watchroom.core.playback.FrameExchange;
import org.watchroom.core.playback.RecordingReader;

/**
 * The recording player in the review pane: one camera, or 2×2 cameras played together at one time. Each tile shows
 * its picture with the camera's name and the wall-clock time of the frame shown over it, and why it does not show
 * the moment asked for (a gap). Controls: frame steps, play/pause, speed 0.25×–16×, the group's time, "Back to
 * live". Space plays or pauses, Left/Right step a frame.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class RecordingView extends VBox {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S");
    private final RecordingViewModel model;
    private final KeySection keys;
    private final GridPane grid = new GridPane();
    private final List<PlayerSurface> surfaces = new ArrayList<>();
    private final List<Label> clocks = new ArrayList<>();
    private long[] shownTenths = new long[0];
    private final Label title = new Label();
    private final Label time = new Label();
    private final Button playButton = new Button("Play");
    private final Button live = new Button("Back to live");
    private final AnimationTimer timer;

    public RecordingView(RecordingViewModel model) {
        this.model = model;
        this.keys = TransportControls.keys(model::togglePlay, model::step, RecordingViewModel.SPEEDS, model.speedProperty());
        setId("recording-pane");
        getStyleClass().add("review");
        setSpacing(4);
        setMinHeight(0);

        title.setId("recording-title");
        title.getStyleClass().add("alerts-title");
        live.setId("recording-live");
        live.setOnAction(e -> model.backToLive());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox header = new HBox(6, title, spring, live);
        header.setAlignment(Pos.CENTER_LEFT);

        grid.setId("recording-tiles");
        grid.setHgap(2);
        grid.setVgap(2);
        grid.setMinSize(0, 0);
        grid.setPrefHeight(240);
        VBox.setVgrow(grid, Priority.ALWAYS);
        grid.widthProperty().addListener((o, a, b) -> requestSize());
        grid.heightProperty().addListener((o, a, b) -> requestSize());
        grid.setOnMouseClicked(e -> grid.requestFocus());
        grid.setFocusTraversable(true);

        getChildren().addAll(header, grid, controls());
        model.tiles().addListener((ListChangeListener<RecordingViewModel.Tile>) c -> buildTiles());
        model.playingProperty().subscribe(p -> playButton.setText(p ? "Pause" : "Play"));
        model.timeProperty().subscribe(this::showTime);
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
        TransportControls transport = TransportControls.of("recording", playButton, model::togglePlay, model::step,
                RecordingViewModel.SPEEDS, model.speedProperty());
        time.setId("recording-time");
        time.setMinWidth(Region.USE_PREF_SIZE);
        HBox controls = new HBox(4, transport.back(), playButton, transport.forward(), transport.speed(), time);
        controls.setAlignment(Pos.CENTER_LEFT);
        return controls;
    }

    /** Columns for {@code tiles} cameras: one alone, two side by side, 2×2 for three or four. */
    private static int columns(int tiles) {
        return tiles <= 1 ? 1 : 2;
    }

    /** One tile per camera: 1×1 for one, 2×1 for two, 2×2 for three or four. */
    private void buildTiles() {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        surfaces.clear();
        clocks.clear();
        List<RecordingViewModel.Tile> tiles = List.copyOf(model.tiles());
        int columns = columns(tiles.size());
        int rows = (tiles.size() + columns - 1) / columns;
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            grid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < tiles.size(); i++) {
            RecordingViewModel.Tile tile = tiles.get(i);
            PlayerSurface surface = new PlayerSurface();
            surface.setId("recording-surface-" + i);
            Label name = new Label(tile.camera().name());
            name.getStyleClass().add("recording-name");
            name.setStyle("-fx-background-color: rgba(0,0,0,0.6); -fx-text-fill: white; -fx-padding: 1 4 1 4;");
            Label clock = new Label();
            clock.setId("recording-clock-" + i);
            clock.setStyle("-fx-background-color: rgba(0,0,0,0.6); -fx-text-fill: white; -fx-font-family: monospace;"
                    + " -fx-padding: 1 4 1 4;");
            Label message = new Label();
            message.setId("recording-message-" + i);
            message.setWrapText(true);
            message.setStyle("-fx-background-color: rgba(120,60,0,0.8); -fx-text-fill: white; -fx-padding: 2 4 2 4;");
            message.textProperty().bind(tile.messageProperty());
            message.visibleProperty().bind(tile.messageProperty().isNotEmpty());
            StackPane.setAlignment(name, Pos.TOP_LEFT);
            StackPane.setAlignment(clock, Pos.BOTTOM_LEFT);
            StackPane.setAlignment(message, Pos.TOP_CENTER);
            message.setTranslateY(22);
            StackPane cell = new StackPane(surface, name, clock, message);
            cell.setMinSize(0, 0);
            cell.setStyle("-fx-background-color: black;");
            grid.add(cell, i % columns, i / columns);
            surfaces.add(surface);
            clocks.add(clock);
        }
        shownTenths = new long[tiles.size()];
        Arrays.fill(shownTenths, -1);
        title.setText(tiles.isEmpty() ? "" : "Recording · " + String.join(", ",
                tiles.stream().map(t -> t.camera().name()).toList()));
        requestSize();
    }

    /** Once per pulse: each tile's newest picture and its wall-clock time; the group's time. */
    private void pulse() {
        for (int i = 0; i < surfaces.size(); i++) {
            FrameExchange.Frame frame = model.pollFrame(i);
            if (frame == null) {
                continue;
            }
            surfaces.get(i).show(frame);
            long micros = frame.ptsMicros();
            long tenths = micros / 100_000;
            if (tenths != shownTenths[i]) { // text changes ten times a second at most
                shownTenths[i] = tenths;
                clocks.get(i).setText(CLOCK.format(RecordingReader.instant(micros).atZone(model.zone())));
            }
        }
        model.pulse();
    }

    private void showTime(Instant t) {
        time.setText(t == null ? "" : CLOCK.format(t.atZone(model.zone())));
    }

    /** Space, ←, →, [ and ]: for the window's key help. */
    public KeySection keys() { return keys; }

    /** The player's keys ({@link #keys()}); true when the key was one of those (then consume it). */
    public boolean handleKey(KeyEvent e) {
        return model.activeProperty().get() && keys.handle(e);
    }

    private void requestSize() {
        if (surfaces.isEmpty()) {
            return;
        }
        double scale = getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getOutputScaleX() : 1;
        int columns = columns(surfaces.size());
        int rows = (surfaces.size() + columns - 1) / columns;
        double w = grid.getWidth() / columns;
        double h = grid.getHeight() / rows;
        model.requestSize((int) Math.round(w * scale), (int) Math.round(h * scale));
    }

    /** In an archive nothing is live: the button only closes the recording. */
    public void forArchive() {
        live.setText("Close recording");
    }

    /** Stops the pulse; the model closes the players. */
    public void stop() {
        timer.stop();
    }

    /** Tile {@code index}'s picture surface, for tests and screenshots. */
    public Node surface(int index) { return surfaces.get(index); }

    /** The wall-clock time drawn over tile {@code index}. */
    public Label clock(int index) { return clocks.get(index); }

    /** The group's time under the tiles. */
    public Label time() { return time; }
}
