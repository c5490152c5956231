package org.watchroom.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectStats;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;

/**
 * Watchroom against a peer on the same cameras: N RTSP cameras (one GStreamer test server, vtest.avi at 768x576
 * 10 fps H.264, one shared encoder for every client) watched first by the Motion daemon (Debian {@code motion}
 * 4.5 with its packaged defaults: motion detection on every frame, a movie written while there is motion — vtest
 * always has some), then by a headless Watchroom engine in this process (motion gate, YOLOX-nano + YuNet at the
 * defaults, continuous recording by stream copy, events), then by the same engine with detection off. Prints each
 * side's CPU per camera over a window of the same length and the ratios to Motion (issue 19's goal: ≤ 0.5 with
 * detection on).
 *
 * <p>Not a test: {@code ./mvnw -B -pl core -Pbench process-test-classes
 * -Dbench.main=org.watchroom.core.bench.MotionPeerBenchmark} (see docs/performance.md). Arguments:
 * {@code --cameras N} (default 16), {@code --seconds S} (window, default 40), {@code --settle S} (default 10), {@code --work DIR} (where Motion's movies and the engine's data go).
 * Needs {@code motion}: {@code apt-get install -y motion}.
 */
public final class MotionPeerBenchmark {
    private int cameras = 16;
    private double seconds = 40;
    private double settle = 10;
    private Path work;

