package org.watchroom.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Segment;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestSegments;

/** {@link CutCache} on real segments: one cut per range and recording, shared by concurrent requests, bounded. */
class CutCacheTest {
    private static final Instant T0 = Instant.parse("2026-02-02T12:00:00Z");
    @TempDir
    Path dir;

    @Test
    void sameRangeIsCutOnceEvenWhenAskedAtOnceAndTheCacheStaysWithinItsBudget() throws Exception {
        try (Database db = Database.open(dir.resolve("data"))) {
            long camera = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN).id();
            List<Segment> segments = TestSegments.record(db, camera, "Gate", T0, 3, 5);
            CutCache cache = new CutCache(dir.resolve("cuts"), 1L << 30, Duration.ofHours(1));
            List<Future<Path>> asked = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 4; i++) {
                    Callable<Path> cut = () -> cache.cut(camera, T0.plusSeconds(3), T0.plusSeconds(22), segments);
                    asked.add(pool.submit(cut));
                }
            }
            Path first = asked.getFirst().get();
            for (Future<Path> f : asked) {
                assertThat(f.get()).isEqualTo(first);
            }
            assertThat(cuts(cache)).containsExactly(first);
            String sha = Sha256.of(first);

            // another range is another file; the same range of a segment that changed (re-recorded) is cut again
            Path other = cache.cut(camera, T0.plusSeconds(5), T0.plusSeconds(15), segments);
            assertThat(other).isNotEqualTo(first);
            Segment s = segments.get(1);
            List<Segment> changed = List.of(segments.get(0), new Segment(s.id(), s.cameraId(), s.cameraName(), s.path(),
                    s.startedAt(), s.endedAt(), s.duration(), s.bytes(), "0".repeat(64), s.prevSha256(), s.codec(),
                    s.streamCopied(), s.interrupted()), segments.get(2));
            assertThat(cache.cut(camera, T0.plusSeconds(3), T0.plusSeconds(22), changed)).isNotEqualTo(first);
            assertThat(Sha256.of(first)).as("a cached cut is never rewritten").isEqualTo(sha);

            // a budget smaller than two cuts keeps only the newest
            CutCache tight = new CutCache(dir.resolve("tight"), Files.size(first) + 1, Duration.ofHours(1));
            Path a = tight.cut(camera, T0.plusSeconds(3), T0.plusSeconds(22), segments);
            Path b = tight.cut(camera, T0.plusSeconds(4), T0.plusSeconds(23), segments);
            assertThat(cuts(tight)).containsExactly(b);
            assertThat(a).doesNotExist();
        }
    }

    private static List<Path> cuts(CutCache cache) throws Exception {
        try (Stream<Path> files = Files.list(cache.dir())) {
            return files.toList();
        }
    }
}
