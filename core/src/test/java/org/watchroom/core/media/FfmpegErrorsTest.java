package org.watchroom.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FFmpeg's error text: only the characters it wrote, never the rest of the native buffer. */
class FfmpegErrorsTest {

    @Test
    void knownCodesGiveFfmpegsWordsAndNothingAfterThem() {
        assertThat(FfmpegErrors.text(AVERROR_EOF)).isEqualTo("End of file");
        assertThat(FfmpegErrors.text(AVERROR_INVALIDDATA)).isEqualTo("Invalid data found when processing input");
        assertThat(FfmpegErrors.text(-2)).isEqualTo("No such file or directory");
    }

    @Test
    void unknownCodesSayTheirNumberAndCarryNoNativeMemory() {
        // FFmpeg has no text for these: av_strerror writes a short fallback (or nothing) into a 256-byte buffer
        for (int code : List.of(FfmpegInput.DEVICES_UNAVAILABLE, -0x1234_5678, Integer.MIN_VALUE + 1, 987_654)) {
            String text = FfmpegErrors.text(code);
            assertThat(text).as("code %d", code).isEqualTo("error code " + code);
        }
        for (int round = 0; round < 50; round++) { // fresh native buffers each time: none may leak into the text
            for (int code : List.of(-0x1234_5678, AVERROR_EOF, -110)) {
                assertThat(FfmpegErrors.text(code)).as("code %d", code)
                        .doesNotContain("\0").matches("[\\x20-\\x7e]{1,80}");
            }
        }
    }

    @Test
    void aFailureWithAnUnknownCodeReadsCleanly() {
        String reason = FfmpegErrors.describe(-0x1234_5678, "while reading",
                new MediaInput("rtsp://cam/1", null, Map.of(), "rtsp://cam/1", true, false)).reason();
        assertThat(reason).isEqualTo("error code " + -0x1234_5678 + " (while reading)");
    }
}
