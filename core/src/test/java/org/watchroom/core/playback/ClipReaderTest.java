package org.watchroom.core.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link ClipReader} on a real fragmented MP4 made from vtest.mp4 (8 s, 10 fps, H.264 with B-frames). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClipReaderTest {
    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void makeClip() throws Exception {
        clip = TestClips.fragmented(dir.resolve("clip.mp4"), 8);
    }

    @Test
    void opensAndReportsDurationRateAndSizeAndStartsAtZero() {
        try (ClipReader reader = ClipReader.open(clip)) {
            ClipFormat format = reader.format();
            assertThat(format.width()).isEqualTo(768);
            assertThat(format.height()).isEqualTo(576);
            assertThat(format.frameRate()).isCloseTo(10, within(0.01));
            assertThat(format.durationMicros()).isBetween(7_800_000L, 8_200_000L);
            assertThat(format.codec()).isEqualTo("h264");
            assertThat(reader.positionMicros()).isZero();
        }
    }

    @Test
    void seekToTheMiddleLandsWithinOneFrameAndStepsMoveOneFrameEachWay() {
        try (ClipReader reader = ClipReader.open(clip)) {
            long middle = reader.format().durationMicros() / 2 + 33_000; // between two frames on purpose
            long frame = reader.format().frameMicros();
            assertThat(reader.seek(middle)).isTrue();
            assertThat(Math.abs(reader.positionMicros() - middle)).isLessThanOrEqualTo(frame);
            long landed = reader.positionMicros();
            ByteBuffer a = ByteBuffer.allocateDirect(320 * 240 * 4);
            reader.scaleInto(a, 320, 240);

            assertThat(reader.next()).isTrue();
            assertThat(reader.positionMicros() - landed).isEqualTo(frame);
            ByteBuffer b = ByteBuffer.allocateDirect(320 * 240 * 4);
            reader.scaleInto(b, 320, 240);
            assertThat(b).as("people walk: the next frame differs").isNotEqualTo(a);

            assertThat(reader.stepBack()).isTrue();
            assertThat(reader.positionMicros()).isEqualTo(landed);
            ByteBuffer c = ByteBuffer.allocateDirect(320 * 240 * 4);
            reader.scaleInto(c, 320, 240);
            assertThat(c).as("stepping back shows the same picture again").isEqualTo(a);
            assertThat(opaque(c)).isTrue();
        }
    }

    @Test
    void seekingPastTheEndShowsTheLastFrameAndBackToZeroTheFirst() {
        try (ClipReader reader = ClipReader.open(clip)) {
            long duration = reader.format().durationMicros();
            assertThat(reader.seek(duration + 5_000_000)).isTrue();
            assertThat(reader.positionMicros()).isEqualTo(duration - reader.format().frameMicros());
            assertThat(reader.next()).as("the end").isFalse();
            assertThat(reader.seek(0)).isTrue();
            assertThat(reader.positionMicros()).isZero();
            assertThat(reader.stepBack()).as("nothing before the first frame").isFalse();
        }
    }

    @Test
    void aClipCutOffMidFragmentPlaysUpToItsLastCompleteFragment() throws Exception {
        byte[] whole = Files.readAllBytes(clip);
        Path cut = Files.write(dir.resolve("being-written.mp4"), Arrays.copyOf(whole, whole.length * 2 / 3));
        try (ClipReader reader = ClipReader.open(cut)) {
            assertThat(reader.format().durationMicros()).isBetween(2_000_000L, 7_000_000L);
            int frames = 1;
            while (reader.next()) {
                frames++;
            }
            assertThat(frames).isGreaterThan(20);
        }
    }

    @Test
    void missingAndCorruptFilesGiveAReasonInWords() throws Exception {
        assertThatThrownBy(() -> ClipReader.open(dir.resolve("gone.mp4")))
                .isInstanceOf(ClipException.class).hasMessageContaining("missing");
        Path junk = Files.write(dir.resolve("junk.mp4"), "this is not a video at all".repeat(100).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ClipReader.open(junk))
                .isInstanceOf(ClipException.class).hasMessageContaining("damaged or not a video");
    }

    static boolean opaque(ByteBuffer bgra) {
        return bgra.get(3) == (byte) 0xff && bgra.get(bgra.capacity() - 1) == (byte) 0xff;
    }
}
