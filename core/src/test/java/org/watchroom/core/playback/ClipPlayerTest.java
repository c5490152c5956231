package org.watchroom.core.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.testing.Waits;

/** {@link ClipPlayer} on a real fragmented MP4 (4 s of vtest.mp4 at 10 fps): its thread, pacing and states. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClipPlayerTest {
    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void makeClip() throws Exception {
        clip = TestClips.fragmented(dir.resolve("clip.mp4"), 4);
    }

    /** Records what the player reports. */
    static final class Heard implements ClipPlayer.Listener {
        final List<PlayerState> states = new CopyOnWriteArrayList<>();
        volatile long positions;

        @Override
        public void stateChanged(PlayerState state) { states.add(state); }

        @Override
        @SuppressWarnings("NonAtomicVolatileUpdate") // one writer, the player thread
        public void positionChanged(long micros) { positions++; }
    }

    @Test
    void opensPlaysSeeksToTheMiddleAndStepsAndTheFrameShownChanges() throws Exception {
        Heard heard = new Heard();
        try (ClipPlayer player = new ClipPlayer(clip, heard)) {
            Waits.until(Duration.ofSeconds(10), () -> player.state() instanceof PlayerState.Paused);
            assertThat(player.positionMicros()).isZero();
            player.requestSize(384, 288);
            Waits.until(Duration.ofSeconds(5), () -> player.frames().takeNewest() != null
                    && player.frames().front().width() == 384);
            assertThat(player.frames().front().height()).isEqualTo(288);
            ByteBuffer first = copyOf(player.frames().front());

            player.play();
            Waits.until(Duration.ofSeconds(5), () -> player.positionMicros() >= 500_000);
            player.pause();
            Waits.until(Duration.ofSeconds(5), () -> player.state() instanceof PlayerState.Paused);
            ByteBuffer played = shown(player);
            assertThat(played).as("playing moved the picture").isNotEqualTo(first);

            long middle = player.format().durationMicros() / 2;
            player.seek(middle);
            Waits.until(Duration.ofSeconds(5), () -> Math.abs(player.positionMicros() - middle) <= 100_000);
            ByteBuffer atMiddle = shown(player);
            assertThat(atMiddle).isNotEqualTo(played);

            long before = player.positionMicros();
            player.step(1);
            Waits.until(Duration.ofSeconds(5), () -> player.positionMicros() == before + 100_000);
            ByteBuffer stepped = shown(player);
            assertThat(stepped).as("one frame on").isNotEqualTo(atMiddle);

            player.step(-1);
            Waits.until(Duration.ofSeconds(5), () -> player.positionMicros() == before);
            assertThat(shown(player)).as("one frame back: the middle frame again").isEqualTo(atMiddle);
            assertThat(player.state()).isInstanceOf(PlayerState.Paused.class);
        }
        assertThat(heard.states.getLast()).isInstanceOf(PlayerState.Stopped.class);
    }

    /** The picture the viewer would show now: the newest published one (the player publishes before it reports the position). */
    private static ByteBuffer shown(ClipPlayer player) {
        player.frames().takeNewest();
        return copyOf(player.frames().front());
    }

    private static ByteBuffer copyOf(FrameExchange.Frame frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.pixels().capacity());
        copy.put(frame.pixels().duplicate().clear());
        return copy.flip();
    }

    @Test
    void fourTimesSpeedPlaysTheClipAboutFourTimesFasterThanRealTime() throws Exception {
        Heard heard = new Heard();
        try (ClipPlayer player = new ClipPlayer(clip, heard)) {
            Waits.until(Duration.ofSeconds(10), () -> player.state() instanceof PlayerState.Paused);
            double seconds = player.format().durationMicros() / 1e6;
            player.speed(4);
            long start = System.nanoTime();
            player.play();
            Waits.until(Duration.ofSeconds(10), () -> player.state() instanceof PlayerState.Ended);
            double took = (System.nanoTime() - start) / 1e9;
            // 4 s of clip: 1 s at 4x; loose bounds for a busy machine
            assertThat(took).isBetween(seconds / 4 * 0.8, seconds / 4 * 1.8);
            assertThat(heard.positions).as("frames shown").isGreaterThan(10);
            assertThat(heard.states).contains(new PlayerState.Playing(4), PlayerState.ENDED);

            player.speed(16);
            long again = System.nanoTime();
            player.play(); // from the end: starts over
            Waits.until(Duration.ofSeconds(10), () -> player.state() instanceof PlayerState.Ended);
            assertThat((System.nanoTime() - again) / 1e9).isLessThan(seconds / 4);
        }
    }

    @Test
    void aCorruptOrMissingFileEndsInFailedWithAReasonAndNoThreadLeft() throws Exception {
        Path junk = Files.write(dir.resolve("junk.mp4"), new byte[4096]);
        for (Path file : List.of(junk, dir.resolve("missing.mp4"))) {
            Heard heard = new Heard();
            ClipPlayer player = new ClipPlayer(file, heard);
            Waits.until(Duration.ofSeconds(10), () -> player.state() instanceof PlayerState.Failed);
            String reason = ((PlayerState.Failed) player.state()).reason();
            assertThat(reason).containsAnyOf("damaged or not a video", "missing").doesNotContain("Exception");
            player.play(); // ignored, no exception
            player.close();
            assertThat(player.running()).isFalse();
            assertThat(player.state()).as("the reason stays").isInstanceOf(PlayerState.Failed.class);
        }
    }
}
