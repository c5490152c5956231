package org.watchroom.core.playback;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.watchroom.core.detect.StillFrame;

/**
 * One picture from a file for the detector: a photo, or frame N of a video decoded by {@link ClipReader}. Lives
 * here, above the detector, because decoding a video is the player's business. For the command line, tests and
 * benchmarks, not for live cameras.
 *
 * <p>Thread-safety: stateless.
 */
public final class StillFrames {
    private StillFrames() {
    }

    /** An image file, or frame {@code frameIndex} (0-based) of a video when the file is not an image. */
    public static StillFrame read(Path file, int frameIndex) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        return StillFrame.image(file).orElseGet(() -> videoFrame(file, frameIndex));
    }

    /**
     * Frame {@code frameIndex} (0-based, in display order) of a video file, decoded by the clip player's reader:
     * plain FFmpeg demuxing and decoding, nothing from its device library.
     */
    public static StillFrame videoFrame(Path file, int frameIndex) {
        if (frameIndex < 0) {
            throw new IllegalArgumentException("frame index must be >= 0, got " + frameIndex);
        }
        try (ClipReader reader = ClipReader.open(file)) { // positioned on frame 0
            for (int i = 0; i < frameIndex; i++) {
                if (!reader.next()) {
                    throw new IllegalArgumentException(file + " is neither an image nor a video with a frame "
                            + frameIndex + " (it has " + (i + 1) + " frames)");
                }
            }
            int width = reader.format().width();
            int height = reader.format().height();
            ByteBuffer buffer = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.nativeOrder());
            reader.scaleInto(buffer, width, height);
            return new StillFrame(buffer, width, height, width * 4);
        } catch (ClipException e) {
            throw new IllegalArgumentException(file + " is neither an image nor a readable video: " + e.getMessage(), e);
        }
    }
}
