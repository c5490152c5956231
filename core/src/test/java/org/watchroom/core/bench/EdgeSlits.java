package org.watchroom.core.bench;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.watchroom.core.testing.TestMedia;

/**
 * Slit-scan pictures of a clip's edges, for counting by hand how many people walk through (the reference for the
 * tracking numbers in docs/performance.md): the pixel column 6 px inside the left and the right edge and the row
 * 6 px above the bottom, of every frame, side by side (2 px per frame, a dotted line every 100 frames). Whoever
 * enters or leaves the picture leaves a figure on one of them.
 *
 * <p>Not a test: {@code ./mvnw -B -o -pl core -Pbench process-test-classes
 * -Dbench.main=org.watchroom.core.bench.EdgeSlits -Dbench.args="--out DIR"} writes left.png, right.png and bottom.png.
 */
public final class EdgeSlits {
    private EdgeSlits() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(".");
        String[] options = BenchMachine.splitArgs(args);
        for (int i = 0; i + 1 < options.length; i++) {
            if (options[i].equals("--out")) {
                out = Path.of(options[i + 1]);
            }
        }
        List<int[]> left = new ArrayList<>();
        List<int[]> right = new ArrayList<>();
        List<int[]> bottom = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(TestMedia.file("vtest.avi").toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                BufferedImage picture = converter.convert(frame);
                int w = picture.getWidth();
                int h = picture.getHeight();
                int[] l = new int[h];
                int[] r = new int[h];
                int[] b = new int[w];
                for (int y = 0; y < h; y++) {
                    l[y] = picture.getRGB(6, y);
                    r[y] = picture.getRGB(w - 7, y);
                }
                for (int x = 0; x < w; x++) {
                    b[x] = picture.getRGB(x, h - 7);
                }
                left.add(l);
                right.add(r);
                bottom.add(b);
            }
        }
        write(left, out.resolve("left.png"));
        write(right, out.resolve("right.png"));
        write(bottom, out.resolve("bottom.png"));
        System.out.printf("%d frames; wrote left.png, right.png and bottom.png to %s%n", left.size(), out.toAbsolutePath());
    }

    private static void write(List<int[]> slits, Path file) throws Exception {
        int length = slits.getFirst().length;
        BufferedImage picture = new BufferedImage(slits.size() * 2, length, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < slits.size(); i++) {
            for (int y = 0; y < length; y++) {
                int rgb = i % 100 == 0 && y % 4 == 0 ? 0xFFFF00 : slits.get(i)[y];
                picture.setRGB(2 * i, y, rgb);
                picture.setRGB(2 * i + 1, y, rgb);
            }
        }
        ImageIO.write(picture, "png", file.toFile());
    }
}
