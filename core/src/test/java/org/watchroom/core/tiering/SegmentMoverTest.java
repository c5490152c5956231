package org.watchroom.core.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.playback.ClipFormat;
import org.watchroom.core.playback.Landing;
import org.watchroom.core.playback.RecordingReader;
import org.watchroom.core.playback.Recordings;
import org.watchroom.core.record.RangeCut;
import org.watchroom.core.record.RangeCutter;
import org.watchroom.core.settings.ArchiveFolder;
import org.watchroom.core.settings.SettingKey;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.ManualClock;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.ReadOnly;
import org.watchroom.core.testing.TestSegments;
import org.watchroom.core.testing.Tmpfs;

/**
 * The archive mover on real files: six segments of 4 s cut from vtest.mp4 (H.264 with B-frames) back to back from
 * {@link #T0}, a real H2 file, a second folder as the archive (a real tmpfs for the full disk). The mover's clock
 * stands 24 h and 10 s after T0, so with 24 h as the age the first two segments (ended by T0 + 8 s) move and the
 * other four stay: segment 1 (archived) and segment 2 (local) join at T0 + 8 s.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SegmentMoverTest {
    private static final Instant T0 = Instant.parse("2026-03-01T23:59:40Z");
    private static final Duration AFTER = Duration.ofHours(24);
    @TempDir
    Path data;
    @TempDir
    Path elsewhere;

    private record Setup(long camera, List<Segment> segments, ArchiveFolder archive) {
    }

    private Setup record(Path archiveDir) throws Exception {
        try (Database db = Database.open(data)) {
            long camera = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN).id();
            List<Segment> segments = TestSegments.record(db, camera, "Gate", T0, 6, 2);
            for (Segment s : segments) { // as the recorder leaves them: written when they closed
                Files.setLastModifiedTime(Path.of(s.path()), FileTime.from(s.endedAt()));
            }
            new Settings(db).set(SettingKey.RECORDING_ARCHIVE_DIR, archiveDir.toString(), People.ADMIN);
            ArchiveFolder archive = new Settings(db).recordingArchive().orElseThrow();
            return new Setup(camera, segments, archive);
        }
    }

    private SegmentMover mover(Database db, ManualClock clock, Duration grace) {
        return new SegmentMover(db, data.resolve("recordings"), Runnable::run, grace, clock);
    }

    private static ManualClock clock() {
        return new ManualClock(T0.plus(AFTER).plusSeconds(10).toEpochMilli());
    }

    /** Where the archive keeps a segment recorded at {@code local}: the same path relative to the data folder. */
    private Path inArchive(ArchiveFolder archive, String local) {
        return archive.dir().resolve(data.relativize(Path.of(local)));
    }

    @Test
    void oldSegmentsMoveVerifiedAndEveryReaderFindsThemAcrossTheBoundaryWithLocalOnes() throws Exception {
        Setup setup = record(Files.createDirectories(elsewhere.resolve("nas")));
        List<Segment> before = setup.segments();
        List<long[]> playedBefore;
        RangeCut cutBefore;
        try (Database db = Database.open(data)) {
            playedBefore = play(db, setup.camera());
            cutBefore = cut(db, setup.camera(), elsewhere.resolve("before.mp4"));
            MoveSummary summary = mover(db, clock(), Duration.ZERO).run(setup.archive(), AFTER, () -> false);

            assertThat(summary.failures()).as(summary.problems().toString()).isZero();
            assertThat(summary.moved()).isEqualTo(2);
            assertThat(summary.bytes()).isEqualTo(before.get(0).bytes() + before.get(1).bytes());
            assertThat(summary.cameras()).containsExactly(setup.camera());
            assertThat(summary.originalsDeleted()).as("no grace: the originals went in the same pass").isEqualTo(2);
            SegmentStore store = new SegmentStore(db);
            for (int i = 0; i < before.size(); i++) {
                Segment was = before.get(i);
                Segment now = store.find(was.id()).orElseThrow();
                assertThat(now).as("only the path changes: same hash, same chain")
                        .usingRecursiveComparison().ignoringFields("path").isEqualTo(was);
                if (i < 2) {
                    Path archived = inArchive(setup.archive(), was.path());
                    assertThat(now.path()).isEqualTo(archived.toString());
                    assertThat(archived).isRegularFile();
                    assertThat(Sha256.of(archived)).isEqualTo(was.sha256());
                    assertThat(Files.size(archived)).isEqualTo(was.bytes());
                    assertThat(Path.of(was.path())).as("original deleted").doesNotExist();
                } else {
                    assertThat(now.path()).as("younger than 24 h: stays").isEqualTo(was.path());
                    assertThat(Path.of(was.path())).isRegularFile();
                }
            }
            try (Stream<Path> files = Files.walk(setup.archive().dir())) {
                assertThat(files.filter(p -> p.toString().endsWith(SegmentMover.PART))).as("no copy left half-way")
                        .isEmpty();
            }

            // the player reads the archived segment and the local one after it exactly as before the move
            assertThat(play(db, setup.camera())).usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(playedBefore);
            // the cutter stitches across both: the same file as before the move
            RangeCut cutAfter = cut(db, setup.camera(), elsewhere.resolve("after.mp4"));
            assertThat(cutAfter.missing()).isEmpty();
            assertThat(cutAfter.segments()).extracting(Segment::path)
                    .contains(inArchive(setup.archive(), before.get(1).path()).toString(), before.get(2).path());
            assertThat(cutAfter.packets()).isEqualTo(cutBefore.packets());
            assertThat(cutAfter.startedAt()).isEqualTo(cutBefore.startedAt());
            assertThat(cutAfter.endedAt()).isEqualTo(cutBefore.endedAt());
            assertThat(Sha256.of(cutAfter.file())).isEqualTo(Sha256.of(cutBefore.file()));

            // nothing more is old enough: a second pass moves nothing
            MoveSummary again = mover(db, clock(), Duration.ZERO).run(setup.archive(), AFTER, () -> false);
            assertThat(again.moved()).isZero();
            assertThat(again.failures()).isZero();
        }
        Cli.Result verify = Cli.inDataDir(data, "recordings", "verify");
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).startsWith("OK: 6 segment(s) of 1 camera(s) verified").contains("hash chain intact");
    }

    @Test
    void anArchiveThatCannotBeReachedLeavesItsSegmentsMissingWithTheReasonAndNothingThrows() throws Exception {
        Path nas = Files.createDirectories(elsewhere.resolve("nas"));
        Setup setup = record(nas);
        try (Database db = Database.open(data)) {
            assertThat(mover(db, clock(), Duration.ZERO).run(setup.archive(), AFTER, () -> false).moved()).isEqualTo(2);
        }
        Path unmounted = elsewhere.resolve("nas-away");
        Files.move(nas, unmounted); // the share is gone; an empty mount point is left
        Files.createDirectories(nas);
        Segment archived = setup.segments().get(1);

        Cli.Result verify = Cli.inDataDir(data, "recordings", "verify");
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).startsWith("MISSING: segment " + setup.segments().get(0).id() + " ")
                .contains("it was moved to the archive folder " + nas + ", which cannot be reached")
                .contains("no " + ArchiveFolder.MARKER + " marker");

        try (Database db = Database.open(data)) {
            // a seek into the archived footage lands on the next readable moment and says why
            try (RecordingReader reader = RecordingReader.open(Recordings.stored(db, setup.camera()),
                    archived.startedAt().plusSeconds(1), null, null, "Gate", null)) {
                Landing landing = reader.landing();
                assertThat(landing.kind()).isEqualTo(Landing.Kind.AFTER_GAP);
                assertThat(reader.segment().id()).isEqualTo(setup.segments().get(2).id());
                assertThat(landing.unreadable()).contains("archive folder " + nas + ", which cannot be reached");
                assertThat(landing.describe(ZoneOffset.UTC))
                        .startsWith("The footage recorded at 2026-03-01 23:59:45 cannot be read (it was moved to the "
                                + "archive folder").contains("playing from the next readable moment");
            }
            // a cut across it names it missing and keeps the local footage
            RangeCut cut = cut(db, setup.camera(), elsewhere.resolve("cut.mp4"));
            assertThat(cut.missing()).extracting(Segment::id).containsExactly(archived.id());
            assertThat(cut.segments()).extracting(Segment::id).contains(setup.segments().get(2).id());

            // the mover does not write into the empty mount point, and says why
            MoveSummary summary = mover(db, new ManualClock(T0.plus(AFTER).plusSeconds(30).toEpochMilli()),
                    Duration.ZERO).run(setup.archive(), AFTER, () -> false);
            assertThat(summary.moved()).isZero();
            assertThat(summary.failures()).isEqualTo(1);
            assertThat(summary.archiveProblem()).contains("cannot be used").contains(ArchiveFolder.MARKER);
            try (Stream<Path> inMountPoint = Files.list(nas)) {
                assertThat(inMountPoint).isEmpty();
            }
            assertThat(Path.of(setup.segments().get(2).path())).isRegularFile();
        }
        // the share back: everything verifies again
        Files.delete(nas);
        Files.move(unmounted, nas);
        assertThat(Cli.inDataDir(data, "recordings", "verify").exit()).isZero();
    }

    @Test
    void aFullArchiveDiskLeavesOriginalsAndRowsAsTheyWereCountsTheFailureAndMovesOnceThereIsRoom() throws Exception {
        Tmpfs.assumeAvailable();
        try (Tmpfs disk = Tmpfs.mount(elsewhere.resolve("archive-disk"), 2)) {
            Setup setup = record(disk.dir());
            disk.fill();
            try (Database db = Database.open(data)) {
                SegmentMover mover = mover(db, clock(), Duration.ZERO);
                MoveSummary full = mover.run(setup.archive(), AFTER, () -> false);
                assertThat(full.moved()).isZero();
                assertThat(full.failures()).isEqualTo(1);
                assertThat(full.archiveProblem()).as("the pass stops at the archive's failure")
                        .contains("Segment " + setup.segments().getFirst().id()).contains("No space left on device");
                SegmentStore store = new SegmentStore(db);
                for (Segment was : setup.segments()) {
                    assertThat(store.find(was.id()).orElseThrow()).isEqualTo(was);
                    assertThat(Path.of(was.path())).isRegularFile();
                    assertThat(Sha256.of(Path.of(was.path()))).isEqualTo(was.sha256());
                }
                try (Stream<Path> files = Files.walk(disk.dir())) {
                    assertThat(files.filter(p -> p.toString().endsWith(".mp4") || p.toString().endsWith(SegmentMover.PART)))
                            .as("no partial copy left on the full disk").isEmpty();
                }
                disk.free();
                MoveSummary room = mover.run(setup.archive(), AFTER, () -> false);
                assertThat(room.failures()).as(room.problems().toString()).isZero();
                assertThat(room.moved()).isEqualTo(2);
                assertThat(store.find(setup.segments().getFirst().id()).orElseThrow().path())
                        .startsWith(disk.dir().toString());
            }
            assertThat(Cli.inDataDir(data, "recordings", "verify").exit()).isZero();
        }
    }

    @Test
    void anOriginalAlteredOnTheRecordingDiskIsNotArchivedAndTheNextOneStillMoves() throws Exception {
        Setup setup = record(Files.createDirectories(elsewhere.resolve("nas")));
        Segment first = setup.segments().getFirst();
        flip(Path.of(first.path()), Files.size(Path.of(first.path())) / 2);
        try (Database db = Database.open(data)) {
            MoveSummary summary = mover(db, clock(), Duration.ZERO).run(setup.archive(), AFTER, () -> false);
            assertThat(summary.failures()).isEqualTo(1);
            assertThat(summary.problems().getFirst()).contains("Segment " + first.id())
                    .contains("not what was recorded");
            assertThat(summary.archiveProblem()).as("the archive itself is fine").isNull();
            assertThat(summary.moved()).as("the segment after it moves").isEqualTo(1);
            SegmentStore store = new SegmentStore(db);
            assertThat(store.find(first.id()).orElseThrow()).isEqualTo(first);
            assertThat(Path.of(first.path())).isRegularFile();
            assertThat(inArchive(setup.archive(), first.path())).doesNotExist();
            assertThat(inArchive(setup.archive(), first.path()).resolveSibling(
                    Path.of(first.path()).getFileName() + SegmentMover.PART)).doesNotExist();
            assertThat(store.find(setup.segments().get(1).id()).orElseThrow().path())
                    .isEqualTo(inArchive(setup.archive(), setup.segments().get(1).path()).toString());
        }
        Cli.Result verify = Cli.inDataDir(data, "recordings", "verify");
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).startsWith("ALTERED: segment " + first.id() + " ").contains(first.path());
    }

    @Test
    void anArchiveFolderMadeReadOnlyAfterACopyRefusesTheNextOneAndKeepsItsOriginal() throws Exception {
        Setup setup = record(Files.createDirectories(elsewhere.resolve("nas")));
        Segment first = setup.segments().get(0);
        Segment second = setup.segments().get(1);
        ManualClock clock = new ManualClock(T0.plus(AFTER).plusSeconds(5).toEpochMilli()); // only the first is old
        try (Database db = Database.open(data)) {
            SegmentMover mover = mover(db, clock, Duration.ZERO);
            assertThat(mover.run(setup.archive(), AFTER, () -> false).moved()).isEqualTo(1);
            Path hour = inArchive(setup.archive(), first.path()).getParent();
            MoveSummary refused;
            try (ReadOnly _ = ReadOnly.make(hour)) {
                clock.advance(5_000); // now the second is old enough too
                refused = mover.run(setup.archive(), AFTER, () -> false);
            }
            assertThat(refused.moved()).isZero();
            assertThat(refused.failures()).isEqualTo(1);
            assertThat(refused.archiveProblem()).contains("Segment " + second.id()).contains("cannot write its copy");
            assertThat(new SegmentStore(db).find(second.id()).orElseThrow()).isEqualTo(second);
            assertThat(Path.of(second.path())).isRegularFile();
            try (Stream<Path> inHour = Files.list(hour)) {
                assertThat(inHour).extracting(p -> p.getFileName().toString())
                        .containsExactly(Path.of(first.path()).getFileName().toString());
            }
            MoveSummary writable = mover.run(setup.archive(), AFTER, () -> false);
            assertThat(writable.moved()).isEqualTo(1);
            assertThat(writable.failures()).isZero();
        }
    }

    @Test
    void originalsStayForTheirGraceAndOnesLeftByAStopAreFoundAtTheNextStart() throws Exception {
        Setup setup = record(Files.createDirectories(elsewhere.resolve("nas")));
        ManualClock clock = clock();
        try (Database db = Database.open(data)) {
            SegmentMover mover = mover(db, clock, Duration.ofMinutes(5));
            MoveSummary summary = upTo(mover, setup, clock, T0.plusSeconds(10));
            assertThat(summary.moved()).isEqualTo(2);
            assertThat(summary.originalsWaiting()).isEqualTo(2);
            for (Segment s : setup.segments().subList(0, 2)) {
                assertThat(Path.of(s.path())).as("a reader that listed the row just before still finds the file")
                        .isRegularFile();
            }
            clock.advance(Duration.ofMinutes(4).toMillis());
            assertThat(upTo(mover, setup, clock, T0.plusSeconds(10)).originalsDeleted()).isZero();
            clock.advance(Duration.ofMinutes(2).toMillis());
            MoveSummary later = upTo(mover, setup, clock, T0.plusSeconds(10));
            assertThat(later.originalsDeleted()).isEqualTo(2);
            assertThat(later.originalsWaiting()).isZero();
            assertThat(Path.of(setup.segments().get(0).path())).doesNotExist();

            // the next two move; then Watchroom stops before their grace is over
            assertThat(upTo(mover, setup, clock, T0.plusSeconds(18)).moved()).isEqualTo(2);
            Segment left = setup.segments().get(2);
            assertThat(Path.of(left.path())).isRegularFile();
            // a file without a row, and without one at its twin's place in the archive, is not the mover's
            Path stranger = Path.of(left.path()).resolveSibling("20260301-235900-000.mp4");
            Files.write(stranger, new byte[] {1, 2, 3});
            Files.setLastModifiedTime(stranger, FileTime.from(T0));

            SegmentMover restarted = mover(db, clock, Duration.ofMinutes(5));
            MoveSummary first = upTo(restarted, setup, clock, T0.plusSeconds(18));
            assertThat(first.moved()).isZero();
            assertThat(first.originalsDeleted()).as("the originals left behind, found by their twin's row and hash")
                    .isEqualTo(2);
            assertThat(Path.of(left.path())).doesNotExist();
            assertThat(Path.of(setup.segments().get(3).path())).doesNotExist();
            assertThat(Path.of(setup.segments().get(4).path())).as("not moved: stays").isRegularFile();
            assertThat(stranger).isRegularFile();
            assertThat(new SegmentStore(db).find(left.id()).orElseThrow().path())
                    .isEqualTo(inArchive(setup.archive(), left.path()).toString());
        }
        assertThat(Cli.inDataDir(data, "recordings", "verify").exit()).isZero();
    }

    /** A pass that moves what ended by {@code cutoff} (the age asked for is the time from it to the clock's now). */
    private static MoveSummary upTo(SegmentMover mover, Setup setup, ManualClock clock, Instant cutoff) {
        return mover.run(setup.archive(), Duration.between(cutoff, clock.instant()), () -> false);
    }

    /** Every frame from T0 + 5 s to T0 + 11 s as played: wall time and a CRC of its pixels. */
    private static List<long[]> play(Database db, long camera) {
        List<long[]> frames = new ArrayList<>();
        try (RecordingReader reader = RecordingReader.open(Recordings.stored(db, camera), T0.plusSeconds(5), null, null,
                "Gate", null)) {
            ClipFormat f = reader.format();
            ByteBuffer pixels = ByteBuffer.allocateDirect(f.width() * f.height() * 4);
            do {
                pixels.clear();
                reader.scaleInto(pixels, f.width(), f.height());
                CRC32 crc = new CRC32();
                pixels.rewind();
                crc.update(pixels);
                frames.add(new long[] {reader.positionMicros(), crc.getValue(), reader.segment().id()});
            } while (reader.next() && reader.positionMicros() < RecordingReader.micros(T0.plusSeconds(11)));
        }
        assertThat(frames).hasSizeGreaterThan(55);
        return frames;
    }

    private static RangeCut cut(Database db, long camera, Path file) throws Exception {
        Instant from = T0.plusSeconds(5);
        Instant to = T0.plusSeconds(11);
        return RangeCutter.cut(new SegmentStore(db).list(camera, from, to), from, to, file);
    }

    private static void flip(Path file, long offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x01);
        }
    }
}
