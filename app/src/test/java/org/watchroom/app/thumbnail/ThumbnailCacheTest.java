package org.watchroom.app.thumbnail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.watchroom.app.UiTest;
import org.watchroom.app.fx.TaskExecutor;

/**
 * The thumbnails shared by the alerts list and the review pane: decoded once per file and size, kept, retried when
 * missing. JavaFX decodes images only once its toolkit runs (Monocle, as in the UI tests).
 */
@UiTest
@ExtendWith(ApplicationExtension.class)
class ThumbnailCacheTest {
    @TempDir
    Path dir;

    /** Runs work when told to, as the FX thread would get its answers later. */
    private static final class Later implements TaskExecutor {
        private final List<Runnable> queued = new ArrayList<>();
        private int submitted;

        @Override
        public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
            submitted++;
            queued.add(() -> {
                try {
                    onSuccess.accept(work.call());
                } catch (Exception e) {
                    onFailure.accept(e);
                }
            });
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
        }

        void runAll() {
            List<Runnable> now = List.copyOf(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    private Path png(String name) throws Exception {
        Path file = dir.resolve(name);
        ImageIO.write(new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        return file;
    }

    @Test
    void aPictureAskedForTwiceWhileItLoadsIsDecodedOnceAndThenServedAtOnce() throws Exception {
        Later executor = new Later();
        ThumbnailCache cache = new ThumbnailCache(executor);
        Path snapshot = png("snapshot.png");
        ThumbnailCache.Size cell = new ThumbnailCache.Size(96, 54);
        List<Image> shown = new ArrayList<>();

        cache.load(snapshot, cell, shown::add);
        cache.load(snapshot, cell, shown::add);
        assertThat(shown).as("nothing before it is decoded").isEmpty();
        executor.runAll();
        assertThat(executor.submitted).isEqualTo(1);
        assertThat(shown).hasSize(2).allSatisfy(image -> {
            assertThat(image.getWidth()).isEqualTo(96);
            assertThat(image.getHeight()).isEqualTo(54);
        });

        cache.load(snapshot, cell, shown::add);
        assertThat(shown).as("kept: at once").hasSize(3);
        assertThat(shown.get(2)).isSameAs(shown.getFirst());
        cache.load(snapshot, new ThumbnailCache.Size(0, 64), shown::add);
        executor.runAll();
        assertThat(executor.submitted).as("another size is another picture").isEqualTo(2);
        assertThat(shown.getLast().getHeight()).isEqualTo(64);
    }

    @Test
    void aMissingFileIsNotShownNorKeptSoItIsTriedAgain() throws Exception {
        Later executor = new Later();
        ThumbnailCache cache = new ThumbnailCache(executor);
        Path later = dir.resolve("later.png");
        List<Image> shown = new ArrayList<>();

        cache.load(later, new ThumbnailCache.Size(96, 54), shown::add);
        executor.runAll();
        assertThat(shown).isEmpty();

        png("later.png");
        cache.load(later, new ThumbnailCache.Size(96, 54), shown::add);
        executor.runAll();
        assertThat(executor.submitted).isEqualTo(2);
        assertThat(shown).hasSize(1);
    }

    @Test
    void aReloadDecodesAFileRewrittenInPlaceAgain() throws Exception {
        Later executor = new Later();
        ThumbnailCache cache = new ThumbnailCache(executor);
        Path peak = dir.resolve("7-peak.png");
        ImageIO.write(new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB), "png", peak.toFile());
        ThumbnailCache.Size size = new ThumbnailCache.Size(0, 64);
        List<Image> shown = new ArrayList<>();
        cache.load(peak, size, shown::add);
        executor.runAll();

        BufferedImage higher = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 320; x++) {
            for (int y = 0; y < 180; y++) {
                higher.setRGB(x, y, 0xFFFFFF);
            }
        }
        ImageIO.write(higher, "png", peak.toFile());
        cache.reload(peak, size, shown::add);
        assertThat(shown).as("not the kept picture at once").hasSize(1);
        executor.runAll();

        assertThat(executor.submitted).isEqualTo(2);
        assertThat(shown).hasSize(2);
        assertThat(shown.get(0).getPixelReader().getArgb(10, 10)).isEqualTo(0xFF000000);
        assertThat(shown.get(1).getPixelReader().getArgb(10, 10)).as("the file as it is now").isEqualTo(0xFFFFFFFF);
        cache.load(peak, size, shown::add);
        assertThat(shown.getLast()).as("and kept for the list").isSameAs(shown.get(1));
    }

    @Test
    void anExecutorThatRefusesLeavesNothingWaiting() throws Exception {
        Later executor = new Later();
        Path snapshot = png("refused.png");
        ThumbnailCache.Size size = new ThumbnailCache.Size(96, 54);
        boolean[] refuse = {true};
        TaskExecutor closing = new TaskExecutor() {
            @Override
            public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess,
                    Consumer<? super Throwable> onFailure) {
                if (refuse[0]) {
                    throw new IllegalStateException("shut down");
                }
                executor.submit(work, onSuccess, onFailure);
            }

            @Override
            public void onUiThread(Runnable action) {
                action.run();
            }
        };
        ThumbnailCache cache = new ThumbnailCache(closing);
        List<Image> shown = new ArrayList<>();
        assertThatThrownBy(() -> cache.load(snapshot, size, shown::add)).as("the refusal reaches the caller")
                .isInstanceOf(IllegalStateException.class);

        refuse[0] = false;
        cache.load(snapshot, size, shown::add);
        executor.runAll();
        assertThat(executor.submitted).as("asked again, not left waiting on the refused load").isEqualTo(1);
        assertThat(shown).hasSize(1);
    }

    @Test
    void anAlertsThumbnailIsItsObjectCutFromTheSnapshot() throws Exception {
        // a 320x180 snapshot, black but for a red person at x 200..216, y 60..120
        Path file = dir.resolve("person.png");
        BufferedImage picture = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        for (int y = 60; y < 120; y++) {
            for (int x = 200; x < 216; x++) {
                picture.setRGB(x, y, 0xFF0000);
            }
        }
        ImageIO.write(picture, "png", file.toFile());
        Later executor = new Later();
        ThumbnailCache cache = new ThumbnailCache(executor);
        List<Image> shown = new ArrayList<>();
        cache.loadCrop(file, new double[] {200 / 320.0, 60 / 180.0, 16 / 320.0, 60 / 180.0},
                new ThumbnailCache.Size(96, 54), shown::add);
        executor.runAll();
        Image crop = shown.getFirst();
        // the person is 60 px tall: with the margin 90 px, widened to 16:9, 160 x 90
        assertThat(crop.getHeight()).isEqualTo(90);
        assertThat(crop.getWidth()).isEqualTo(160);
        assertThat(crop.getPixelReader().getColor(80, 45).getRed()).as("the person in the middle").isGreaterThan(0.9);
        assertThat(ThumbnailCache.around(List.of(0.0, 0.0, 0.05, 0.1), 320, 180, new ThumbnailCache.Size(96, 54)))
                .as("kept inside the picture at its edge").startsWith(0.0, 0.0);
    }
}