    public static void main(String[] args) throws Exception {
        MotionPeerBenchmark benchmark = new MotionPeerBenchmark();
        String[] split = BenchMachine.splitArgs(args);
        for (int i = 0; i + 1 < split.length; i += 2) {
            switch (split[i]) {
                case "--cameras" -> benchmark.cameras = Integer.parseInt(split[i + 1]);
                case "--seconds" -> benchmark.seconds = Double.parseDouble(split[i + 1]);
                case "--settle" -> benchmark.settle = Double.parseDouble(split[i + 1]);
                case "--work" -> benchmark.work = Path.of(split[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + split[i]);
            }
        }
        benchmark.run();
        System.exit(0);
    }

    private void run() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/motion"))) {
            throw new IllegalStateException("Motion is not installed: apt-get install -y motion");
        }
        if (work != null) {
            Files.createDirectories(work);
        }
        Path work = this.work == null ? Files.createTempDirectory("watchroom-peer")
                : Files.createTempDirectory(this.work, "peer-");
        BenchMachine machine = new BenchMachine(10, 60);
        System.out.println("== Watchroom vs Motion, same RTSP cameras ==");
        System.out.printf("cpu: %s, %d cores; load average before: %s; %d cameras: vtest.avi 768x576 10 fps H.264"
                + " over RTSP (GStreamer, one shared encoder); window %.0f s after %.0f s%n", BenchMachine.cpuModel(),
                BenchMachine.cores(), BenchMachine.loadAverage(), cameras, seconds, settle);
        try (RtspTestServer server = RtspTestServer.builder().footage(TestMedia.file("vtest.avi")).start()) {
            String url = server.url("/vtest");
            machine.awaitQuiet();
            Side motion = motion(work, url);
            machine.awaitQuiet();
            Side watchroom = watchroom(work, url, true);
            machine.awaitQuiet();
            Side withoutDetection = watchroom(work, url, false);
            System.out.println();
            BenchTable.print(new String[] {"side", "CPU % of one core", "per camera", "machine busy", "others",
                    "notes"}, List.of(motion.row("Motion 4.5.1 (motion + movies)", cameras),
                    watchroom.row("Watchroom (gate + YOLOX-nano + YuNet + recording)", cameras),
                    withoutDetection.row("Watchroom, detection off (decode + recording)", cameras)));
            System.out.printf("ratio Watchroom / Motion, CPU per camera: %.2f (goal <= 0.5); with detection off:"
                    + " %.2f%n", watchroom.cpuShare / motion.cpuShare, withoutDetection.cpuShare / motion.cpuShare);
            System.out.println("Motion's movies hold only the frames in which it saw motion (post_capture 0, its"
                    + " default): the frame count above is what it wrote, not what it decoded.");
        }
    }

    /** One side's CPU over the window: its processes' share of one core, the machine's and the others' share. */
    private record Side(double cpuShare, double machineBusy, double others, String notes) {
        String[] row(String name, int cameras) {
            return new String[] {name, String.format(Locale.ROOT, "%.0f %%", cpuShare * 100),
                    String.format(Locale.ROOT, "%.1f %%", cpuShare * 100 / cameras),
                    String.format(Locale.ROOT, "%.0f %%", machineBusy * 100),
                    String.format(Locale.ROOT, "%.0f %%", others * 100), notes};
        }
    }

    private Side motion(Path work, String url) throws Exception {
        Path dir = Files.createDirectories(work.resolve("motion"));
        Path out = Files.createDirectories(dir.resolve("out"));
        StringBuilder main = new StringBuilder("""
                daemon off
                setup_mode off
                log_level 4
                target_dir %s
                threshold 1500
                despeckle_filter EedDl
                minimum_motion_frames 1
                event_gap 60
                pre_capture 3
                post_capture 0
                picture_output off
                movie_output on
                movie_max_time 60
                movie_quality 45
                movie_codec mkv
                webcontrol_port 0
                stream_port 0
                """.formatted(out));
        for (int i = 1; i <= cameras; i++) {
            Path camera = dir.resolve("camera" + i + ".conf");
            Files.writeString(camera, """
                    camera_id %d
                    camera_name cam%d
                    netcam_url %s
                    netcam_params rtsp_transport=tcp
                    width 768
                    height 576
                    framerate 10
                    movie_filename cam%d-%%Y%%m%%d%%H%%M%%S
                    """.formatted(i, i, url, i));
            main.append("camera ").append(camera).append('\n');
        }
        Path conf = dir.resolve("motion.conf");
        Files.writeString(conf, main);
        Process process = new ProcessBuilder("/usr/bin/motion", "-n", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("motion.log").toFile()).start();
        try {
            Thread.sleep((long) (settle * 1000));
            if (!process.isAlive()) {
                throw new IllegalStateException("motion ended at once; see " + dir.resolve("motion.log"));
            }
            long cpu0 = BenchMachine.cpuTicks(Path.of("/proc/" + process.pid() + "/stat"));
            BenchMachine.CpuSnapshot m0 = BenchMachine.CpuSnapshot.take();
            long t0 = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            long cpu = BenchMachine.cpuTicks(Path.of("/proc/" + process.pid() + "/stat")) - cpu0;
            long wall = System.nanoTime() - t0;
            BenchMachine.CpuSnapshot m1 = BenchMachine.CpuSnapshot.take();
            double share = cpu * 1e7 / wall;
            long movies;
            try (var files = Files.list(out)) {
                movies = files.count();
            }
            // Motion is another process: "others" here is everything but Motion (the RTSP server, this JVM)
            double machineBusy = m1.busyShare(m0);
            return new Side(share, machineBusy, Math.max(0, machineBusy - share / BenchMachine.cores()),
                    movies + " movies, " + movieFrames(out) + " frames written");
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Side watchroom(Path work, String url, boolean detect) throws Exception {
        Path data = Files.createDirectories(work.resolve(detect ? "watchroom" : "watchroom-no-detect"));
        try (Database db = Database.open(data);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(), detect
                     ? DetectionService.forModels(TestModels.yolox(), TestModels.yunet())
                     : DetectionService.off("peer benchmark"))) {
            People.enrolAdmin(db);
            for (int i = 1; i <= cameras; i++) {
                engine.store().add(Camera.create("cam" + i, url, null, null), People.ADMIN);
            }
            engine.start(false);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!engine.cameras().stream().allMatch(c -> c.display().state() instanceof CameraState.Live)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cameras not live after 60 s");
                }
                Thread.sleep(100);
            }
            Thread.sleep((long) (settle * 1000));
            long runs0 = runs(engine.cameras());
            long frames0 = engine.cameras().stream().mapToLong(c -> c.display().stats().framesDecoded()).sum();
            long cpu0 = BenchMachine.processCpuNanos();
            BenchMachine.CpuSnapshot m0 = BenchMachine.CpuSnapshot.take();
            long t0 = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            long cpu = BenchMachine.processCpuNanos() - cpu0;
            long wall = System.nanoTime() - t0;
            BenchMachine.CpuSnapshot m1 = BenchMachine.CpuSnapshot.take();
            double s = wall / 1e9;
            double passes = (runs(engine.cameras()) - runs0) / s / cameras;
            double fps = (engine.cameras().stream().mapToLong(c -> c.display().stats().framesDecoded()).sum()
                    - frames0) / s / cameras;
            return new Side((double) cpu / wall, m1.busyShare(m0), m1.othersShare(m0), String.format(Locale.ROOT,
                    "%.1f fps decoded, %.1f passes/s per camera", fps, passes));
        }
    }

    private static long runs(List<LiveCamera> cameras) {
        return cameras.stream().mapToLong(c -> c.detectStats().map(DetectStats::runs).orElse(0L)).sum();
    }

    /** Video frames in Motion's movies, counted by demuxing them (JavaCV's FFmpeg). */
    private static long movieFrames(Path out) throws IOException {
        long frames = 0;
        try (var files = Files.list(out)) {
            for (Path movie : (Iterable<Path>) files::iterator) {
                try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(movie.toFile())) {
                    grabber.start();
                    while (grabber.grabPacket() != null) {
                        frames++;
                    }
                } catch (FFmpegFrameGrabber.Exception e) {
                    throw new IOException("cannot read " + movie, e);
                }
            }
        }
        return frames;
    }
}
