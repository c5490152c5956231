package org.watchroom.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.playback.ClipReader;

class TestCardTest {
    @TempDir
    Path cache;

    @Test
    void writesTenSecondsOfH264ThatDecodeAndChange() throws Exception {
        Path file = TestCard.ensure(cache);

        assertThat(file).isEqualTo(cache.resolve("demo").resolve(TestCard.FILE_NAME));
        try (ClipReader reader = ClipReader.open(file)) {
            assertThat(reader.format().codec()).isEqualTo("h264");
            assertThat(reader.format().width()).isEqualTo(TestCard.WIDTH);
            assertThat(reader.format().height()).isEqualTo(TestCard.HEIGHT);
            assertThat(reader.format().durationMicros()).isBetween(9_800_000L, 10_200_000L);
            ByteBuffer first = picture(reader);
            int frames = 1;
            while (reader.next()) {
                frames++;
            }
            assertThat(frames).isEqualTo(TestCard.FPS * TestCard.SECONDS);
            assertThat(picture(reader)).as("the card moves: the last picture differs from the first").isNotEqualTo(first);
        }
        assertThat(cache.resolve("demo")).isDirectoryNotContaining("glob:**.part.mp4");
    }

    @Test
    void aCardInTheCacheIsReusedNotWrittenAgain() throws Exception {
        Path file = TestCard.ensure(cache);
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, written);

        assertThat(TestCard.ensure(cache)).isEqualTo(file);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
    }

    private static ByteBuffer picture(ClipReader reader) {
        ByteBuffer pixels = ByteBuffer.allocateDirect(TestCard.WIDTH * TestCard.HEIGHT * 4);
        reader.scaleInto(pixels, TestCard.WIDTH, TestCard.HEIGHT);
        return pixels;
    }
}
