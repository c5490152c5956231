package org.watchroom.core.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.settings.ArchiveFolder;
import org.watchroom.core.settings.SettingKey;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentRetention;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.ManualClock;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestSegments;
import org.watchroom.core.testing.Tmpfs;

/**
 * Retention of continuous recording once some of it is in the archive folder, on real files: age and size limits
 * delete archived segments where they are (the row's path), and the free-space reserve of the recordings' disk —
 * a real small tmpfs — deletes only footage on that disk: deleting archived footage would free nothing there.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ArchivedRetentionTest {
    private static final Instant T0 = Instant.parse("2026-03-01T23:59:40Z");
    private static final Duration MARGIN = Duration.ofSeconds(10);
    @TempDir
    Path data;
    @TempDir
    Path nas;

    /** Six segments of 4 s from T0, the first two moved to the archive. */
    private List<Segment> recordAndArchiveTwo(Database db, Camera camera) throws Exception {
        TestSegments.record(db, camera.id(), camera.name(), T0, 6, 2);
        new Settings(db).set(SettingKey.RECORDING_ARCHIVE_DIR, nas.toString(), People.ADMIN);
        ArchiveFolder archive = new Settings(db).recordingArchive().orElseThrow();
        MoveSummary moved = new SegmentMover(db, data.resolve("recordings"), Runnable::run, Duration.ZERO,
                new ManualClock(T0.plus(Duration.ofHours(24)).plusSeconds(10).toEpochMilli()))
                .run(archive, Duration.ofHours(24), () -> false);
        assertThat(moved.moved()).isEqualTo(2);
        List<Segment> segments = new SegmentStore(db).all(camera.id());
        assertThat(segments.subList(0, 2)).allSatisfy(s -> assertThat(archive.holds(s.path())).isTrue());
        assertThat(segments.subList(2, 6)).allSatisfy(s -> assertThat(archive.holds(s.path())).isFalse());
        return segments;
    }

    @Test
    void sizeAndAgeLimitsDeleteArchivedSegmentsInTheArchiveFolder() throws Exception {
        try (Database db = Database.open(data)) {
            Camera gate = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN);
            List<Segment> s = recordAndArchiveTwo(db, gate);
            SegmentStore store = new SegmentStore(db);
            long all = s.stream().mapToLong(Segment::bytes).sum();
            Instant now = T0.plus(Duration.ofDays(1)).plusSeconds(30);

            // over its size by less than the oldest segment: the oldest (archived) one goes, from the archive
            SegmentRetention.Summary bySize = new SegmentRetention(db).run(Map.of(gate.id(),
                    new SegmentRetention.Limit(30, all - 1)), 30, null, MARGIN, now);
            assertThat(bySize.bySize()).isEqualTo(1);
            assertThat(bySize.missingFiles()).as("the file was found where the row said").isZero();
            assertThat(Path.of(s.get(0).path())).doesNotExist();
            assertThat(store.all(gate.id())).extracting(Segment::id).doesNotContain(s.get(0).id()).hasSize(5);

            // older than a day: what ended by T0 + 30 s, the other archived one and the local ones after it
            SegmentRetention.Summary byAge = new SegmentRetention(db).run(Map.of(gate.id(),
                    new SegmentRetention.Limit(1, null)), 30, null, MARGIN, now);
            long old = s.stream().filter(x -> !x.endedAt().isAfter(T0.plusSeconds(30))).count();
            assertThat(byAge.byAge()).isEqualTo((int) old - 1);
            assertThat(byAge.missingFiles()).isZero();
            assertThat(s).allSatisfy(x -> assertThat(Path.of(x.path())).doesNotExist());
            assertThat(new AuditLog(db.jdbi()).about("camera:" + gate.id()).stream()
                    .filter(a -> a.action().equals("recording.delete"))).hasSize(2)
                    .anySatisfy(a -> assertThat(a.detail()).contains(s.get(1).sha256()));
            try (var left = Files.walk(nas.resolve("recordings"))) {
                assertThat(left.filter(Files::isRegularFile)).as("nothing left behind in the archive").isEmpty();
            }
        }
    }

    @Test
    void theReserveDeletesOnlyFootageOnTheRecordingsDiskNeverArchivedFootage() throws Exception {
        Tmpfs.assumeAvailable();
        try (Tmpfs disk = Tmpfs.mount(data.resolve("recordings"), 8);
             Database db = Database.open(data)) {
            Camera gate = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN);
            List<Segment> s = recordAndArchiveTwo(db, gate);
            disk.fill(); // not a byte free on the recordings' disk: under any reserve

            SegmentRetention.Summary summary = new SegmentRetention(db).run(Map.of(), 36_500,
                    SegmentRetention.Reserve.on(disk.dir(), 1), MARGIN, T0.plus(Duration.ofDays(1)));

            assertThat(summary.reserveMet()).isTrue();
            assertThat(summary.byReserve()).as("the oldest footage on that disk: enough").isEqualTo(1);
            assertThat(Path.of(s.get(2).path())).doesNotExist();
            assertThat(s.subList(0, 2)).as("the oldest footage of all, but in the archive: kept")
                    .allSatisfy(x -> assertThat(Path.of(x.path())).isRegularFile());
            assertThat(new SegmentStore(db).all(gate.id())).extracting(Segment::id)
                    .containsExactly(s.get(0).id(), s.get(1).id(), s.get(3).id(), s.get(4).id(), s.get(5).id());
            assertThat(Files.getFileStore(disk.dir()).getUsableSpace()).isPositive();
        }
    }
}
