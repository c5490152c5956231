package org.watchroom.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.record.SegmentInfo;
import org.watchroom.core.record.TestSegments;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;

/**
 * Retention of continuous recording by age and by size on a real H2 file with real segment files (vtest.mp4 cut by
 * the recorder): oldest first, footage around a held event kept until the hold is released, every deletion audited.
 */
class SegmentRetentionTest {
    private static final Duration MARGIN = Duration.ofSeconds(10);
    @TempDir
    static Path cuts;
    private static List<SegmentInfo> cut;
    @TempDir
    Path dir;

    @BeforeAll
    static void cutFootage() {
        cut = TestSegments.cut(TestMedia.file("vtest.mp4"), cuts, Duration.ofSeconds(3));
    }

    /** Copies of the real segment files, indexed for {@code camera} from {@code start} on, back to back. */
    private List<Segment> store(Database db, Camera camera, Instant start, int count) throws Exception {
        SegmentStore segments = new SegmentStore(db);
        List<Segment> stored = new ArrayList<>();
        Instant at = start;
        for (int i = 0; i < count; i++) {
            SegmentInfo source = cut.get(i % (cut.size() - 1)); // the last one is shorter
            Path file = dir.resolve("recordings").resolve("cam" + camera.id()).resolve(at.toEpochMilli() + ".mp4");
            Files.createDirectories(file.getParent());
            Files.copy(source.path(), file);
            Segment open = segments.open(camera.id(), camera.name(), file, at);
            String previous = segments.lastClosed(camera.id()).map(Segment::sha256).orElse(Segment.NO_PREVIOUS);
            segments.close(open.id(), new SegmentClose(at.plus(source.duration()), source.duration(), source.bytes(),
                    source.sha256(), previous, source.codec(), true, false));
            stored.add(segments.find(open.id()).orElseThrow());
            at = at.plus(source.duration());
        }
        return stored;
    }

    @Test
    void segmentsOlderThanTheCamerasKeepDaysGoOldestFirstButFootageOfAHeldEventStaysUntilReleased() throws Exception {
        try (Database db = Database.open(dir.resolve("data"))) {
            Camera gate = new CameraStore(db).add(Camera.create("Gate", "rtsp://10.0.0.1/s", null, null)
                    .withRecording("{\"keep_days\": 2}"), People.ADMIN);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            List<Segment> old = store(db, gate, now.minus(Duration.ofDays(5)), 6); // 4 s each
            List<Segment> recent = store(db, gate, now.minus(Duration.ofHours(1)), 3);
            EventStore events = new EventStore(db);
            ReviewStore reviews = new ReviewStore(db);
            // a confirmed event 1 s into the fifth old segment, 1 s long: what lies within 10 s of it stays
            Instant inFifth = old.get(4).startedAt().plusSeconds(1);
            Event confirmed = events.create(new NewEvent(gate.id(), gate.name(), "person", inFifth, 0.9f, null, null,
                    null));
            events.end(confirmed.id(), inFifth.plusSeconds(1));
            reviews.confirm(confirmed.id(), People.ADMIN, "the burglar");

            SegmentRetention.Summary first = new SegmentRetention(db).run(Map.of(gate.id(),
                    new SegmentRetention.Limit(2, null)), 30, null, MARGIN, now);

            // the event is at 17-18 s: segments 2 (4-8 s) to 6 (20-24 s) reach within 10 s of it and stay
            assertThat(first.byAge()).isEqualTo(1);
            assertThat(first.keptForHold()).isEqualTo(5);
            assertThat(first.cameras()).containsExactly(gate.id());
            SegmentStore segments = new SegmentStore(db);
            List<Long> left = new ArrayList<>(old.subList(1, 6).stream().map(Segment::id).toList());
            recent.forEach(s -> left.add(s.id()));
            assertThat(segments.all(gate.id())).extracting(Segment::id).containsExactlyElementsOf(left);
            assertThat(Path.of(old.getFirst().path())).doesNotExist();
            assertThat(Path.of(old.get(4).path())).exists();
            assertThat(new AuditLog(db.jdbi()).about("camera:" + gate.id()).stream()
                    .filter(a -> a.action().equals("recording.delete"))).singleElement().satisfies(a -> {
                assertThat(a.action()).isEqualTo("recording.delete");
                assertThat(a.actor()).isEqualTo(SegmentRetention.ACTOR);
                assertThat(a.detail()).contains("older than 2 days", "1 segments", old.getFirst().sha256());
            });

            reviews.release(confirmed.id(), People.ADMIN, "case closed");
            SegmentRetention.Summary second = new SegmentRetention(db).run(Map.of(gate.id(),
                    new SegmentRetention.Limit(2, null)), 30, null, MARGIN, now);
            assertThat(second.byAge()).isEqualTo(5);
            assertThat(second.keptForHold()).isZero();
            assertThat(segments.all(gate.id())).extracting(Segment::id).containsExactlyElementsOf(
                    recent.stream().map(Segment::id).toList());
            assertThat(old).allSatisfy(s -> assertThat(Path.of(s.path())).doesNotExist());
            assertThat(recent).allSatisfy(s -> assertThat(Path.of(s.path())).exists());
        }
    }

    @Test
    void aCameraOverItsKeepSizeLosesItsOldestSegmentsUntilItFitsExceptAroundAHeldEvent() throws Exception {
        try (Database db = Database.open(dir.resolve("data"))) {
            CameraStore cameras = new CameraStore(db);
            Camera yard = cameras.add(Camera.create("Yard", "rtsp://10.0.0.2/s", null, null), People.ADMIN);
            Camera door = cameras.add(Camera.create("Door", "rtsp://10.0.0.3/s", null, null), People.ADMIN);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            List<Segment> yards = store(db, yard, now.minus(Duration.ofHours(2)), 10);
            List<Segment> doors = store(db, door, now.minus(Duration.ofHours(3)), 4); // older, but no cap
            EventStore events = new EventStore(db);
            ReviewStore reviews = new ReviewStore(db);
            Event held = events.create(new NewEvent(yard.id(), yard.name(), "car", yards.getFirst().startedAt(), 0.8f,
                    null, null, null));
            events.end(held.id(), yards.getFirst().startedAt().plusSeconds(1));
            reviews.hold(held.id(), People.ADMIN, "insurance claim");
            long cap = yards.subList(6, 10).stream().mapToLong(Segment::bytes).sum()
                    + yards.getFirst().bytes() + yards.get(1).bytes() + yards.get(2).bytes(); // the held ones too

            SegmentRetention.Summary summary = new SegmentRetention(db).run(Map.of(yard.id(),
                    new SegmentRetention.Limit(30, cap)), 30, null, MARGIN, now);

            // the held event is in segment 1; segments 2 and 3 begin within 10 s of it: kept. 4, 5, 6 go.
            assertThat(summary.bySize()).isEqualTo(3);
            assertThat(summary.byAge()).isZero();
            SegmentStore segments = new SegmentStore(db);
            assertThat(segments.all(yard.id())).extracting(Segment::id).containsExactly(yards.get(0).id(),
                    yards.get(1).id(), yards.get(2).id(), yards.get(6).id(), yards.get(7).id(), yards.get(8).id(),
                    yards.get(9).id());
            assertThat(segments.totalBytes(yard.id())).isLessThanOrEqualTo(cap);
            assertThat(segments.all(door.id())).hasSize(doors.size()); // another camera's footage is its own
            assertThat(yards.subList(3, 6)).allSatisfy(s -> assertThat(Path.of(s.path())).doesNotExist());
        }
    }
}
