package org.watchroom.app.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javax.imageio.ImageIO;
import org.watchroom.app.Workstation;
import org.watchroom.core.bench.BenchMachine;
import org.watchroom.core.bench.BenchTable;
import org.watchroom.core.bench.ClockCode;
import org.watchroom.core.bench.ScreenGrab;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.RtspTestServer;

/**
 * Glass-to-glass latency on loopback, the same way for Watchroom's wall tile and for peer players: the test RTSP
 * server's {@code /clock} mount (GStreamer, x264 zerolatency, 640x360 at 30 fps, RTSP over TCP) draws on every frame
 * the wall-clock time at which it entered the encoder, as a code of black and white cells in a magenta border
 * ({@link ClockCode}). Each player shows the stream on an X display (Xvfb); {@code ffmpeg -f x11grab} grabs the
 * picture's box {@code --grab-fps} times a second; for each new code seen, latency = arrival of the grab - the
 * code's time. It includes encoding, RTSP, the player's buffering, decoding, painting and the grab itself; the
 * <em>reference</em> row (a window that paints the current time's code on every JavaFX pulse, no video at all)
 * shows what the display and the grab alone add.
 *
 * <p>Subjects, one after another: {@code reference}, {@code watchroom} (the workstation in this process, one camera
 * on the wall, signed in), {@code ffplay} ({@code -fflags nobuffer -flags low_delay -framedrop}), {@code ffplay-fast}
 * (also {@code -probesize 32 -analyzeduration 0 -sync ext}: no probing backlog, no pacing), {@code playbin}
 * (GStreamer's {@code gst-launch-1.0 playbin}, defaults), {@code mpv} ({@code --profile=low-latency}),
 * {@code vlc} (defaults) and {@code vlc-200} ({@code --network-caching=200}); a subject whose program is not
 * installed, or that never shows the stream, gets a row saying so.
 *
 * <p>Not a test; run it on an X display with {@code xvfb-run -s "-screen 0 1920x1080x24 -ac" ./mvnw -B -pl core,app
 * -Pbench-ui process-test-classes -Dbench.main=org.watchroom.app.bench.GlassToGlassBenchmark}. Arguments:
 * {@code --seconds S} (measured, default 30), {@code --settle S} (after the picture appears, default 5),
 * {@code --grab-fps N} (default 100), {@code --subjects a,b,...}, {@code --work DIR}, {@code --screen WxH} (default
 * 1920x1080).
 */
public final class GlassToGlassBenchmark {
    private static final List<String> ALL = List.of("reference", "watchroom", "ffplay", "ffplay-fast", "playbin", "mpv",
            "vlc", "vlc-200");
    private static final String INSTALL = "apt-get install -y xvfb ffmpeg gstreamer1.0-tools gstreamer1.0-plugins-good"
            + " gstreamer1.0-plugins-bad gstreamer1.0-libav mpv vlc";
    private static final long APPEAR_TIMEOUT_NANOS = 40_000_000_000L;

    private double seconds = 30;
    private double settle = 5;
    private int grabFps = 100;
    private List<String> subjects = ALL;
    private Path work;
    private int screenWidth = 1920;
    private int screenHeight = 1080;
    private String display;

