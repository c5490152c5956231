package org.watchroom.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.watchroom.core.testing.RtspTest;
import org.watchroom.core.testing.RtspTestServer;

/**
 * The glass-to-glass benchmark's instrument: the test server's {@code /clock} frames, decoded as a player would,
 * carry a time the reader gets back, also from a picture shown smaller inside a larger screen.
 */
@RtspTest // the project's rule: a class that starts the RTSP server is tagged as a whole
class ClockCodeTest {
    @Test
    void readsTheTimeEachFrameEnteredTheEncoder() throws Exception {
        try (RtspTestServer server = RtspTestServer.start();
             FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(server.url("/clock"))) {
            grabber.setOption("rtsp_transport", "tcp");
            grabber.setOption("timeout", "5000000");
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            Set<Long> codes = new HashSet<>();
            for (int i = 0; i < 15; i++) {
                Frame frame = grabber.grabImage();
                long now = System.currentTimeMillis();
                byte[] rgb = packed(frame);
                assertThat(ClockCode.locate(rgb, frame.imageWidth, frame.imageHeight))
                        .contains(new ClockCode.Region(0, 0, ClockCode.WIDTH, ClockCode.HEIGHT));
                long code = ClockCode.read(rgb, frame.imageWidth, frame.imageHeight);
                assertThat(code).isNotNegative();
                // a code from the future would read as an age near 2^24 ms
                assertThat(ClockCode.ageMillis(code, now)).isLessThan(5000L);
                codes.add(code);

                // the same picture at a quarter of its size, in the middle of a dark 800x600 screen
                byte[] screen = new byte[800 * 600 * 3];
                int w = ClockCode.WIDTH / 4;
                int h = ClockCode.HEIGHT / 4;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        System.arraycopy(rgb, ((y * 4) * ClockCode.WIDTH + x * 4) * 3, screen, ((300 + y) * 800 + 333 + x) * 3, 3);
                    }
                }
                ClockCode.Region box = ClockCode.locate(screen, 800, 600).orElseThrow();
                assertThat(box).isEqualTo(new ClockCode.Region(333, 300, w, h));
                assertThat(ClockCode.read(ClockCode.crop(screen, 800, box), box.width(), box.height())).isEqualTo(code);
            }
            assertThat(codes).as("a new time on each frame").hasSizeGreaterThan(10);
        }
    }

    @Test
    void aPictureWithoutTheCodeReadsAsNothing() {
        byte[] grey = new byte[320 * 180 * 3];
        Arrays.fill(grey, (byte) 90);
        assertThat(ClockCode.locate(grey, 320, 180)).isEmpty();
        assertThat(ClockCode.read(grey, 320, 180)).isEqualTo(-1);
    }

    @Test
    void aGrabCaughtBetweenTwoFramesIsRejected() {
        long earlier = 1_000_000;
        long later = earlier + 33;
        assertThat(ClockCode.read(drawn(ClockCode.word(later)), ClockCode.WIDTH, ClockCode.HEIGHT)).isEqualTo(later);
        // the top row of cells from one frame, the rest from the next; and a single cell flipped
        long mixed = (ClockCode.word(earlier) & 0xFF) | (ClockCode.word(later) & ~0xFFL);
        assertThat(mixed).isNotEqualTo(ClockCode.word(earlier)).isNotEqualTo(ClockCode.word(later));
        assertThat(ClockCode.read(drawn(mixed), ClockCode.WIDTH, ClockCode.HEIGHT)).isEqualTo(-1);
        assertThat(ClockCode.read(drawn(ClockCode.word(later) ^ (1L << 13)), ClockCode.WIDTH, ClockCode.HEIGHT))
                .isEqualTo(-1);
    }

    @Test
    void ageWrapsWithTheCode() {
        assertThat(ClockCode.ageMillis(ClockCode.MODULUS - 10, ClockCode.MODULUS * 5 + 30)).isEqualTo(40);
        assertThat(ClockCode.ageMillis(1000, 1250)).isEqualTo(250);
    }

    /** The code's picture for the cells of {@code word}, as {@code rtsp_server.py} draws it, in RGB. */
    private static byte[] drawn(long word) {
        byte[] rgb = new byte[ClockCode.WIDTH * ClockCode.HEIGHT * 3];
        for (int y = 0; y < ClockCode.HEIGHT; y++) {
            for (int x = 0; x < ClockCode.WIDTH; x++) {
                int col = (x - ClockCode.BORDER) / ClockCode.CELL_WIDTH;
                int row = (y - ClockCode.BORDER) / ClockCode.CELL_HEIGHT;
                boolean border = x < ClockCode.BORDER || y < ClockCode.BORDER || x >= ClockCode.WIDTH - ClockCode.BORDER
                        || y >= ClockCode.HEIGHT - ClockCode.BORDER;
                int i = (y * ClockCode.WIDTH + x) * 3;
                if (border) {
                    rgb[i] = (byte) 255;
                    rgb[i + 2] = (byte) 255;
                } else if (ClockCode.cellOn(word, row, col)) {
                    Arrays.fill(rgb, i, i + 3, (byte) 255);
                }
            }
        }
        return rgb;
    }

    private static byte[] packed(Frame frame) {
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        byte[] rgb = new byte[frame.imageWidth * frame.imageHeight * 3];
        for (int y = 0; y < frame.imageHeight; y++) {
            pixels.get(y * frame.imageStride, rgb, y * frame.imageWidth * 3, frame.imageWidth * 3);
        }
        return rgb;
    }

}
