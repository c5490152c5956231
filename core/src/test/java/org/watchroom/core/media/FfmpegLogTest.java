package org.watchroom.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_DEBUG;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lines printed by FFmpeg itself (av_log, through the installed callback) land in the buffer of their thread. */
class FfmpegLogTest {
    @BeforeAll
    static void install() {
        FfmpegInput.initialise();
    }

    @AfterEach
    void detach() {
        FfmpegLog.detach();
    }

    @Test
    void warningsAndErrorsGoToTheBufferOfTheThreadThatPrintedThem() {
        FfmpegLogBuffer buffer = new FfmpegLogBuffer(FfmpegLogBuffer.DEFAULT_CAPACITY, null);
        FfmpegLog.attach(buffer);

        av_log(null, AV_LOG_ERROR, "moov atom not found\n");
        av_log(null, AV_LOG_WARNING, "RTP: missed 12 packets\n");
        av_log(null, AV_LOG_DEBUG, "Probing mov score:100 size:2048\n");

        List<String> lines = buffer.drain();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:\\d\\d(\\.\\d+)? moov atom not found");
        assertThat(lines.get(1)).endsWith("RTP: missed 12 packets");
        assertThat(buffer.drain()).as("drained once").isEmpty();
    }

    @Test
    void passwordsNeverReachTheBufferInAnyForm() {
        String password = "pa ss/w@rd";
        FfmpegLogBuffer buffer = new FfmpegLogBuffer(FfmpegLogBuffer.DEFAULT_CAPACITY, password);
        FfmpegLog.attach(buffer);

        av_log(null, AV_LOG_ERROR, "Connection to rtsp://admin:pa%%20ss%%2Fw%%40rd@10.0.0.1:554/x failed\n" /* a printf format: %% is one % */);
        av_log(null, AV_LOG_ERROR, "method DESCRIBE failed for user admin with pa ss/w@rd\n");
        av_log(null, AV_LOG_ERROR, "Opening 'http://viewer:hunter2@cam.local/mjpg' for reading\n");

        String all = String.join("\n", buffer.drain());
        assertThat(all).doesNotContain("pa ss", "pa%20ss", "w@rd", "w%40rd", "hunter2")
                .contains("rtsp://***@10.0.0.1:554/x", "http://***@cam.local/mjpg");
    }

    @Test
    void aThreadWithoutBufferKeepsNothingInAnotherThreadsBuffer() throws Exception {
        FfmpegLogBuffer buffer = new FfmpegLogBuffer(FfmpegLogBuffer.DEFAULT_CAPACITY, null);
        FfmpegLog.attach(buffer);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                av_log(null, AV_LOG_ERROR, "a line of nobody's camera\n");
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        other.join();

        assertThat(failure.get()).isNull();
        assertThat(buffer.drain()).isEmpty();
    }

    @Test
    void aFullBufferKeepsTheNewestLinesAndCutsLongOnes() {
        FfmpegLogBuffer buffer = new FfmpegLogBuffer(3, null);
        for (int i = 1; i <= 5; i++) {
            buffer.add("line " + i);
        }
        buffer.add("x".repeat(5000));

        List<String> lines = buffer.drain();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).endsWith("line 4");
        assertThat(lines.get(2).length()).isLessThan(FfmpegLogBuffer.MAX_LINE + 20);
    }

    @Test
    void contextAddressesAreDropped() {
        assertThat(FfmpegLogBuffer.redactLine("[h264 @ 0x55d0c2a1b2c0] error while decoding MB 3 4"))
                .isEqualTo("[h264] error while decoding MB 3 4");
    }
}
