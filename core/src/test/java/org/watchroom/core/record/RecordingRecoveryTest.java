package org.watchroom.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.record.internal.Mp4Fragments;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentClose;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;

/**
 * Start-up recovery of what a crashed run left open, on a real H2 file with real segment files: a segment cut in
 * the middle of a fragment, a segment whose file is gone, a camera that was offline, a clean stop.
 */
class RecordingRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void openRowsOfACrashedRunAreClosedAndTheEngineDownTimeIsAGap() throws Exception {
        List<SegmentInfo> cut = TestSegments.cut(TestMedia.file("vtest.mp4"), dir.resolve("cut"), Duration.ofSeconds(3));
        Path recordings = Files.createDirectories(dir.resolve("data").resolve("recordings"));
        try (Database db = Database.open(dir.resolve("data"))) {
            CameraStore cameras = new CameraStore(db);
            Camera street = cameras.add(Camera.create("Street", "rtsp://10.0.0.1/a", null, null), People.ADMIN);
            Camera yard = cameras.add(Camera.create("Yard", "rtsp://10.0.0.2/a", null, null), People.ADMIN);
            Camera gate = cameras.add(Camera.create("Gate", "rtsp://10.0.0.3/a", null, null), People.ADMIN);
            Camera door = cameras.add(Camera.create("Door", "rtsp://10.0.0.4/a", null, null), People.ADMIN);
            SegmentStore segments = new SegmentStore(db);
            GapStore gaps = new GapStore(db);
            Instant t0 = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);

            // Street: one closed segment, then one being written when the process died, mid-fragment
            SegmentInfo first = cut.get(0);
            Segment closed = segments.open(street.id(), street.name(), first.path(), t0);
            segments.close(closed.id(), new SegmentClose(t0.plus(first.duration()), first.duration(), first.bytes(),
                    first.sha256(), Segment.NO_PREVIOUS, "h264", true, false));
            Path torn = recordings.resolve("torn.mp4");
            long whole = Files.size(cut.get(1).path());
            byte[] bytes = Files.readAllBytes(cut.get(1).path());
            Files.write(torn, Arrays.copyOf(bytes, (int) (whole - 5_000))); // the last fragment cut short
            Instant tornStart = t0.plus(first.duration());
            Segment open = segments.open(street.id(), street.name(), torn, tornStart);
            // Yard: its segment's file never got a complete fragment (only the header was flushed)
            Path empty = recordings.resolve("empty.mp4");
            Files.write(empty, Arrays.copyOf(bytes, 40));
            Segment nothing = segments.open(yard.id(), yard.name(), empty, t0);
            // Gate: offline when the engine died; Door: the engine had stopped cleanly
            Instant offlineSince = t0.plusSeconds(30);
            long offline = gaps.begin(gate.id(), offlineSince, RecordingGap.Reason.OFFLINE, "reconnecting");
            Instant stoppedAt = t0.plusSeconds(60);
            long stopped = gaps.begin(door.id(), stoppedAt, RecordingGap.Reason.ENGINE_DOWN, "Watchroom was stopped");
            Instant alive = t0.plusSeconds(90); // the engine's last heartbeat
            RecordingRecovery.heartbeat(recordings, alive);
            Files.setLastModifiedTime(recordings.resolve(RecordingRecovery.HEARTBEAT), FileTime.from(alive));

            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            RecordingRecovery.Summary summary = RecordingRecovery.onStartup(db, recordings, now);

            assertThat(summary.segmentsClosed()).isEqualTo(1);
            assertThat(summary.segmentsRemoved()).isEqualTo(1);
            assertThat(summary.bytesCut()).isPositive();
            assertThat(summary.problems()).isEmpty();
            Segment recovered = segments.find(open.id()).orElseThrow();
            assertThat(recovered.interrupted()).isTrue();
            assertThat(recovered.bytes()).isEqualTo(Files.size(torn)).isLessThan(whole - 5_000);
            assertThat(Mp4Fragments.completeLength(torn)).isEqualTo(Files.size(torn));
            assertThat(recovered.sha256()).isEqualTo(Sha256.of(torn));
            assertThat(recovered.prevSha256()).as("chained to the segment before it").isEqualTo(first.sha256());
            assertThat(recovered.codec()).isEqualTo("h264");
            DecodedFrames frames = DecodedFrames.of(torn);
            assertThat(recovered.duration()).as("what the complete fragments hold (10 fps)")
                    .isEqualTo(Duration.ofMillis(frames.frames().size() * 100L));
            assertThat(frames.frames()).hasSizeBetween(20, 39);
            assertThat(segments.find(nothing.id())).as("nothing playable: no row").isEmpty();
            assertThat(empty).doesNotExist();
            assertThat(gaps.list(yard.id(), Instant.EPOCH, now.plusSeconds(1))).singleElement().satisfies(g -> {
                assertThat(g.reason()).isEqualTo(RecordingGap.Reason.ENGINE_DOWN);
                assertThat(g.startedAt()).as("from where its lost segment began").isEqualTo(t0);
                assertThat(g.open()).isTrue();
            });

            RecordingGap gateGap = gaps.list(gate.id(), Instant.EPOCH, now.plusSeconds(1)).getFirst();
            assertThat(gateGap.id()).isEqualTo(offline);
            assertThat(gateGap.endedAt()).as("offline until the engine's last heartbeat").isEqualTo(alive);
            assertThat(gaps.list(gate.id(), Instant.EPOCH, now.plusSeconds(1))).last().satisfies(g -> {
                assertThat(g.reason()).isEqualTo(RecordingGap.Reason.ENGINE_DOWN);
                assertThat(g.startedAt()).isEqualTo(alive);
                assertThat(g.open()).as("its recorder ends it where recording resumes").isTrue();
            });
            List<RecordingGap> streetGaps = gaps.list(street.id(), Instant.EPOCH, now.plusSeconds(1));
            assertThat(streetGaps).singleElement().satisfies(g -> {
                assertThat(g.reason()).isEqualTo(RecordingGap.Reason.ENGINE_DOWN);
                assertThat(g.startedAt()).as("from the end of the recovered footage").isEqualTo(recovered.endedAt());
                assertThat(g.open()).isTrue();
            });
            RecordingGap doorGap = gaps.list(door.id(), Instant.EPOCH, now.plusSeconds(1)).getFirst();
            assertThat(doorGap.id()).isEqualTo(stopped);
            assertThat(doorGap.open()).as("a clean stop's gap goes on until recording resumes").isTrue();
            assertThat(gaps.list(door.id(), Instant.EPOCH, now.plusSeconds(1))).hasSize(1);
            assertThat(segments.openSegments()).isEmpty();

            // the engine starts: Street records again (its recorder ends its gap), the others do not any more
            assertThat(RecordingRecovery.endUnadopted(db, Set.of(street.id()), now)).isEqualTo(3);
            assertThat(gaps.openGaps()).singleElement().satisfies(g -> assertThat(g.cameraId()).isEqualTo(street.id()));
            assertThat(gaps.list(door.id(), Instant.EPOCH, now.plusSeconds(1)).getFirst().endedAt()).isEqualTo(now);
            assertThat(RecordingRecovery.onStartup(db, recordings, now.plusSeconds(1)).nothingToDo())
                    .as("a second start finds nothing left").isTrue();
        }
    }
}