    public static void main(String[] args) throws Exception {
        int exit = 1;
        try {
            GlassToGlassBenchmark benchmark = new GlassToGlassBenchmark();
            benchmark.parse(BenchMachine.splitArgs(args));
            exit = benchmark.run();
        } finally {
            System.exit(exit); // also after a failure: JavaFX's thread and the engine's pools would keep the JVM alive
        }
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--settle" -> settle = Double.parseDouble(value);
                case "--grab-fps" -> grabFps = Integer.parseInt(value);
                case "--subjects" -> subjects = Arrays.asList(value.split(","));
                case "--work" -> work = Path.of(value);
                case "--screen" -> {
                    String[] size = value.split("x");
                    screenWidth = Integer.parseInt(size[0]);
                    screenHeight = Integer.parseInt(size[1]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        for (String subject : subjects) {
            if (!ALL.contains(subject)) {
                throw new IllegalArgumentException("unknown subject " + subject + "; known: " + ALL);
            }
        }
    }

    private int run() throws Exception {
        display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            System.err.println("No X display. Run it under Xvfb: xvfb-run -s \"-screen 0 1920x1080x24 -ac\" ./mvnw -B"
                    + " -pl core,app -Pbench-ui process-test-classes -Dbench.main=" + GlassToGlassBenchmark.class.getName());
            return 2;
        }
        if (!Files.isExecutable(Path.of(ScreenGrab.FFMPEG))) {
            System.err.println(ScreenGrab.FFMPEG + " is missing (the screen grabber). Install: " + INSTALL);
            return 2;
        }
        String problem = ScreenGrab.probe(display);
        if (!problem.isEmpty()) {
            System.err.println("Cannot grab display " + display + ": " + problem);
            return 2;
        }
        work = work == null ? Files.createTempDirectory("watchroom-g2g") : work;
        Files.createDirectories(work);
        System.out.println("== Watchroom glass-to-glass latency benchmark ==");
        System.out.printf("cpu: %s, %d cores; load average before: %s; java %s; display %s %dx%d%n",
                BenchMachine.cpuModel(), BenchMachine.cores(), BenchMachine.loadAverage(),
                System.getProperty("java.runtime.version"), display, screenWidth, screenHeight);
        System.out.printf("stream: 640x360 30 fps H.264 (x264 zerolatency, GOP 1 s) over RTSP/TCP on loopback; grab %d"
                + " fps; %.0f s measured after %.0f s%n", grabFps, seconds, settle);
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        List<String[]> rows = new ArrayList<>();
        try (RtspTestServer server = RtspTestServer.start()) {
            String url = server.url("/clock");
            for (String subject : subjects) {
                rows.add(measure(subject, url));
            }
        }
        System.out.println();
        BenchTable.print(new String[] {"subject", "latency ms p50 / p95 / max", "new pictures/s", "samples",
                "unreadable grabs", "CPU % of a core"}, rows);
        System.out.println("latency: arrival of a screen grab - the time the grabbed frame entered the encoder, once"
                + " per new code; new pictures/s: distinct codes seen (the stream has 30); CPU: the player's process"
                + " (Watchroom: this JVM less the grab's reader thread), during the measured window.");
        return 0;
    }

    private String[] measure(String subject, String url) throws Exception {
        Path log = work.resolve(subject + ".log");
        Subject running;
        try {
            running = start(subject, url, log);
        } catch (IOException | RuntimeException e) {
            System.out.printf("%s: could not start: %s (the peers: %s)%n", subject, e.getMessage(), INSTALL);
            return new String[] {subject, "not run (see above)", "-", "-", "-", "-"};
        }
        try (Subject closing = running) {
            Optional<ClockCode.Region> box = awaitPicture(subject, closing);
            if (box.isEmpty()) {
                String tail = tail(log);
                System.out.printf("%s: no picture (%s); its output ends: %s%n", subject,
                        closing.alive() ? "none within " + APPEAR_TIMEOUT_NANOS / 1_000_000_000L + " s" : "it exited", tail);
                return new String[] {subject, "no picture (" + log.getFileName() + ")", "-", "-", "-", "-"};
            }
            Thread.sleep((long) (settle * 1000));
            Optional<ClockCode.Region> settled = awaitPicture(subject, closing); // laid out by now
            if (settled.isEmpty()) {
                System.out.printf("%s: the picture went away while settling; its output ends: %s%n", subject, tail(log));
                return new String[] {subject, "picture lost (" + log.getFileName() + ")", "-", "-", "-", "-"};
            }
            ClockCode.Region region = settled.get().even();
            System.out.printf("%s: picture at %d,%d %dx%d%n", subject, region.x(), region.y(), region.width(), region.height());
            Samples samples = new Samples(region);
            long cpu0 = closing.cpuNanos();
            long t0 = System.nanoTime();
            long grabCpu;
            try (ScreenGrab grab = ScreenGrab.start(display, region, grabFps, samples::frame)) {
                Thread.sleep((long) (seconds * 1000));
                grabCpu = closing.inProcess() ? grab.readerCpuNanos() : 0;
            }
            long t1 = System.nanoTime();
            long cpu = closing.cpuNanos() - cpu0 - grabCpu;
            long[] ages = samples.ages();
            double s = (t1 - t0) / 1e9;
            return new String[] {
                    subject,
                    ages.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f / %.0f / %d",
                            BenchTable.percentile(ages, 0.5), BenchTable.percentile(ages, 0.95), ages[ages.length - 1]),
                    String.format(Locale.ROOT, "%.1f", ages.length / s),
                    Integer.toString(ages.length),
                    String.format(Locale.ROOT, "%d of %d", samples.unreadable, samples.grabs),
                    String.format(Locale.ROOT, "%.0f", 100.0 * cpu / (t1 - t0))};
        }
    }

