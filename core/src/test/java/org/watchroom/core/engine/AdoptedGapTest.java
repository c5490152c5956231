package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.record.SegmentInfo;
import org.watchroom.core.record.SegmentRecorder;
import org.watchroom.core.record.SegmentSettings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Waits;

/**
 * An {@code engine_down} gap left open by the last run is adopted by the camera's next recorder, which ends it where
 * its first segment begins. When nothing of that first segment can be kept (here its file is gone before it is
 * finished), recording did not resume there: the gap is reopened and ends where the first kept segment begins, in
 * the rows the engine writes, so the timeline shows neither a hole nor an overlap.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class AdoptedGapTest {
    @TempDir
    Path dir;

    @Test
    void whenTheFirstSegmentIsLostTheAdoptedGapEndsWhereTheFirstKeptSegmentBegins() throws Exception {
        try (Database db = Database.open(dir.resolve("data"))) {
            Camera street = new CameraStore(db).add(Camera.create("Street", "rtsp://10.0.0.1/a", null, null),
                    People.ADMIN);
            SegmentStore segments = new SegmentStore(db);
            GapStore gaps = new GapStore(db);
            Instant down = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
            long gap = gaps.begin(street.id(), down, RecordingGap.Reason.ENGINE_DOWN, "Watchroom was not running");

            FirstFileGone listener;
            try (EventWriter writer = new EventWriter(db)) {
                listener = new FirstFileGone(new SegmentRows(street.id(), street.name(), writer, segments, gaps,
                        new EventBus(), gap));
                // played in real time, a keyframe every 2 s: the second segment begins 2 s after the first
                CameraSource camera = new CameraSource("Street", CameraUrl.parse(TestMedia.file("vtest.mp4").toString()),
                        SourceOptions.defaults().withDecodeOnlyWhenWatched(true));
                SegmentRecorder recorder = new SegmentRecorder("Street", dir.resolve("recordings"),
                        SegmentSettings.continuous(Duration.ofMillis(500)).withMaxDrift(null), Clock.systemUTC(),
                        null, listener, RecordingGap.Reason.ENGINE_DOWN);
                camera.addPacketListener(recorder);
                camera.start();
                try {
                    Waits.until(Duration.ofSeconds(30), () -> listener.opened.get() >= 2);
                } finally {
                    camera.removePacketListener(recorder);
                    camera.close();
                    recorder.close();
                }
            } // closing the writer writes every row asked for

            assertThat(Files.exists(listener.first)).isFalse();
            List<Segment> kept = segments.all(street.id());
            assertThat(kept).isNotEmpty().noneMatch(s -> s.path().equals(listener.first.toString()));
            assertThat(kept.getFirst().startedAt()).isAfter(listener.firstStart);
            assertThat(gaps.list(street.id(), Instant.EPOCH, Instant.now().plusSeconds(60)))
                    .singleElement().satisfies(g -> {
                        assertThat(g.reason()).isEqualTo(RecordingGap.Reason.ENGINE_DOWN);
                        assertThat(g.startedAt()).isEqualTo(down);
                        assertThat(g.endedAt()).as("where the first kept segment begins")
                                .isEqualTo(kept.getFirst().startedAt());
                    });
            assertThat(listener.calls).as("the gap ends at the first segment, which is lost, and goes on")
                    .startsWith("gapEnded", "segmentOpened", "segmentDiscarded", "gapReopened", "gapEnded",
                            "segmentOpened", "segmentClosed");
        }
    }

    /** The engine's rows, with the first segment's file removed as soon as it is created: it cannot be finished. */
    private static final class FirstFileGone implements SegmentRecorder.Listener {
        final SegmentRows rows;
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger opened = new AtomicInteger();
        volatile Path first;
        volatile Instant firstStart;

        FirstFileGone(SegmentRows rows) {
            this.rows = rows;
        }

        @Override
        public void segmentOpened(Path file, Instant startedAt) {
            if (first == null) {
                first = file;
                firstStart = startedAt;
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            calls.add("segmentOpened");
            rows.segmentOpened(file, startedAt);
            opened.incrementAndGet();
        }

        @Override
        public void segmentClosed(SegmentInfo segment) {
            calls.add("segmentClosed");
            rows.segmentClosed(segment);
        }

        @Override
        public void segmentDiscarded(Path file, String why) {
            calls.add("segmentDiscarded");
            rows.segmentDiscarded(file, why);
        }

        @Override
        public void gapBegan(RecordingGap.Reason reason, Instant at, String detail) {
            calls.add("gapBegan");
            rows.gapBegan(reason, at, detail);
        }

        @Override
        public void gapEnded(Instant at) {
            calls.add("gapEnded");
            rows.gapEnded(at);
        }

        @Override
        public void gapReopened(Instant at) {
            calls.add("gapReopened");
            rows.gapReopened(at);
        }
    }
}
