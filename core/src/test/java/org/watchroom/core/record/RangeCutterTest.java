package org.watchroom.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.MediaPackets;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestSegments;

/**
 * {@link RangeCutter} on real segments (vtest.mp4 cut keyframe to keyframe, 10 s each, across midnight): the cut
 * starts at the keyframe at or before the start, holds exactly the recorded packets up to the end, byte for byte and
 * in order across segment boundaries, with continuous timestamps.
 */
class RangeCutterTest {
    private static final Instant T0 = Instant.parse("2026-03-01T23:59:40Z");
    @TempDir
    Path dir;
    private Database db;
    private List<Segment> segments;
    private long camera;

    @BeforeEach
    void record() throws Exception {
        db = Database.open(dir.resolve("data"));
        camera = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN).id();
        segments = TestSegments.record(db, camera, "Gate", T0, 4, 5);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** The packets of the recording, in order, with their wall times (seconds after T0). */
    private record Recorded(double wallDts, double wallPts, MediaPackets.Packet packet) {
    }

    private List<Recorded> recorded() {
        List<Recorded> all = new ArrayList<>();
        for (Segment s : segments) {
            double base = Duration.between(T0, s.startedAt()).toNanos() / 1e9;
            for (MediaPackets.Packet p : MediaPackets.of(Path.of(s.path()))) {
                all.add(new Recorded(base + p.dts(), base + p.pts(), p));
            }
        }
        return all;
    }

