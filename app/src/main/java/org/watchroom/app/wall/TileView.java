package org.watchroom.app.wall;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.binding.BooleanExpression;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.frame.FrameReader;
import org.watchroom.core.frame.FrameSlot;

/**
 * One camera on the wall. The video is an {@link ImageView} over a {@link PixelBuffer} that wraps the frame
 * ring slot itself (no copy). Asks the source for pictures of the size it shows, so the scene graph never scales.
 *
 * <p>The render thread reads the slot's pixels after this tile has handed them over: the wall's animation timer
 * runs at the start of a pulse, while the previous pulse's frame may still be uploading, and only the scene
 * sync later in the pulse waits for that. So a slot must stay pinned one frame longer than the tile shows it,
 * or the decoder rewrites it (at a new size after a resize) under the upload. The tile's ring reader is
 * therefore a trailing one, and a reader it stops using is closed only two polls later.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class TileView extends StackPane {
    private static final PseudoClass FLASH = PseudoClass.getPseudoClass("flash");
    /** Scroll distance of one wheel notch (JavaFX reports 40 on most platforms). */
    private static final double WHEEL_NOTCH = 40;
    private final TileViewModel model;
    private Timeline flashing;
    private final ImageView video = new ImageView();
    private final DetectionOverlay overlay = new DetectionOverlay();
    private BooleanExpression overlayShown;
    /** One image per ring slot index, grown when a ring with more slots shows up. */
    private SlotImage[] images = new SlotImage[0];
    private TileFrames source;
    private FrameReader reader;
    /** A reader replaced by {@link #showSource}, kept (with its pins) until the render thread is past its frame. */
    private FrameReader retired;
    private int retiredPolls;
    /** The digital zoom: a crop of the picture in the view, from pictures scaled up to the camera's own size. */
    private Zoom zoom = Zoom.NONE;
    /** The picture size the viewport was set for; -1: set it at the next frame. */
    private double viewportWidth = -1;
    private double viewportHeight = -1;
    private double dragX;
    private double dragY;
    private final Label zoomLabel = new Label();

    /** The image made for one ring slot; rebuilt only when that slot's buffer or size changes. */
    private record SlotImage(ByteBuffer buffer, int width, int height, PixelBuffer<ByteBuffer> pixels, WritableImage image) {
    }

    public TileView(TileViewModel model) {
        this.model = model;
        getStyleClass().add("tile");
        video.setPreserveRatio(true);
        video.setSmooth(false);
        video.fitWidthProperty().bind(widthProperty());
        video.fitHeightProperty().bind(heightProperty());

        Label name = new Label(model.name());
        name.getStyleClass().add("tile-name");
        Label badge = new Label();
        badge.getStyleClass().add("tile-badge");
        badge.textProperty().bind(model.badgeProperty());
        model.toneProperty().subscribe(tone -> {
            badge.getStyleClass().removeIf(s -> s.startsWith("tone-"));
            badge.getStyleClass().add("tone-" + tone.name().toLowerCase(Locale.ROOT));
        });
        Label fps = new Label();
        fps.getStyleClass().add("tile-fps");
        fps.textProperty().bind(model.fpsProperty());
        name.setMinWidth(Region.USE_PREF_SIZE);
        badge.maxWidthProperty().bind(widthProperty().multiply(0.6));
        // the badge may be cut short on a small tile: the whole reason shows on hover (the badge lets the mouse through)
        Tooltip why = new Tooltip();
        why.setWrapText(true);
        why.setMaxWidth(480);
        why.textProperty().bind(model.reasonProperty());
        model.reasonProperty().subscribe(text -> {
            if (text.isEmpty()) {
                Tooltip.uninstall(this, why);
            } else {
                Tooltip.install(this, why);
            }
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox top = new HBox(6, name, spring, badge);
        top.setPadding(new Insets(4));
        top.setMouseTransparent(true);
        top.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane.setAlignment(top, Pos.TOP_CENTER);
        StackPane.setAlignment(fps, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(fps, new Insets(4));
        fps.setMouseTransparent(true);
        overlay.widthProperty().bind(widthProperty());
        overlay.heightProperty().bind(heightProperty());
        overlay.setManaged(false);
        zoomLabel.getStyleClass().add("tile-zoom");
        zoomLabel.setMouseTransparent(true);
        zoomLabel.setVisible(false);
        StackPane.setAlignment(zoomLabel, Pos.BOTTOM_LEFT);
        StackPane.setMargin(zoomLabel, new Insets(4));
        Label notice = new Label();
        notice.getStyleClass().add("tile-notice");
        notice.setMouseTransparent(true);
        notice.setWrapText(true);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        PauseTransition noticeShown = new PauseTransition(Duration.seconds(6));
        noticeShown.setOnFinished(e -> model.clearNotice());
        model.noticeProperty().subscribe(text -> {
            if (!text.isEmpty()) {
                noticeShown.playFromStart();
            }
        });
        getChildren().addAll(video, overlay, top, fps, zoomLabel, notice);
        CheckMenuItem showDetections = new CheckMenuItem("Show detections");
        showDetections.selectedProperty().bindBidirectional(model.overlayVisibleProperty());
        MenuItem simulate = new MenuItem("Simulate event (person)");
        simulate.setOnAction(e -> model.simulateEvent("person"));
        MenuItem replay = new MenuItem("Replay last " + TileViewModel.REPLAY_BACK.toSeconds() + " s");
        replay.setOnAction(e -> model.replay());
        MenuItem still = new MenuItem("Save still");
        still.setOnAction(e -> saveStill());
        MenuItem unzoom = new MenuItem("Reset zoom");
        unzoom.setOnAction(e -> zoomTo(Zoom.NONE));
        setOnContextMenuRequested(e -> {
            unzoom.setDisable(!zoom.zoomed());
            still.setDisable(video.getImage() == null);
            new ContextMenu(replay, still, showDetections, unzoom, simulate).show(this, e.getScreenX(), e.getScreenY());
        });
        setOnScroll(e -> {
            double[] box = pictureBox();
            if (box[2] > 0 && e.getDeltaY() != 0) {
                zoomTo(zoom.at(fraction(e.getX() - box[0], box[2]), fraction(e.getY() - box[1], box[3]),
                        e.getDeltaY() / WHEEL_NOTCH));
                e.consume();
            }
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            double[] box = pictureBox();
            if (zoom.zoomed() && e.isPrimaryButtonDown() && box[2] > 0) {
                zoomTo(zoom.pan((e.getX() - dragX) / box[2], (e.getY() - dragY) / box[3]));
                dragX = e.getX();
                dragY = e.getY();
            }
        });
        overlayShown = model.overlayVisibleProperty();
        setMinSize(0, 0);
        widthProperty().addListener((o, a, b) -> requestSize());
        heightProperty().addListener((o, a, b) -> requestSize());
        showSource(model.display());
        model.flashesProperty().addListener((o, a, b) -> flash());
    }

    /** Hands a copy of the picture shown now to the model, which saves it as a still. */
    private void saveStill() {
        if (!(video.getImage() instanceof WritableImage image)) {
            return;
        }
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        byte[] bgra = new byte[width * height * 4];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getByteBgraPreInstance(), bgra, 0, width * 4);
        model.saveStill(bgra, width, height);
    }

    /** Shows {@code next}'s part of the picture, asking for pictures large enough that the crop keeps its detail. */
    void zoomTo(Zoom next) {
        boolean sizeChanges = next.factor() != zoom.factor();
        zoom = next;
        viewportWidth = -1;
        applyViewport();
        zoomLabel.setVisible(zoom.zoomed());
        zoomLabel.setText(String.format(Locale.ROOT, "%.1f×", zoom.factor()));
        if (sizeChanges) {
            requestSize();
        }
    }

    /** The tile's digital zoom now. */
    Zoom zoom() { return zoom; }

    private void applyViewport() {
        var image = video.getImage();
        if (image == null || (image.getWidth() == viewportWidth && image.getHeight() == viewportHeight)) {
            return;
        }
        viewportWidth = image.getWidth();
        viewportHeight = image.getHeight();
        video.setViewport(zoom.zoomed() ? zoom.viewport(viewportWidth, viewportHeight) : null);
    }

    /** Where the picture lies in the tile (x, y, width, height): ImageView keeps the aspect, StackPane centres it. */
    private double[] pictureBox() {
        var image = video.getImage();
        double scale = image == null || image.getWidth() == 0 ? 0
                : Math.min(getWidth() / image.getWidth(), getHeight() / image.getHeight());
        double w = image == null ? 0 : image.getWidth() * scale;
        double h = image == null ? 0 : image.getHeight() * scale;
        return new double[] {(getWidth() - w) / 2, (getHeight() - h) / 2, w, h};
    }

    private static double fraction(double offset, double length) {
        return Math.max(0, Math.min(1, offset / length));
    }

    /** Blinks the tile's border three times for a new alert. */
    private void flash() {
        if (flashing != null) {
            flashing.stop();
        }
        flashing = new Timeline();
        for (int i = 0; i < 6; i++) {
            boolean on = i % 2 == 0;
            flashing.getKeyFrames().add(new KeyFrame(Duration.millis(i * 250),
                    e -> pseudoClassStateChanged(FLASH, on)));
        }
        flashing.getKeyFrames().add(new KeyFrame(Duration.millis(1500),
                e -> pseudoClassStateChanged(FLASH, false)));
        flashing.play();
    }

    /** True while the tile shows the alert flash (for tests). */
    public boolean flashing() { return getPseudoClassStates().contains(FLASH); }

    public TileViewModel model() { return model; }

    /** Switches to other frames of the same camera (main stream in focus view). */
    public void showSource(TileFrames next) {
        if (next == source) {
            return;
        }
        if (reader != null) {
            closeRetired();
            retired = reader;
            retiredPolls = 0;
            video.setImage(null); // the next sync drops the old slot from the scene graph
        }
        source = next;
        reader = next.reader("wall:" + model.name());
        Arrays.fill(images, null);
        requestSize();
    }

    /** Also needs the wall's global switch to show detections. */
    void overlaysAllowedBy(BooleanExpression wallSwitch) {
        overlayShown = model.overlayVisibleProperty().and(wallSwitch);
    }

    /** Shows the newest frame if there is one and updates the overlay; called by the wall's one animation timer. */
    void pollFrame() {
        // The first poll may come before the sync that dropped the old image; after the second, it is gone.
        if (retired != null && ++retiredPolls > 2) {
            closeRetired();
        }
        pollVideo();
        DetectionResult result = model.detections();
        double opacity = result == null || !overlayShown.get() ? 0
                : TileViewModel.overlayOpacity(System.nanoTime() - model.detectionsReceivedNanos());
        // the whole picture as the zoom would lay it out: the boxes stay on their objects, the canvas clips the rest
        var image = video.getImage();
        double scale = image == null || image.getWidth() == 0 ? 0
                : Math.min(getWidth() / image.getWidth(), getHeight() / image.getHeight());
        double w = image == null ? 0 : image.getWidth() * scale * zoom.factor();
        double h = image == null ? 0 : image.getHeight() * scale * zoom.factor();
        double x = (getWidth() - w / zoom.factor()) / 2 - zoom.left() * w;
        double y = (getHeight() - h / zoom.factor()) / 2 - zoom.top() * h;
        overlay.draw(result, opacity, x, y, w, h);
    }

    private void pollVideo() {
        FrameSlot slot = reader.acquireNewest();
        if (slot == null) {
            return;
        }
        if (slot.index() >= images.length) {
            images = Arrays.copyOf(images, slot.index() + 1);
        }
        SlotImage cached = images[slot.index()];
        if (cached == null || cached.buffer != slot.pixels() || cached.width != slot.width() || cached.height != slot.height()) {
            PixelBuffer<ByteBuffer> pixels = new PixelBuffer<>(slot.width(), slot.height(), slot.pixels(),
                    PixelFormat.getByteBgraPreInstance());
            cached = new SlotImage(slot.pixels(), slot.width(), slot.height(), pixels, new WritableImage(pixels));
            images[slot.index()] = cached;
        } else {
            cached.pixels.updateBuffer(b -> null); // same slot, new content: mark the whole image dirty
        }
        video.setImage(cached.image);
        applyViewport();
    }

    private void requestSize() {
        double scale = getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getOutputScaleX() : 1;
        double wanted = scale * zoom.factor(); // never more than the camera's own size (OutputSize caps it)
        source.showAt((int) Math.round(getWidth() * wanted), (int) Math.round(getHeight() * wanted));
    }

    private void closeRetired() {
        if (retired != null) {
            retired.close();
            retired = null;
        }
    }

    /** Releases the ring reader; the tile is gone. */
    void dispose() {
        closeRetired();
        video.setImage(null);
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    ImageView video() { return video; }

    /** The detection overlay, for tests and screenshots. */
    public Canvas overlay() { return overlay; }
}
