package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.record.DecodedFrames;
import org.watchroom.core.record.RecordingPolicy;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.RtspTest;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.Waits;

/** The engine records a real RTSP camera continuously into real segment files indexed in a real H2 file. */
@RtspTest
@SlowTest
class ContinuousRecordingTest {
    @TempDir
    Path dir;

    @Test
    void recordingGoesOnAcrossAnRtspServerRestartWithTheGapStoredAndBothSidesPlaying() throws Exception {
        try (RtspTestServer server = RtspTestServer.start();
             Database db = Database.open(dir.resolve("data"))) {
            SegmentStore segments = new SegmentStore(db);
            GapStore gaps = new GapStore(db);
            Camera camera;
            Instant killedAt;
            try (Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(),
                    DetectionService.off("not needed"), RecordingOptions.defaults().withMinFreeBytes(1 << 20)
                    .withSegmentLength(Duration.ofSeconds(2)))) {
                camera = engine.store().add(Camera.create("Gate", server.url("/test"), null, null)
                        .withDetectSettings("{\"enabled\": false}"), People.ADMIN);
                assertThat(RecordingPolicy.parse(camera.recording()).mode()).as("new cameras record continuously")
                        .isEqualTo(RecordingPolicy.Mode.CONTINUOUS);
                engine.start(false);
                Waits.until(Duration.ofSeconds(30), () -> closed(segments, camera.id()).size() >= 2);
                assertThat(engine.cameras().getFirst().recordingStats()).hasValueSatisfying(s ->
                        assertThat(s.packetsDropped()).isZero());

                server.kill();
                killedAt = Instant.now();
                Waits.until(Duration.ofSeconds(30), () -> gaps.openGaps().stream()
                        .anyMatch(g -> g.cameraId() == camera.id() && g.reason() == RecordingGap.Reason.OFFLINE));
                Thread.sleep(1000); // the camera stays away a while longer
                server.restart();
                Waits.until(Duration.ofSeconds(40), () -> closed(segments, camera.id()).stream()
                        .anyMatch(s -> s.startedAt().isAfter(killedAt)));
            } // closing the engine closes the open segment

            List<Segment> all = segments.all(camera.id());
            assertThat(all).allSatisfy(s -> assertThat(s.open()).isFalse());
            RecordingGap offline = gaps.list(camera.id(), Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                    .filter(g -> g.reason() == RecordingGap.Reason.OFFLINE).findFirst().orElseThrow();
            assertThat(offline.detail()).isNotBlank();
            Segment before = all.stream().filter(s -> !s.startedAt().isAfter(offline.startedAt()))
                    .reduce((a, b) -> b).orElseThrow();
            Segment after = all.stream().filter(s -> s.startedAt().isAfter(offline.startedAt())).findFirst()
                    .orElseThrow();
            assertThat(offline.startedAt()).as("the gap begins where the footage before it ends")
                    .isEqualTo(before.endedAt());
            assertThat(offline.endedAt()).as("and ends where the footage after it begins").isEqualTo(after.startedAt());
            assertThat(Duration.between(offline.startedAt(), offline.endedAt())).isGreaterThan(Duration.ofSeconds(2));
            assertThat(Duration.between(all.getFirst().startedAt(), before.endedAt())).as("footage before the outage")
                    .isGreaterThan(Duration.ofSeconds(4));
            assertThat(after.duration()).as("footage after it").isGreaterThan(Duration.ofSeconds(1));
            for (Segment s : all) {
                DecodedFrames frames = DecodedFrames.of(Path.of(s.path()));
                assertThat(frames.firstPacketKey()).isTrue();
                // 15 fps: every frame of its time span is in it (the last one before the kill may be short)
                assertThat(frames.frames()).as("%s plays", s.path())
                        .hasSizeBetween((int) (s.duration().toMillis() * 15 / 1000) - 1,
                                (int) (s.duration().toMillis() * 15 / 1000) + 2);
                assertThat(Sha256.of(Path.of(s.path()))).isEqualTo(s.sha256());
                assertThat(Files.size(Path.of(s.path()))).isEqualTo(s.bytes());
                assertThat(s.codec()).isEqualTo("h264");
                assertThat(s.streamCopied()).isTrue();
                assertThat(s.interrupted()).isFalse();
            }
            // one hash chain across the outage
            assertThat(all.getFirst().prevSha256()).isEqualTo(Segment.NO_PREVIOUS);
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).prevSha256()).as("segment %d names its predecessor", i)
                        .isEqualTo(all.get(i - 1).sha256());
            }
            // consecutive segments of one connection join exactly
            for (int i = 1; i < all.size(); i++) {
                if (all.get(i) != after) {
                    assertThat(all.get(i).startedAt()).isEqualTo(all.get(i - 1).endedAt());
                }
            }
            assertThat(gaps.openGaps()).as("a clean stop begins an engine_down gap, ended at the next start")
                    .singleElement().satisfies(g -> {
                        assertThat(g.reason()).isEqualTo(RecordingGap.Reason.ENGINE_DOWN);
                        assertThat(g.startedAt()).isEqualTo(all.getLast().endedAt());
                    });
        }
    }

    private static List<Segment> closed(SegmentStore segments, long camera) {
        return segments.all(camera).stream().filter(s -> !s.open()).toList();
    }
}