    /** What a cut of [from, to) (seconds after T0) must hold: from the last keyframe at or before from, decode time before to. */
    private List<String> expected(double from, double to) {
        List<Recorded> all = recorded();
        int start = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).packet().key() && all.get(i).wallPts() <= from) {
                start = i;
            }
        }
        List<String> payloads = new ArrayList<>();
        double shown = Double.NEGATIVE_INFINITY;
        for (int i = start; i < all.size(); i++) {
            Recorded r = all.get(i);
            if (r.wallDts() >= to && r.wallPts() >= shown) {
                break; // B-frames decoded after the end but shown before the last picture are kept
            }
            payloads.add(r.packet().payload());
            shown = Math.max(shown, r.wallPts());
        }
        return payloads;
    }

    private static Instant at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1e9));
    }

    @Test
    void aRangeAcrossSegmentBoundariesIsEveryRecordedPacketOnceWithContinuousTimestamps() throws Exception {
        assertThat(segments).hasSize(4);
        assertThat(Path.of(segments.get(0).path()).toString()).contains("2026-03-01").contains("/23/");
        assertThat(Path.of(segments.get(3).path()).toString()).contains("2026-03-02").contains("/00/");
        double from = 13.5;
        double to = 31.3; // three segments: 10-20, 20-30, 30-40 s
        List<Segment> listed = new SegmentStore(db).list(camera, at(from), at(to));
        assertThat(listed).extracting(Segment::id).containsExactly(segments.get(1).id(), segments.get(2).id(),
                segments.get(3).id());
        AtomicLong lastProgress = new AtomicLong();
        RangeCut cut = RangeCutter.cut(listed, at(from), at(to), dir.resolve("out/cut.mp4"),
                (done, total) -> lastProgress.set(done * 1000 / total), () -> false);

        List<MediaPackets.Packet> written = MediaPackets.of(cut.file());
        assertThat(written.getFirst().key()).isTrue();
        assertThat(written.stream().map(MediaPackets.Packet::payload).toList())
                .as("stream copy: the recorded packets from the keyframe at or before the start, none lost or repeated")
                .isEqualTo(expected(from, to));
        for (int i = 1; i < written.size(); i++) {
            assertThat(written.get(i).dts() - written.get(i - 1).dts()).as("decode time step at packet " + i)
                    .isCloseTo(0.1, within(0.002));
        }
        List<Double> frames = MediaPackets.frameTimes(cut.file());
        assertThat(frames).hasSize(written.size());
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i) - frames.get(i - 1)).as("picture interval at frame " + i).isCloseTo(0.1, within(0.002));
        }
        assertThat(Duration.between(at(from), cut.startedAt()).abs()).isLessThanOrEqualTo(TestSegments.GOP);
        assertThat(cut.startedAt()).isBeforeOrEqualTo(at(from));
        assertThat(cut.duration().toMillis() / 1000.0).as("within one GOP of the request")
                .isCloseTo(to - from, within(TestSegments.GOP.toMillis() / 1000.0));
        assertThat(cut.endedAt()).isCloseTo(at(to), within(500, ChronoUnit.MILLIS)); // B-frame reorder delay
        assertThat(cut.segments()).extracting(Segment::id).containsExactly(segments.get(1).id(),
                segments.get(2).id(), segments.get(3).id());
        assertThat(cut.missing()).isEmpty();
        assertThat(cut.stoppedEarly()).isNull();
        assertThat(cut.codec()).isEqualTo("h264");
        assertThat(cut.streamCopied()).isTrue();
        assertThat(cut.bytes()).isEqualTo(Files.size(cut.file()));
        assertThat(lastProgress.get()).isEqualTo(1000);
    }

    @Test
    void aMissingSegmentLeavesAHoleInTheFileTimeAndIsNamed() throws Exception {
        Files.delete(Path.of(segments.get(1).path()));
        RangeCut cut = RangeCutter.cut(segments, at(4), at(27), dir.resolve("hole.mp4"));
        assertThat(cut.missing()).extracting(Segment::id).containsExactly(segments.get(1).id());
        assertThat(cut.segments()).extracting(Segment::id).containsExactly(segments.get(0).id(), segments.get(2).id());
        List<MediaPackets.Packet> written = MediaPackets.of(cut.file());
        int jumps = 0;
        for (int i = 1; i < written.size(); i++) {
            double step = written.get(i).dts() - written.get(i - 1).dts();
            if (step > 1) {
                jumps++;
                assertThat(step).as("the hole keeps its wall-clock length").isCloseTo(10.1, within(0.3));
            }
        }
        assertThat(jumps).isEqualTo(1);
        // from the keyframe shown at 2.2 s (the last at or before 4 s) to 27 s
        assertThat(Duration.between(cut.startedAt(), cut.endedAt()).toMillis() / 1000.0).isCloseTo(27 - 2.2, within(0.4));
    }

    @Test
    void aStreamThatChangedPictureSizeEndsTheCutThereAndSaysSo() throws Exception {
        Path small = dir.resolve("small.mp4");
        Process p = new ProcessBuilder(Loader.load(ffmpeg.class), "-hide_banner",
                "-loglevel", "error", "-nostdin", "-y", "-t", "8", "-i",
                TestMedia.file("vtest.mp4").toString(), "-vf", "scale=384:288",
                "-c:v", "libopenh264", "-g", "20", "-an", small.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        // the camera came back after a reconnect with another picture size
        List<Segment> after = TestSegments.record(db, camera, "Gate", T0.plusSeconds(41), 1, 2, small);
        List<Segment> all = new SegmentStore(db).list(camera, T0, at(50));
        assertThat(all).hasSize(5);
        RangeCut cut = RangeCutter.cut(all, at(25), at(50), dir.resolve("changed.mp4"));
        assertThat(cut.stoppedEarly()).contains("stream changed").contains(after.getFirst().startedAt().toString());
        assertThat(cut.segments()).extracting(Segment::id).containsExactly(segments.get(2).id(), segments.get(3).id());
        assertThat(cut.endedAt()).isBefore(at(41));
        assertThat(MediaPackets.frameTimes(cut.file())).hasSize(MediaPackets.of(cut.file()).size());
        // a range that begins after the change is cut from the new stream
        RangeCut later = RangeCutter.cut(all, at(42), at(45), dir.resolve("later.mp4"));
        assertThat(later.stoppedEarly()).isNull();
        assertThat(later.segments()).extracting(Segment::id).containsExactly(after.getFirst().id());
    }

    @Test
    void nothingRecordedCancelAndBadRangesAreClearAndLeaveNoFile() throws Exception {
        Path none = dir.resolve("none.mp4");
        assertThatThrownBy(() -> RangeCutter.cut(segments, at(100), at(200), none))
                .isInstanceOf(RangeCutter.NothingRecordedException.class).hasMessageContaining("Nothing recorded");
        assertThat(none).doesNotExist();
        assertThatThrownBy(() -> RangeCutter.cut(segments, at(20), at(10), none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after its start");
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> RangeCutter.cut(segments, at(0), at(40), none, RangeCutter.Progress.NONE,
                () -> polls.incrementAndGet() > 50)).isInstanceOf(CancellationException.class);
        assertThat(none).doesNotExist();
        segments.forEach(s -> Path.of(s.path()).toFile().delete());
        assertThatThrownBy(() -> RangeCutter.cut(segments, at(0), at(40), none))
                .isInstanceOf(RangeCutter.NothingRecordedException.class).hasMessageContaining("missing or unreadable");
    }
}
