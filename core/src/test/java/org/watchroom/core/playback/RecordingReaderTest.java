package org.watchroom.core.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Waits;

/**
 * {@link RecordingReader} on real segments cut from vtest.mp4 ({@link TestSegments}: wall time of each frame =
 * T0 + its time in vtest.mp4): A [0 s, 6 s) and B [6 s, 12 s) join, then the camera was "offline" until C
 * [20 s, 26 s), then D [26 s, 30 s). T0 is 20 s before midnight UTC, so the recording crosses midnight. Every
 * frame shown is compared, pixel for pixel, with the same frame decoded from vtest.mp4 itself.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecordingReaderTest {
    private static final Instant T0 = Instant.parse("2026-12-06T23:59:40Z");
    private static final long FRAME = 100_000;
    @TempDir
    static Path dir;
    static Database db;
    static long camera;
    static List<Segment> segments;
    static ClipReader source;
    static long offline;

    @BeforeAll
    static void record() throws Exception {
        db = Database.open(dir);
        camera = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN).id();
        segments = TestSegments.cut(db, camera, "Gate", dir, T0,
                new double[] {0, 6}, new double[] {6, 12}, new double[] {20, 26}, new double[] {26, 30});
        offline = new GapStore(db).add(camera, segments.get(1).endedAt(), segments.get(2).startedAt(),
                RecordingGap.Reason.OFFLINE, "connection refused");
        source = ClipReader.open(TestMedia.file("vtest.mp4"));
    }

    @AfterAll
    static void close() {
        source.close();
        db.close();
    }

    private static RecordingReader open(Instant at) {
        return RecordingReader.open(Recordings.stored(db, camera), at, null, null, "Gate", null);
    }

    private static Instant wall(double sourceSeconds) {
        return T0.plusMillis(Math.round(sourceSeconds * 1000));
    }

    private static long micros(Instant t) {
        return RecordingReader.micros(t);
    }

    /** The frame of vtest.mp4 at wall time {@code micros}, decoded from the source itself. */
    private static ByteBuffer sourceFrame(long wallMicros) {
        long sourceMicros = wallMicros - micros(T0) - source.startOffsetMicros();
        assertThat(source.seek(sourceMicros)).isTrue();
        assertThat(source.positionMicros()).as("the source has a frame at that time").isEqualTo(sourceMicros);
        return pixels(source);
    }

    private static ByteBuffer pixels(FrameSource reader) {
        ClipFormat f = reader.format();
        ByteBuffer buffer = ByteBuffer.allocateDirect(f.width() * f.height() * 4);
        reader.scaleInto(buffer, f.width(), f.height());
        return buffer;
    }

    @Test
    void theSegmentsAreRealFilesChainedByHashAcrossMidnight() throws Exception {
        assertThat(segments).hasSize(4);
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            assertThat(Files.size(Path.of(s.path()))).isEqualTo(s.bytes());
            assertThat(s.prevSha256()).isEqualTo(i == 0 ? Segment.NO_PREVIOUS : segments.get(i - 1).sha256());
        }
        assertThat(segments.getFirst().startedAt().atZone(ZoneOffset.UTC).getDayOfMonth()).isEqualTo(6);
        assertThat(segments.getLast().endedAt().atZone(ZoneOffset.UTC).getDayOfMonth()).isEqualTo(7);
        assertThat(Duration.between(segments.get(1).endedAt(), segments.get(2).startedAt()).toSeconds())
                .as("the gap").isBetween(6L, 9L);
    }

    @Test
    void aSeekIntoEachSegmentShowsTheSourceFrameOfThatWallTime() {
        try (RecordingReader reader = open(wall(1))) {
            for (double at : new double[] {1, 3.3, 7.5, 11.2, 21.7, 24.0, 28.9, 0.5}) {
                long target = micros(wall(at));
                assertThat(reader.seek(target)).isTrue();
                assertThat(reader.positionMicros()).as("frame at %s s", at).isEqualTo(target);
                assertThat(reader.landing().kind()).isEqualTo(Landing.Kind.EXACT);
                assertThat(reader.segment().startedAt()).isBeforeOrEqualTo(wall(at));
                assertThat(pixels(reader)).as("pixels at %s s", at).isEqualTo(sourceFrame(target));
            }
        }
    }

    @Test
    void playingAcrossABoundaryAndAGapShowsEveryFrameOnceWithContinuousWallTimes() {
        List<Segment> changed = new CopyOnWriteArrayList<>();
        try (RecordingReader reader = RecordingReader.open(Recordings.stored(db, camera), wall(4), null, null, "Gate",
                new RecordingReader.Listener() {
                    @Override
                    public void segmentChanged(Segment segment) { changed.add(segment); }
                })) {
            assertThat(reader.positionMicros()).isEqualTo(micros(wall(4)));
            Waits.until(Duration.ofSeconds(10), () -> reader.openedAhead().isPresent());
            assertThat(reader.openedAhead()).as("B is opened before A ends").contains(segments.get(1));

            List<Long> walls = new ArrayList<>();
            walls.add(reader.positionMicros());
            while (reader.positionMicros() < micros(wall(22))) {
                assertThat(reader.next()).isTrue();
                walls.add(reader.positionMicros());
                long step = walls.getLast() - walls.get(walls.size() - 2);
                long at = walls.getLast();
                if (at < micros(segments.get(2).startedAt())) {
                    assertThat(step).as("continuous wall time at %s", RecordingReader.instant(at)).isEqualTo(FRAME);
                    if (Math.abs(at - micros(segments.get(1).startedAt())) < 500_000) {
                        assertThat(pixels(reader)).as("the frame at the A/B boundary").isEqualTo(sourceFrame(at));
                    }
                } else if (step != FRAME) { // the one jump: over the gap, to C's first frame
                    assertThat(step).isGreaterThan(5_000_000);
                    assertThat(reader.segment()).isEqualTo(segments.get(2));
                    assertThat(pixels(reader)).isEqualTo(sourceFrame(at));
                }
            }
            assertThat(walls).as("no frame twice").doesNotHaveDuplicates().isSorted();
            assertThat(walls.stream().filter(w -> w < micros(wall(12))).count())
                    .as("every frame from 4 s to 12 s").isEqualTo(80);
            assertThat(changed).extracting(Segment::id).containsSubsequence(segments.get(0).id(),
                    segments.get(1).id(), segments.get(2).id());
        }
    }

    @Test
    void aSeekIntoTheGapLandsOnTheNextRecordedMomentAndSaysWhy() {
        try (RecordingReader reader = open(wall(15))) {
            Landing landing = reader.landing();
            assertThat(landing.kind()).isEqualTo(Landing.Kind.AFTER_GAP);
            assertThat(landing.asked()).isEqualTo(wall(15));
            assertThat(reader.segment()).isEqualTo(segments.get(2));
            assertThat(reader.positionMicros()).as("C's first frame")
                    .isBetween(micros(segments.get(2).startedAt()), micros(segments.get(2).startedAt()) + 3 * FRAME);
            assertThat(landing.landed()).isEqualTo(reader.wallTime());
            assertThat(landing.gap().reason()).isEqualTo(RecordingGap.Reason.OFFLINE);
            assertThat(landing.describe(ZoneOffset.UTC)).contains("Nothing recorded at 2026-12-06 23:59:55")
                    .contains("camera offline: connection refused").contains("next recorded moment");
            assertThat(pixels(reader)).isEqualTo(sourceFrame(reader.positionMicros()));

            reader.seek(micros(T0.minusSeconds(3600))); // before anything
            assertThat(reader.landing().kind()).isEqualTo(Landing.Kind.AFTER_GAP);
            assertThat(reader.segment()).isEqualTo(segments.getFirst());
            reader.seek(micros(T0.plusSeconds(3600))); // after everything
            assertThat(reader.landing().kind()).isEqualTo(Landing.Kind.LAST_BEFORE);
            assertThat(reader.segment()).isEqualTo(segments.getLast());
            assertThat(reader.next()).as("the end of the recording").isFalse();
        }
    }

    @Test
    void steppingBackOverABoundaryShowsThePreviousSegmentsLastFrame() {
        try (RecordingReader reader = open(wall(6))) {
            long first = reader.positionMicros();
            assertThat(reader.segment()).as("B's first frame is at 6 s").isEqualTo(segments.get(1));
            assertThat(reader.stepBack()).isTrue();
            assertThat(reader.positionMicros()).isEqualTo(first - FRAME);
            assertThat(reader.segment()).isEqualTo(segments.getFirst());
            assertThat(pixels(reader)).isEqualTo(sourceFrame(first - FRAME));
            assertThat(reader.next()).isTrue();
            assertThat(reader.positionMicros()).as("forward again into B").isEqualTo(first);
            assertThat(reader.segment()).isEqualTo(segments.get(1));
            assertThat(pixels(reader)).isEqualTo(sourceFrame(first));
        }
    }

    @Test
    void anEventsRangeBoundsSeeksAndPlaying() {
        Instant from = wall(5);
        Instant to = wall(7);
        try (RecordingReader reader = RecordingReader.open(Recordings.stored(db, camera), wall(5.5), from, to, "Gate", null)) {
            assertThat(reader.positionMicros()).isEqualTo(micros(wall(5.5)));
            assertThat(reader.startMicros()).isEqualTo(micros(wall(5.5)));
            int frames = 0;
            while (reader.next()) {
                frames++;
            }
            assertThat(reader.positionMicros()).isEqualTo(micros(to));
            assertThat(frames).isEqualTo(15);
            reader.seek(micros(wall(2)));
            assertThat(reader.positionMicros()).as("clamped to the range").isEqualTo(micros(from));
        }
        assertThatThrownBy(() -> RecordingReader.open(Recordings.stored(db, camera), wall(15), wall(13), wall(14),
                "Gate", null)).isInstanceOf(ClipException.class).hasMessageContaining("Nothing of Gate was recorded");
    }

    @Test
    void aPlayerPlaysTheRecordingAcrossTheBoundaryAtFourTimesSpeed() {
        List<Long> positions = new CopyOnWriteArrayList<>();
        try (ClipPlayer player = ClipPlayer.of("test", () -> open(wall(5)), new ClipPlayer.Listener() {
            @Override
            public void positionChanged(long micros) { positions.add(micros); }
        }, null)) {
            Waits.until(Duration.ofSeconds(10), () -> player.state() instanceof PlayerState.Paused);
            player.speed(4);
            player.play();
            Waits.until(Duration.ofSeconds(20), () -> player.positionMicros() >= micros(wall(21)));
            player.pause();
            assertThat(positions).doesNotHaveDuplicates().isSorted();
            assertThat(positions).as("across the A/B boundary").anyMatch(p -> p > micros(wall(7)) && p < micros(wall(8)));
            assertThat(player.file()).isNull();
        }
    }

    @Test
    void twoCamerasPlayedTogetherShowOneTimeAndOneInAGapHoldsItsLastFrame() throws Exception {
        long yard = new CameraStore(db).add(Camera.create("Yard", "rtsp://yard/1", null, null), People.ADMIN).id();
        TestSegments.cut(db, yard, "Yard", dir, T0, new double[] {0, 4}, new double[] {4, 10}, new double[] {10, 30});
        List<SyncedPlayers.Member> members = List.of(new SyncedPlayers.Member("Gate", Recordings.stored(db, camera)),
                new SyncedPlayers.Member("Yard", Recordings.stored(db, yard)));
        try (SyncedPlayers group = new SyncedPlayers(members, wall(5), null, null, i -> new ClipPlayer.Listener() { },
                i -> null)) {
            ClipPlayer gate = group.players().get(0);
            ClipPlayer yardPlayer = group.players().get(1);
            Waits.until(Duration.ofSeconds(10), () -> gate.state() instanceof PlayerState.Paused
                    && yardPlayer.state() instanceof PlayerState.Paused);
            assertThat(gate.positionMicros()).isEqualTo(yardPlayer.positionMicros()).isEqualTo(micros(wall(5)));
            group.speed(2);
            group.play();
            Waits.until(Duration.ofSeconds(10), () -> yardPlayer.positionMicros() >= micros(wall(7)));
            long apart = Math.abs(gate.positionMicros() - yardPlayer.positionMicros());
            assertThat(apart).as("one clock: the same moment on both, give or take a frame at 2x").isLessThanOrEqualTo(3 * FRAME);
            assertThat(Duration.between(wall(7), group.time()).abs()).isLessThan(Duration.ofSeconds(1));

            group.seek(wall(11.5)); // Gate's footage stops at 12 s (offline until 20 s), Yard's goes on
            Waits.until(Duration.ofSeconds(10), () -> yardPlayer.positionMicros() >= micros(wall(14)));
            assertThat(gate.positionMicros()).as("Gate holds its last frame before the gap")
                    .isBetween(micros(wall(11.5)), micros(wall(12)));
            assertThat(gate.state()).isInstanceOf(PlayerState.Playing.class);
            group.pause();
            Waits.until(Duration.ofSeconds(5), () -> yardPlayer.state() instanceof PlayerState.Paused);
            assertThat(group.time()).isAfter(wall(14));
            long yardAt = yardPlayer.positionMicros();
            group.step(1);
            Waits.until(Duration.ofSeconds(5), () -> yardPlayer.positionMicros() == yardAt + FRAME);
        }
    }

    @Test
    void camerasPlayedTogetherThatAreAllInAGapJumpToTheFirstFootageAfterIt() throws Exception {
        long dock = new CameraStore(db).add(Camera.create("Dock", "rtsp://dock/1", null, null), People.ADMIN).id();
        TestSegments.cut(db, dock, "Dock", dir, T0, new double[] {0, 12}, new double[] {20, 30});
        List<SyncedPlayers.Member> members = List.of(new SyncedPlayers.Member("Gate", Recordings.stored(db, camera)),
                new SyncedPlayers.Member("Dock", Recordings.stored(db, dock)));
        try (SyncedPlayers group = new SyncedPlayers(members, wall(11), null, null, i -> new ClipPlayer.Listener() { },
                i -> null)) {
            ClipPlayer gate = group.players().get(0);
            ClipPlayer dockPlayer = group.players().get(1);
            Waits.until(Duration.ofSeconds(10), () -> gate.state() instanceof PlayerState.Paused
                    && dockPlayer.state() instanceof PlayerState.Paused);
            group.play();
            long started = System.nanoTime();
            boolean jumped = false;
            while (gate.positionMicros() < micros(wall(20.5)) || dockPlayer.positionMicros() < micros(wall(20.5))) {
                jumped |= group.skipCommonGap(); // what the view does once per pulse
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the 8 s gap is not sat through")
                        .isLessThan(Duration.ofSeconds(6));
                Thread.sleep(15);
            }
            assertThat(jumped).isTrue();
            assertThat(Math.abs(gate.positionMicros() - dockPlayer.positionMicros())).as("still one time")
                    .isLessThanOrEqualTo(3 * FRAME);
        }
    }

    @Test
    void playingOnAfterTheEndContinuesWhenMoreWasRecordedSinceAndStartsOverWhenNot() throws Exception {
        long porch = new CameraStore(db).add(Camera.create("Porch", "rtsp://porch/1", null, null), People.ADMIN).id();
        TestSegments.cut(db, porch, "Porch", dir, T0, new double[] {0, 4});
        try (RecordingReader reader = RecordingReader.open(Recordings.stored(db, porch), wall(2), null, null, "Porch", null)) {
            while (reader.next()) {
                // to the end of what is recorded
            }
            long end = reader.positionMicros();
            assertThat(end).isEqualTo(micros(wall(3.9)));
            assertThat(reader.startMicros()).as("nothing more: start over where it was opened").isEqualTo(micros(wall(2)));

            TestSegments.cut(db, porch, "Porch", dir, T0, new double[] {4, 8}); // the recorder wrote on
            assertThat(reader.startMicros()).as("more recorded since: go on from the end").isEqualTo(end);
            assertThat(reader.seek(reader.startMicros())).isTrue();
            assertThat(reader.next()).isTrue();
            assertThat(reader.positionMicros()).isEqualTo(end + FRAME);
            assertThat(pixels(reader)).isEqualTo(sourceFrame(end + FRAME));
        }
    }
}
