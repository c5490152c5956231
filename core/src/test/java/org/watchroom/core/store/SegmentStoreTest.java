package org.watchroom.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.record.RecordingPolicy;
import org.watchroom.core.testing.People;

class SegmentStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-06T23:59:00Z");
    @TempDir
    Path dir;

    @Test
    void segmentsOpenCloseAndAreFoundByTimeRangeAcrossMidnight() {
        try (Database db = Database.open(dir)) {
            Camera cam = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN);
            SegmentStore segments = new SegmentStore(db);
            Segment first = segments.open(cam.id(), "Gate", dir.resolve("a.mp4"), T0);
            assertThat(segments.openSegments()).containsExactly(first);
            assertThat(segments.close(first.id(), new SegmentClose(T0.plusSeconds(60), Duration.ofSeconds(60), 1000,
                    "a".repeat(64), Segment.NO_PREVIOUS, "h264", true, false))).isTrue();
            assertThat(segments.close(first.id(), new SegmentClose(T0.plusSeconds(61), Duration.ofSeconds(61), 1,
                    "b".repeat(64), Segment.NO_PREVIOUS, "h264", true, false))).as("closed once").isFalse();
            Segment second = segments.open(cam.id(), "Gate", dir.resolve("b.mp4"), T0.plusSeconds(60));

            assertThat(segments.list(cam.id(), T0.plusSeconds(30), T0.plusSeconds(90))).extracting(Segment::id)
                    .containsExactly(first.id(), second.id());
            assertThat(segments.list(cam.id(), T0.plusSeconds(61), T0.plusSeconds(90))).extracting(Segment::id)
                    .containsExactly(second.id());
            assertThat(segments.lastClosed(cam.id())).get().extracting(Segment::sha256).isEqualTo("a".repeat(64));
            assertThat(segments.totalBytes(cam.id())).isEqualTo(1000);
            assertThat(segments.find(first.id()).orElseThrow().duration()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void gapsOpenAndCloseAndEveryCameraRecordsContinuouslyByDefault() {
        try (Database db = Database.open(dir)) {
            Camera cam = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN);
            assertThat(RecordingPolicy.parse(cam.recording()).mode()).isEqualTo(RecordingPolicy.Mode.CONTINUOUS);
            GapStore gaps = new GapStore(db);
            long id = gaps.begin(cam.id(), T0, RecordingGap.Reason.OFFLINE, "connection refused");
            assertThat(gaps.openGaps()).singleElement().extracting(RecordingGap::reason)
                    .isEqualTo(RecordingGap.Reason.OFFLINE);
            assertThat(gaps.end(id, T0.plusSeconds(5))).isTrue();
            assertThat(gaps.list(cam.id(), T0.minusSeconds(1), T0.plusSeconds(1))).singleElement()
                    .satisfies(g -> assertThat(g.endedAt()).isEqualTo(T0.plusSeconds(5)));
            assertThat(gaps.openGaps()).isEmpty();
            // the segment that ended it was not kept: open again, then ended where recording did resume
            assertThat(gaps.reopen(id)).isTrue();
            assertThat(gaps.reopen(id)).isFalse();
            assertThat(gaps.openGaps()).singleElement().extracting(RecordingGap::id).isEqualTo(id);
            assertThat(gaps.end(id, T0.plusSeconds(7))).isTrue();
            assertThat(gaps.list(cam.id(), T0.minusSeconds(1), T0.plusSeconds(1))).singleElement()
                    .satisfies(g -> assertThat(g.endedAt()).isEqualTo(T0.plusSeconds(7)));
        }
    }

    @Test
    void afterFindsWhatHoldsOrFollowsAMomentHoweverLongTheGapAndBeforeGoesBackNewestFirst() {
        try (Database db = Database.open(dir)) {
            Camera cam = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN);
            SegmentStore segments = new SegmentStore(db);
            Segment a = closed(segments, cam.id(), "a", T0, 60);
            Segment b = closed(segments, cam.id(), "b", T0.plusSeconds(60), 60);
            Segment later = closed(segments, cam.id(), "c", T0.plus(Duration.ofDays(3)), 60); // after a long outage
            Segment open = segments.open(cam.id(), "Gate", dir.resolve("d.mp4"), T0.plus(Duration.ofDays(3)).plusSeconds(60));

            assertThat(segments.after(cam.id(), T0.plusSeconds(30), 2)).containsExactly(a, b);
            assertThat(segments.after(cam.id(), T0.plusSeconds(60), 1)).as("ended at: not held").containsExactly(b);
            assertThat(segments.after(cam.id(), T0.plusSeconds(200), 4)).as("the next recorded moment, days later")
                    .containsExactly(later, open);
            assertThat(segments.after(cam.id(), T0.plus(Duration.ofDays(9)), 4)).as("nothing follows; open rows are looked for only a day back (segments last minutes)")
                    .isEmpty();
            assertThat(segments.before(cam.id(), T0.plus(Duration.ofDays(3)), 4)).containsExactly(b, a);
            assertThat(segments.before(cam.id(), T0, 4)).isEmpty();
        }
    }

    private Segment closed(SegmentStore segments, long camera, String name, Instant start, int seconds) {
        Segment s = segments.open(camera, "Gate", dir.resolve(name + ".mp4"), start);
        segments.close(s.id(), new SegmentClose(start.plusSeconds(seconds), Duration.ofSeconds(seconds), 1000,
                name.repeat(64).substring(0, 64), Segment.NO_PREVIOUS, "h264", true, false));
        return segments.find(s.id()).orElseThrow();
    }
}
