package org.watchroom.core.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_video.KalmanFilter;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.event.Region;
import org.watchroom.core.event.track.internal.BoxFilter;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.StationaryStore;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TrackReplay;

/**
 * What tracking does to alerts on real footage, and what it costs.
 *
 * <p><b>1. Alerts</b>: vtest.avi (a fixed camera, 79.5 s: pedestrians walking, a parked van and car) through
 * YOLOX-nano at 5 passes/s once, then its passes played through the event rules three times in a row, each play a
 * fresh start of the rules with the stationary objects kept in an H2 database between plays (as the engine keeps
 * them): events per play by label, label flips per track (the detector's own labels, and the labels shown after the
 * vote). Default rules, and for comparison the same without {@code require_movement}.
 *
 * <p><b>2. Cost</b>: tracking and rules per pass against the detector's inference per pass (ratio); and the Kalman
 * step written here against OpenCV's {@code cv::KalmanFilter} (the vetted alternative in our dependencies) for the
 * same constant-velocity box model, per track and pass, run in this process.
 *
 * <p>Not a test: {@code ./mvnw -B -o -pl core -Pbench process-test-classes
 * -Dbench.main=org.watchroom.core.bench.TrackingBenchmark}.
 */
public final class TrackingBenchmark {
    private static final int PLAYS = 3;

    private TrackingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("== Watchroom tracking benchmark ==");
        System.out.printf("cpu: %s, %d cores; load average: %s%n", BenchMachine.cpuModel(), BenchMachine.cores(),
                BenchMachine.loadAverage());
        Path video = TestMedia.file("vtest.avi");
        TrackReplay.Detected detected = TrackReplay.detect(video, 794, 2, 10);
        System.out.printf("%s: %d passes (5/s), YOLOX-nano inference %.1f ms per pass%n", video.getFileName(),
                detected.passes().size(), detected.inferenceMillis());

        System.out.println();
        System.out.println("== 1. Events per play (3 plays, the rules restarted between them) ==");
        for (String variant : new String[] {"{}", "{\"require_movement\": false}"}) {
            Path dir = Files.createTempDirectory("watchroom-tracking");
            try (Database database = Database.open(dir)) {
                StationaryStore store = new StationaryStore(database);
                System.out.printf("rules %s%n", variant);
                for (int play = 1; play <= PLAYS; play++) {
                    Instant start = Instant.parse("2026-12-07T10:00:00Z").plusSeconds(100L * play);
                    TrackReplay.Play p = TrackReplay.play(detected.passes(), EventRuleConfig.parse(variant),
                            TrackReplay.memory(store, 1), start);
                    System.out.printf(Locale.ROOT, "  play %d: person events %d, vehicle events %d, by label at start"
                                    + " %s; %d tracks; label flips: detector %d, shown %d; tracking+rules %.0f µs/pass"
                                    + " (%.2f%% of inference)%n", play, p.events(Set.of("person")),
                            p.events(TrackReplay.VEHICLES), p.eventsByLabel(), p.tracks(), p.rawFlips(),
                            p.votedFlips(), p.trackingMicros(), 100 * p.trackingMicros() / 1000
                                    / detected.inferenceMillis());
                }
                System.out.printf("  remembered stationary objects: %s%n", store.list(1));
            }
        }

        System.out.println();
        System.out.println("== 2. Kalman step per track and pass: written here vs OpenCV cv::KalmanFilter ==");
        for (int round = 0; round < 3; round++) {
            double ours = ours(2_000_000);
            double opencv = opencv(200_000);
            System.out.printf(Locale.ROOT, "  round %d: BoxFilter %.0f ns, cv::KalmanFilter %.0f ns, ratio %.3f%n",
                    round + 1, ours, opencv, ours / opencv);
        }
    }

    /** Predict + update of a box walking right, nanoseconds each. */
    private static double ours(int steps) {
        BoxFilter filter = new BoxFilter(new Region(0.1, 0.4, 0.08, 0.3));
        double sink = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            filter.predict(0.2);
            filter.update(new Region(0.1 + (i % 100) * 0.005, 0.4, 0.08, 0.3));
            sink += filter.speed();
        }
        long nanos = System.nanoTime() - t0;
        if (sink < 0) {
            System.out.println(sink);
        }
        return (double) nanos / steps;
    }

    /** The same model in OpenCV: 8 states (centre, size and their speeds), 4 measurements, nanoseconds per step. */
    private static double opencv(int steps) {
        try (KalmanFilter filter = new KalmanFilter(8, 4, 0, opencv_core.CV_32F);
             Mat measurement = new Mat(4, 1, opencv_core.CV_32F)) {
            try (FloatIndexer f = filter.transitionMatrix().createIndexer()) {
                for (int i = 0; i < 8; i++) {
                    f.put(i, i, 1f);
                }
                for (int i = 0; i < 4; i++) {
                    f.put(i, i + 4, 0.2f);
                }
            }
            opencv_core.setIdentity(filter.measurementMatrix());
            opencv_core.setIdentity(filter.processNoiseCov(), new Scalar(1e-4));
            opencv_core.setIdentity(filter.measurementNoiseCov(), new Scalar(2e-4));
            opencv_core.setIdentity(filter.errorCovPost(), new Scalar(1e-2));
            double sink = 0;
            long t0 = System.nanoTime();
            try (FloatIndexer m = measurement.createIndexer()) {
                for (int i = 0; i < steps; i++) {
                    filter.predict().close();
                    m.put(0, 0, 0.14f + (i % 100) * 0.005f).put(1, 0, 0.55f).put(2, 0, 0.08f).put(3, 0, 0.3f);
                    try (Mat corrected = filter.correct(measurement);
                         FloatIndexer c = corrected.createIndexer()) {
                        sink += c.get(4, 0);
                    }
                }
            }
            long nanos = System.nanoTime() - t0;
            if (sink < -1e30) {
                System.out.println(sink);
            }
            return (double) nanos / steps;
        }
    }
}