    /** Waits for the code on screen (a whole-screen grab every 0.3 s) and returns its box; saves the screen. */
    private Optional<ClockCode.Region> awaitPicture(String subject, Subject running) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + APPEAR_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline && running.alive()) {
            byte[] screen = ScreenGrab.screen(display, screenWidth, screenHeight);
            Optional<ClockCode.Region> box = ClockCode.locate(screen, screenWidth, screenHeight);
            if (box.isPresent() && ClockCode.read(ClockCode.crop(screen, screenWidth, box.get()), box.get().width(),
                    box.get().height()) >= 0) {
                save(screen, work.resolve(subject + ".png"));
                return box;
            }
            Thread.sleep(300);
        }
        return Optional.empty();
    }

    private Subject start(String subject, String url, Path log) throws Exception {
        return switch (subject) {
            case "reference" -> Reference.open();
            case "watchroom" -> WatchroomTile.open(work, url);
            case "ffplay" -> Player.start(log, List.of("ffplay", "-hide_banner", "-loglevel", "warning", "-fflags",
                    "nobuffer", "-flags", "low_delay", "-framedrop", "-rtsp_transport", "tcp", "-an", "-noborder",
                    "-left", "0", "-top", "0", url), false);
            case "ffplay-fast" -> Player.start(log, List.of("ffplay", "-hide_banner", "-loglevel", "warning", "-fflags",
                    "nobuffer", "-flags", "low_delay", "-framedrop", "-probesize", "32", "-analyzeduration", "0",
                    "-sync", "ext", "-rtsp_transport", "tcp", "-an", "-noborder", "-left", "0", "-top", "0", url), false);
            case "playbin" -> Player.start(log, List.of("gst-launch-1.0", "playbin",
                    "uri=" + url.replaceFirst("^rtsp:", "rtspt:")), false); // rtspt: RTSP over TCP like the others
            case "mpv" -> Player.start(log, List.of("mpv", "--no-config", "--profile=low-latency", "--no-audio",
                    "--rtsp-transport=tcp", "--geometry=+0+0", "--no-border", "--vo=x11", url), false);
            case "vlc" -> Player.start(log, List.of("cvlc", "--no-audio", "--no-video-title-show", url), true);
            case "vlc-200" -> Player.start(log, List.of("cvlc", "--no-audio", "--no-video-title-show",
                    "--network-caching=200", url), true);
            default -> throw new IllegalArgumentException(subject);
        };
    }


    private void save(byte[] rgb, Path file) throws IOException {
        BufferedImage image = new BufferedImage(screenWidth, screenHeight, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < screenHeight; y++) {
            for (int x = 0; x < screenWidth; x++) {
                int i = (y * screenWidth + x) * 3;
                image.setRGB(x, y, (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF));
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 2), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    /**
     * What the grab saw. Thread-safety: {@link #frame} on the grab's reader thread; the rest read after the grab
     * is closed (its thread joined).
     */
    private static final class Samples {
        private final int width;
        private final int height;
        private long[] ages = new long[4096];
        private int count;
        private long last = -1;
        private long grabs;
        private long unreadable;

        Samples(ClockCode.Region region) {
            this.width = region.width();
            this.height = region.height();
        }

        void frame(byte[] rgb, long wallMillis) {
            grabs++;
            long code = ClockCode.read(rgb, width, height);
            if (code < 0) {
                unreadable++;
                return;
            }
            if (code != last) {
                last = code;
                if (count == ages.length) {
                    ages = Arrays.copyOf(ages, count * 2);
                }
                ages[count++] = ClockCode.ageMillis(code, wallMillis);
            }
        }

        long[] ages() {
            long[] sorted = Arrays.copyOf(ages, count);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /** A running subject; by default one in this JVM. */
    private interface Subject extends AutoCloseable {
        /** CPU time the subject has used so far. */
        default long cpuNanos() { return BenchMachine.processCpuNanos(); }

        /** Whether it runs in this JVM (its CPU is the process's, less the grab's reader). */
        default boolean inProcess() { return true; }

        /** Whether it still runs (a player that gave up has exited). */
        default boolean alive() { return true; }

        @Override
        void close();
    }

    /** A peer player in its own process (as user nobody for VLC, which refuses to run as root). */
    private record Player(Process process) implements Subject {
        static Player start(Path log, List<String> command, boolean refusesRoot) throws IOException {
            List<String> full = new ArrayList<>();
            boolean root = "root".equals(System.getProperty("user.name"));
            if (refusesRoot && root) {
                full.addAll(List.of("runuser", "-u", "nobody", "--"));
            }
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
            Path home = Files.createDirectories(log.getParent().resolve("home"));
            home.toFile().setWritable(true, false);
            builder.environment().put("HOME", home.toString()); // VLC and mpv want a writable home, nobody has none
            builder.environment().put("XDG_RUNTIME_DIR", home.toString());
            return new Player(builder.start());
        }

        @Override
        public long cpuNanos() {
            long ticks = 0;
            for (ProcessHandle p : Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList()) {
                try {
                    ticks += BenchMachine.cpuTicks(Path.of("/proc", Long.toString(p.pid()), "stat"));
                } catch (IOException | RuntimeException gone) {
                    // exited meanwhile
                }
            }
            return ticks * 10_000_000L;
        }

        @Override
        public boolean inProcess() { return false; }

        @Override
        public boolean alive() { return process.isAlive(); }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Watchroom's workstation in this JVM, signed in, its wall showing the one camera. */
    private record WatchroomTile(Workstation workstation, Stage stage) implements Subject {
        static WatchroomTile open(Path work, String url) throws Exception {
            Path dataDir = Files.createTempDirectory(work, "data-");
            try (Database db = Database.open(dataDir)) {
                People.enrolAdmin(db);
                new CameraStore(db).add(Camera.create("Clock", url, null, null), People.ADMIN);
            }
            WatchroomTile tile = FxCalls.call(() -> {
                Workstation workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
                Stage stage = new Stage();
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(1280);
                stage.setHeight(800);
                workstation.show(stage);
                return new WatchroomTile(workstation, stage);
            });
            try {
                FxCalls.signIn(tile.workstation);
            } catch (RuntimeException | InterruptedException e) {
                tile.close(); // its camera would stay connected to the stream and load the next subjects
                throw e;
            }
            return tile;
        }

        @Override
        public void close() {
            FxCalls.call(() -> {
                stage.close();
                workstation.close();
                return null;
            });
        }
    }

    /** A bare window that paints the current time's code on every pulse: the display and grab alone. */
    private record Reference(Stage stage, AnimationTimer timer) implements Subject {
        static Reference open() {
            return FxCalls.call(() -> {
                Canvas canvas = new Canvas(ClockCode.WIDTH, ClockCode.HEIGHT);
                GraphicsContext g = canvas.getGraphicsContext2D();
                AnimationTimer timer = new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        long word = ClockCode.word(System.currentTimeMillis());
                        g.setFill(Color.MAGENTA);
                        g.fillRect(0, 0, ClockCode.WIDTH, ClockCode.HEIGHT);
                        g.setFill(Color.BLACK);
                        g.fillRect(ClockCode.BORDER, ClockCode.BORDER, ClockCode.WIDTH - 2 * ClockCode.BORDER,
                                ClockCode.HEIGHT - 2 * ClockCode.BORDER);
                        g.setFill(Color.WHITE);
                        for (int row = 0; row < ClockCode.ROWS; row++) {
                            for (int col = 0; col < ClockCode.COLS; col++) {
                                if (ClockCode.cellOn(word, row, col)) {
                                    g.fillRect(ClockCode.BORDER + col * ClockCode.CELL_WIDTH,
                                            ClockCode.BORDER + row * ClockCode.CELL_HEIGHT, ClockCode.CELL_WIDTH,
                                            ClockCode.CELL_HEIGHT);
                                }
                            }
                        }
                    }
                };
                Stage stage = new Stage(StageStyle.UNDECORATED);
                stage.setX(0);
                stage.setY(0);
                stage.setScene(new Scene(new StackPane(canvas), ClockCode.WIDTH, ClockCode.HEIGHT));
                stage.show();
                timer.start();
                return new Reference(stage, timer);
            });
        }

        @Override
        public void close() {
            FxCalls.call(() -> {
                timer.stop();
                stage.close();
                return null;
            });
        }
    }
}
