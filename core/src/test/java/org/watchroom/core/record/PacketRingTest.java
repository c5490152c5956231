package org.watchroom.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;

import java.time.Duration;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.Test;
import org.watchroom.core.media.FfmpegInput;
import org.watchroom.core.media.MediaInput;
import org.watchroom.core.testing.ManualClock;
import org.watchroom.core.testing.TestMedia;

/**
 * {@link PacketRing} fed the real packets of vtest.mp4 (H.264, looped) by the same demuxer a camera uses, with
 * a hand-moved clock at 10 packets a second: it keeps pre-roll back to a keyframe, stays bounded over a long
 * run and frees every packet it lets go.
 */
class PacketRingTest {
    private static final long STEP_MILLIS = 100;

    @Test
    void keepsPreRollBackToTheKeyframeBeforeItAndStaysBounded() {
        ManualClock clock = new ManualClock(1_000_000);
        RecordSettings settings = RecordSettings.defaults().withPreRoll(Duration.ofSeconds(3));
        PacketRing ring = new PacketRing(settings, clock);
        int[] checked = {0};
        int[] maxSize = {0};
        feed("vtest.mp4", 3000, clock, ring, () -> {
            long now = clock.millis();
            maxSize[0] = Math.max(maxSize[0], ring.size());
            assertThat(isKey(ring, 0)).as("oldest packet is a keyframe").isTrue();
            if (now - ring.arrivalMillis(0) >= 3000) {
                checked[0]++;
                // the oldest keyframe is at or before now - pre-roll, and no later keyframe is
                int nextKey = -1;
                for (int i = 1; i < ring.size(); i++) {
                    if (isKey(ring, i)) {
                        nextKey = i;
                        break;
                    }
                }
                if (nextKey > 0) {
                    assertThat(ring.arrivalMillis(nextKey)).isGreaterThan(now - 3000);
                }
            }
            assertThat(ring.added() - ring.freed()).isEqualTo(ring.size());
        });
        assertThat(checked[0]).isGreaterThan(2500);
        // 3 s at 10 fps plus at most one GOP back to the keyframe: no growth over 3000 packets
        assertThat(maxSize[0]).isLessThanOrEqualTo(31 + gopUpperBound());
        assertThat(ring.capDrops()).isZero();
        assertThat(ring.added()).isGreaterThanOrEqualTo(3000);
        ring.close();
        assertThat(ring.size()).isZero();
        assertThat(ring.freed()).isEqualTo(ring.added());
    }

    @Test
    void hardCapDropsOldestAndStillStartsOnAKeyframe() {
        ManualClock clock = new ManualClock(1_000_000);
        RecordSettings settings = RecordSettings.defaults().withPreRoll(Duration.ofSeconds(60)).withCaps(25, 64L << 20);
        PacketRing ring = new PacketRing(settings, clock);
        feed("vtest.mp4", 1000, clock, ring, () -> {
            assertThat(ring.size()).isLessThanOrEqualTo(25);
            assertThat(isKey(ring, 0)).isTrue();
            assertThat(ring.added() - ring.freed()).isEqualTo(ring.size());
        });
        assertThat(ring.capDrops()).isPositive();
        ring.close();
        assertThat(ring.freed()).isEqualTo(ring.added());
    }

    /** vtest.mp4's keyframe interval is at most 250 frames (x264's default); tightened by the test above. */
    private static int gopUpperBound() { return 250; }

    private static boolean isKey(PacketRing ring, int offset) {
        return (ring.packet(offset).flags() & AV_PKT_FLAG_KEY) != 0;
    }

    /** Demuxes {@code file} in a loop for {@code count} video packets, advancing the clock 100 ms per packet. */
    static void feed(String file, int count, ManualClock clock, PacketRing ring, Runnable check) {
        AVPacket packet = av_packet_alloc();
        try (FfmpegInput input = new FfmpegInput()) {
            assertThat(input.open(MediaInput.file(TestMedia.file(file)))).isZero();
            boolean changed = true;
            int video = 0;
            while (video < count) {
                int result = input.read(packet);
                if (result == AVERROR_EOF) {
                    input.rewind();
                    changed = true;
                    continue;
                }
                assertThat(result).isGreaterThanOrEqualTo(0);
                clock.advance(STEP_MILLIS);
                if (ring.offer(packet, input.stream(packet.stream_index()), changed, clock.millis())) {
                    video++;
                    if (ring.size() > 0) {
                        check.run();
                    }
                }
                changed = false;
            }
        } finally {
            av_packet_free(packet);
        }
    }
}
