package org.watchroom.core.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.javacpp.Loader;
import org.watchroom.core.evidence.EvidenceExporter;
import org.watchroom.core.evidence.ExportOptions;
import org.watchroom.core.evidence.ExportResult;
import org.watchroom.core.evidence.RangeRequest;
import org.watchroom.core.fs.Folders;
import org.watchroom.core.record.RangeCut;
import org.watchroom.core.record.RangeCutter;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestSegments;

/**
 * How long a range of continuous recording takes to cut and to export as evidence: an hour of 720p H.264 at 4 Mb/s
 * (vtest.avi scaled and encoded once with the bundled ffmpeg, looped), recorded as sixty 60 s segments, then the whole
 * hour cut by {@link RangeCutter} (stream copy) and exported by {@link EvidenceExporter#exportRange} (every segment
 * re-hashed, cut, cut hashed, manifest). Not a test; run with {@code ./mvnw -B -pl core -Pbench
 * -Dbench.main=org.watchroom.core.bench.RangeCutBenchmark process-test-classes} ({@code -Dbench.args="--minutes 60
 * --runs 3 --work DIR"}).
 */
public final class RangeCutBenchmark {
    public static void main(String[] args) throws Exception {
        int minutes = 60;
        int runs = 3;
        Path work = Path.of("target", "bench");
        args = BenchMachine.splitArgs(args);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Files.createDirectories(work);
        Path source = scaled720p(work);
        Path data = work.resolve("range-cut-data");
        Folders.deleteQuietly(data);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (Database db = Database.open(data)) {
            long camera = new CameraStore(db).add(Camera.create("Bench", "rtsp://bench/1", null, null), People.ADMIN).id();
            long started = System.nanoTime();
            // 25 fps, a keyframe every 50 frames: 30 GOPs = 60 s per segment
            List<Segment> segments = TestSegments.record(db, camera, "Bench", t0, minutes, 30, source);
            long bytes = segments.stream().mapToLong(Segment::bytes).sum();
            System.out.printf(Locale.ROOT, "recorded %d segments, %.1f MB, in %.1f s (test set-up, not measured)%n",
                    segments.size(), bytes / 1e6, (System.nanoTime() - started) / 1e9);
            Instant to = segments.getLast().endedAt();
            List<Segment> listed = new SegmentStore(db).list(camera, t0, to);
            for (int run = 0; run < runs; run++) {
                Path out = work.resolve("range-cut-" + run + ".mp4");
                Files.deleteIfExists(out);
                long a = System.nanoTime();
                RangeCut cut = RangeCutter.cut(listed, t0, to, out);
                long b = System.nanoTime();
                Path folder = work.resolve("range-export-" + run);
                Folders.deleteQuietly(folder);
                ExportResult result = new EvidenceExporter(db).exportRange(new RangeRequest(List.of(camera), t0, to, false),
                        folder, ExportOptions.defaults(People.ADMIN));
                long c = System.nanoTime();
                System.out.printf(Locale.ROOT, "run %d: %s of %s: cut %.2f s (%d packets, %.1f MB), evidence export "
                                + "%.2f s (%d files, %.1f MB)%n", run + 1, Duration.between(t0, to), cut.codec(),
                        (b - a) / 1e9, cut.packets(), cut.bytes() / 1e6, (c - b) / 1e9, result.files(),
                        result.bytes() / 1e6);
                Files.deleteIfExists(out);
                Folders.deleteQuietly(folder);
            }
        } finally {
            Folders.deleteQuietly(data);
        }
    }

    /** vtest.avi at 1280x720, 25 fps, 4 Mb/s H.264, a keyframe every 2 s (bundled ffmpeg, libopenh264), made once. */
    private static Path scaled720p(Path work) throws Exception {
        Path out = work.resolve("vtest-720p-h264.mp4");
        if (!Files.exists(out)) {
            String ffmpeg = Loader.load(ffmpeg.class);
            Process p = new ProcessBuilder(ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-r", "25", "-i",
                    TestMedia.file("vtest.avi").toString(), "-vf", "scale=1280:720", "-c:v", "libopenh264",
                    "-b:v", "4M", "-g", "50", "-an", out.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("could not make " + out);
            }
        }
        return out;
    }
}
