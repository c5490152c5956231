package org.watchroom.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Waits;

/**
 * Clips stay bounded under continuous activity: a clip reaching {@code maxClip} is closed and hashed at a keyframe
 * and the running event goes on in the next one; free space is checked while a clip is written, so a disk running
 * full closes it whole (not torn), and the event gets a new clip when there is room again.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@SlowTest
class RecorderLimitsTest {
    @TempDir
    Path dir;

    @Test
    void aLongEventIsCutIntoClipsOfAtMostMaxClipEachHashedAndPlayable() throws Exception {
        RecorderTest.Clips clips = new RecorderTest.Clips();
        RecordSettings settings = RecordSettings.defaults().withPreRoll(Duration.ofSeconds(1))
                .withPostRoll(Duration.ofSeconds(1)).withMaxClip(Duration.ofSeconds(3));
        try (Recorder recorder = new Recorder("busy", dir, settings, clips);
             CameraSource source = camera()) {
            source.addPacketListener(recorder);
            source.start();
            Waits.until(Duration.ofSeconds(15), () -> source.state() instanceof CameraState.Live);
            Thread.sleep(1500);
            recorder.startOrExtend(7, Instant.now());
            Thread.sleep(9000);
            assertThat(clips.closed).as("closed while the event still runs").hasSizeGreaterThanOrEqualTo(2);
            recorder.eventEnded(7, Instant.now());
            List<ClipInfo> all = new ArrayList<>();
            while (all.isEmpty() || recorder.recording()) {
                ClipInfo next = clips.closed.poll(10, TimeUnit.SECONDS);
                assertThat(next).isNotNull();
                all.add(next);
                clips.closed.drainTo(all);
            }
            source.removePacketListener(recorder);

            assertThat(clips.failed).isEmpty();
            assertThat(all).hasSizeGreaterThanOrEqualTo(3).allSatisfy(clip -> {
                assertThat(clip.eventIds()).containsExactly(7L);
                assertThat(clip.sha256()).isEqualTo(Sha256.of(clip.path()));
                ClipProbe probe = ClipProbe.of(clip.path());
                assertThat(probe.firstKey()).as("starts on a keyframe").isTrue();
                assertThat(probe.decodedFrames()).isPositive();
            });
            // all but the last stop at the first keyframe after 3 s (vtest.mp4 has one each second or so)
            assertThat(all.subList(0, all.size() - 1)).allSatisfy(clip ->
                    assertThat(clip.duration().toMillis()).isBetween(2500L, 5000L));
        }
    }

    @Test
    void aDiskRunningFullClosesTheClipWholeAndRoomAgainStartsANewOneForTheRunningEvent() throws Exception {
        RecorderTest.Clips clips = new RecorderTest.Clips();
        AtomicBoolean room = new AtomicBoolean(true);
        RecordSettings settings = RecordSettings.defaults().withPreRoll(Duration.ofSeconds(1))
                .withPostRoll(Duration.ofSeconds(1));
        try (Recorder recorder = new Recorder("tight", dir, settings, Clock.systemUTC(), clips, room::get);
             CameraSource source = camera()) {
            source.addPacketListener(recorder);
            source.start();
            Waits.until(Duration.ofSeconds(15), () -> source.state() instanceof CameraState.Live);
            Thread.sleep(1500);
            recorder.startOrExtend(9, Instant.now());
            Path first = clips.opened.poll(5, TimeUnit.SECONDS);
            Thread.sleep(2000);

            room.set(false);
            ClipInfo closedEarly = clips.closed.poll(10, TimeUnit.SECONDS);
            assertThat(closedEarly).isNotNull();
            assertThat(closedEarly.path()).isEqualTo(first);
            assertThat(recorder.recording()).isFalse();
            ClipProbe whole = ClipProbe.of(first);
            assertThat(whole.lastSeconds()).as("plays to its end").isGreaterThan(2.0);
            assertThat(closedEarly.sha256()).isEqualTo(Sha256.of(first));
            Thread.sleep(1500);
            assertThat(clips.opened).as("nothing opens while there is no room").isEmpty();

            room.set(true);
            Path second = clips.opened.poll(10, TimeUnit.SECONDS);
            assertThat(second).isNotNull().isNotEqualTo(first);
            recorder.eventEnded(9, Instant.now());
            ClipInfo resumed = clips.closed.poll(10, TimeUnit.SECONDS);
            source.removePacketListener(recorder);

            assertThat(resumed).isNotNull();
            assertThat(resumed.path()).isEqualTo(second);
            assertThat(resumed.eventIds()).containsExactly(9L);
            assertThat(clips.failed).isEmpty();
        }
    }

    private static CameraSource camera() {
        return new CameraSource("cam", CameraUrl.parse(TestMedia.file("vtest.mp4") + "?loop=1"), SourceOptions.defaults());
    }
}
