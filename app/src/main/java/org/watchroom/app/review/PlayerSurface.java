package org.watchroom.app.review;

import java.nio.ByteBuffer;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import org.watchroom.app.wall.DetectionOverlay;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.playback.FrameExchange;

/**
 * The clip picture and its stored boxes. The picture is an {@link ImageView} over a {@link PixelBuffer} that
 * wraps the player's front buffer itself (no copy); the player scales to this surface's size, so the scene graph
 * does not. One image per buffer of the exchange, rebuilt only when the player replaces a buffer (resize).
 *
 * <p>Thread-safety: FX thread only.
 */
final class PlayerSurface extends StackPane {
    private final ImageView video = new ImageView();
    private final DetectionOverlay overlay = new DetectionOverlay();
    private final ByteBuffer[] buffers = new ByteBuffer[4];
    private final PixelBuffer<?>[] pixels = new PixelBuffer<?>[4];
    private final WritableImage[] images = new WritableImage[4];
    private int next;

    PlayerSurface() {
        getStyleClass().add("review-surface");
        setId("review-surface");
        setMinSize(0, 0);
        video.setPreserveRatio(true);
        video.setSmooth(false);
        video.fitWidthProperty().bind(widthProperty());
        video.fitHeightProperty().bind(heightProperty());
        overlay.widthProperty().bind(widthProperty());
        overlay.heightProperty().bind(heightProperty());
        overlay.setManaged(false);
        getChildren().addAll(video, overlay);
        // the player scales to this surface; while a resize is on its way, never draw over the controls around it
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
    }

    /** Shows {@code frame} (the player's front buffer, now owned by this thread until the next one). */
    void show(FrameExchange.Frame frame) {
        int slot = -1;
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] == frame.pixels()) {
                slot = i;
            }
        }
        if (slot < 0 || (int) images[slot].getWidth() != frame.width() || (int) images[slot].getHeight() != frame.height()) {
            slot = slot < 0 ? next++ % buffers.length : slot;
            PixelBuffer<ByteBuffer> wrapped = new PixelBuffer<>(frame.width(), frame.height(), frame.pixels(),
                    PixelFormat.getByteBgraPreInstance());
            buffers[slot] = frame.pixels();
            pixels[slot] = wrapped;
            images[slot] = new WritableImage(wrapped);
        } else {
            pixels[slot].updateBuffer(b -> null); // same buffer, new content: the whole picture is dirty
        }
        video.setImage(images[slot]);
    }

    /** Shows nothing (another event, or one without a clip): no picture of the previous event may linger. */
    void clear() {
        video.setImage(null);
        overlay.draw(null, 1, 0, 0, 0, 0);
    }

    /** Draws the stored boxes for the shown picture where the picture lies in the surface. */
    void drawBoxes(DetectionResult boxes) {
        var image = video.getImage();
        double scale = image == null || image.getWidth() == 0 ? 0
                : Math.min(getWidth() / image.getWidth(), getHeight() / image.getHeight());
        double w = image == null ? 0 : image.getWidth() * scale;
        double h = image == null ? 0 : image.getHeight() * scale;
        overlay.draw(boxes, 1, (getWidth() - w) / 2, (getHeight() - h) / 2, w, h);
    }

    /** The picture shown, for tests. */
    WritableImage image() { return (WritableImage) video.getImage(); }

    ImageView video() { return video; }

    DetectionOverlay overlay() { return overlay; }
}
