package org.watchroom.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.watchroom.core.playback.StillFrames;
import org.watchroom.core.testing.TestMedia;

class FrameSnapshotsTest {
    @Test
    void snapshotIsAJpegOfTheWholeFrameWithTheBoxesDrawnIn() {
        StillFrame picture = StillFrames.read(TestMedia.file("vtest.avi"), 100);
        Detection person = new Detection("person", 0, 0.9f, new Box(100, 100, 40, 100), null);
        byte[] plain = FrameSnapshots.jpegWithBoxes(picture.bgra(), picture.width(), picture.height(), picture.stride(),
                List.of(), picture.width(), picture.height());
        byte[] boxed = FrameSnapshots.jpegWithBoxes(picture.bgra(), picture.width(), picture.height(), picture.stride(),
                List.of(person), picture.width(), picture.height());
        try (Mat decoded = opencv_imgcodecs.imdecode(new Mat(new BytePointer(boxed)), opencv_imgcodecs.IMREAD_COLOR)) {
            assertThat(decoded.cols()).isEqualTo(768);
            assertThat(decoded.rows()).isEqualTo(576);
            // the box's left edge at x=100 is drawn in the person colour (BGR 80,185,63), not the footage
            var pixel = decoded.ptr(150, 100);
            assertThat(pixel.get(1) & 0xFF).isGreaterThan(150);
        }
        assertThat(boxed).isNotEqualTo(plain);
    }

    @Test
    void aSavedStillIsALosslessPngOfTheWholeFrameWithItsCaptionAlongTheBottom() {
        StillFrame picture = StillFrames.read(TestMedia.file("vtest.avi"), 100);
        byte[] png = FrameSnapshots.pngWithCaption(picture.bgra(), picture.width(), picture.height(), picture.stride(),
                "Gate 2026-12-07 17:45:03");
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        try (Mat decoded = opencv_imgcodecs.imdecode(new Mat(new BytePointer(png)), opencv_imgcodecs.IMREAD_COLOR)) {
            assertThat(decoded.cols()).isEqualTo(768);
            assertThat(decoded.rows()).isEqualTo(576);
            var top = decoded.ptr(10, 400); // the footage, untouched (lossless: the frame's own pixel)
            var source = picture.bgra().get(10 * picture.stride() + 400 * 4) & 0xFF;
            assertThat(top.get(0) & 0xFF).isEqualTo(source);
            int lit = 0; // the caption: white text on the dark band
            for (int x = 0; x < 200; x++) {
                var pixel = decoded.ptr(decoded.rows() - 12, x);
                lit += (pixel.get(0) & 0xFF) > 200 ? 1 : 0;
            }
            assertThat(lit).isPositive();
        }
    }
}
