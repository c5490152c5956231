package org.watchroom.core.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.global.opencv_core;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectConfig;
import org.watchroom.core.detect.DetectLoop;
import org.watchroom.core.detect.DetectScheduler;
import org.watchroom.core.detect.DetectStats;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.detect.Detector;
import org.watchroom.core.detect.DetectorModel;
import org.watchroom.core.detect.InferenceEnvironment;
import org.watchroom.core.detect.internal.ModelAdapter;
import org.watchroom.core.detect.internal.ModelLayout;
import org.watchroom.core.detect.internal.ModelSignature;
import org.watchroom.core.detect.internal.Preprocessor;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;

/**
 * Detection cost on the CPU, in two parts.
 *
 * <p><b>1. Pipeline vs raw ONNX Runtime</b>, for YOLOX-nano and YuNet (640x640) on vtest.avi frames: the raw
 * cost is {@code OrtSession.run} on a plain session (same session options as the detector: 1 intra-op thread)
 * fed one prepared input tensor; the pipeline cost is a real frame put into a {@link FrameRing}, then
 * {@code acquireNewest} + {@link Detector#detect(FrameSlot)} (preprocess + run + decode + NMS) + release.
 * Rounds interleave the variants so that background load hits all of them; ratio = pipeline / raw.
 *
 * <p><b>2. N cameras</b>: N {@link CameraSource}s looping vtest.avi at its native 10 fps, each with a
 * {@link DetectLoop} on one {@link DetectScheduler} (YOLOX-nano + YuNet, default {@link DetectConfig}: 5 passes/s, faces in the whole frame),
 * for a fixed window per N: passes/s, detections/s, skipped ticks, decode fps, CPU use, latency.
 *
 * <p>Not a test: run it with {@code ./mvnw -B -pl core -Pbench process-test-classes
 * -Dbench.main=org.watchroom.core.bench.DetectBenchmark} (see docs/performance.md). Arguments:
 * {@code --rounds N} (interleaved rounds per model, default 10), {@code --per-round N} (timed calls per
 * variant and round, default 20), {@code --warmup N} (untimed calls per variant first, default 30),
 * {@code --frames A-B} (vtest.avi frames, default 50-150), {@code --counts 1,4,8}, {@code --seconds S}
 * (measured window per N, default 20), {@code --settle S} (before the window, default 5), {@code --config JSON}
 * (detect settings for part 2, default {@code {}} = the defaults), {@code --opencv-threads N} (OpenCV's thread
 * pool size; default: OpenCV's own choice, one per core), {@code --skip-ratio}, {@code --skip-cameras},
 * {@code --quiet-wait S} / {@code --quiet-budget S} (as in {@link DecodeBenchmark}; default 10 / 60).
 */
public final class DetectBenchmark {
    private static final double GOAL = 1.10;

    private int rounds = 10;
    private int perRound = 20;
    private int warmup = 30;
    private int firstFrame = 50;
    private int lastFrame = 150;
    private int[] counts = {1, 4, 8};
    private double seconds = 20;
    private double settle = 5;
    private String config = "{}";
    private boolean ratio = true;
    private boolean cameras = true;
    private int opencvThreads = -1;
    private double quietWaitSeconds = 10;
    private double quietBudgetSeconds = 60;
    private BenchMachine machine;

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        DetectBenchmark bench = new DetectBenchmark();
        bench.parse(BenchMachine.splitArgs(args));
        bench.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "" -> { } // an empty -Dbench.args from the Maven profile
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--per-round" -> perRound = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--frames" -> {
                    String[] range = args[++i].split("-");
                    firstFrame = Integer.parseInt(range[0]);
                    lastFrame = Integer.parseInt(range[1]);
                }
                case "--counts" -> counts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--settle" -> settle = Double.parseDouble(args[++i]);
                case "--config" -> config = args[++i];
                case "--skip-ratio" -> ratio = false;
                case "--skip-cameras" -> cameras = false;
                case "--opencv-threads" -> opencvThreads = Integer.parseInt(args[++i]);
                case "--quiet-wait" -> quietWaitSeconds = Double.parseDouble(args[++i]);
                case "--quiet-budget" -> quietBudgetSeconds = Double.parseDouble(args[++i]);
                case "--work" -> i++; // the bench profile passes it to every benchmark; nothing to make here
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        machine = new BenchMachine(quietWaitSeconds, quietBudgetSeconds);
        if (opencvThreads > 0) {
            opencv_core.setNumThreads(opencvThreads);
        }
        Path avi = TestMedia.file("vtest.avi");
        List<DetectorModel> models = List.of(TestModels.yolox(), TestModels.yunet());
        try (InferenceEnvironment environment = InferenceEnvironment.create(1, false)) {
            System.out.println("== Watchroom detection benchmark ==");
            System.out.printf("cpu: %s, %d cores visible to the JVM; load average: %s%n", BenchMachine.cpuModel(),
                    BenchMachine.cores(), BenchMachine.loadAverage());
            System.out.printf("java: %s %s; ONNX Runtime %s, provider %s, %d intra-op thread(s); OpenCV %s, %d thread(s)%n",
                    System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                    OrtEnvironment.getEnvironment().getVersion(), environment.provider(), environment.intraOpThreads(),
                    opencv_core.CV_VERSION(), opencv_core.getNumThreads());
            if (ratio) {
                List<Bgra> frames = readFrames(avi, firstFrame, lastFrame);
                System.out.printf("%n== 1. Pipeline (frame in ring -> detections) vs raw session.run, %s frames %d-%d"
                        + " (%dx%d BGRA), %d rounds x %d calls per variant, interleaved ==%n", avi.getFileName(),
                        firstFrame, lastFrame, frames.getFirst().width(), frames.getFirst().height(), rounds, perRound);
                List<String[]> rows = new ArrayList<>();
                List<String[]> parts = new ArrayList<>();
                for (DetectorModel model : models) {
                    compare(environment, model, frames, rows, parts);
                }
                System.out.println();
                BenchTable.print(new String[] {"model", "input", "raw run ms med / p95", "pinned run ms med / p95",
                        "pipeline ms med / p95", "ratio wall (med of rounds)", "ratio CPU", "others' CPU med / max"}, rows);
                System.out.printf("ratio = pipeline / raw session.run; goal <= %.2f. ratio wall: median over rounds of"
                        + " (pipeline median / raw median) in the same round; ratio CPU: pipeline / raw in this"
                        + " process's CPU time per call, all threads (hardly disturbed by other processes).%n", GOAL);
                System.out.println();
                BenchTable.print(new String[] {"model", "preprocess ms med", "session.run ms med (in pipeline)",
                        "decode + NMS ms med", "rest ms med", "detections/frame"}, parts);
                System.out.println("rest = pipeline wall - the three parts: ring acquire/release, timing, wrapper code.");
            }
            if (cameras) {
                DetectConfig detectConfig = DetectConfig.parse(config);
                System.out.printf("%n== 2. N cameras: CameraSource looping %s (paced, native rate) + DetectLoop"
                        + " (YOLOX-nano + YuNet, %s), %.0f s window after %.0f s settling ==%n", avi.getFileName(),
                        detectConfig.toJson(), seconds, settle);
                List<String[]> rows = new ArrayList<>();
                for (int n : counts) {
                    rows.add(cameras(environment, avi, n, detectConfig));
                }
                System.out.println();
                BenchTable.print(new String[] {"N", "passes/s (asked)", "detections/s obj / face", "skipped busy/s",
                        "skipped no motion/s", "decode fps", "inference ms p50", "latency ms p50 / p95",
                        "process CPU", "CPU ms/pass", "others' CPU"}, rows);
                System.out.printf("passes/s asked = N x %.0f; latency = frame captured -> result in the sink;"
                        + " inference = both models of a pass (DetectStats, mean over cameras); process CPU = this"
                        + " JVM's CPU time / wall / %d cores; CPU ms/pass = this JVM's CPU time (decoding included)"
                        + " / passes; others' CPU = every other process and steal.%n",
                        detectConfig.fps(), BenchMachine.cores());
            }
        }
        System.out.printf("%nbenchmark took %.0f s, of which %.0f s waiting for other processes to go idle;"
                + " %d measured steps started on a busy machine (gave up waiting)%n",
                (System.nanoTime() - started) / 1e9, machine.quietWaited(), machine.unquietStarts());
    }

    // ---- part 1 ---------------------------------------------------------------------------------------

    /** One timed block of calls: wall time of each call, and the process's CPU time during the calls, summed. */
    record Block(long[] wallNanos, long cpuNanos) {
        double medianMs() { return BenchTable.percentile(wallNanos, 0.5) / 1e6; }
    }

    private void compare(InferenceEnvironment environment, DetectorModel spec, List<Bgra> frames, List<String[]> rows,
            List<String[]> parts) throws Exception {
        String name = spec.file().getFileName().toString();
        OrtEnvironment ort = OrtEnvironment.getEnvironment();
        try (Detector detector = environment.open(spec);
             SessionOptions options = sessionOptions();
             OrtSession session = ort.createSession(spec.file().toString(), options);
             Raw raw = new Raw(ort, session, spec, frames.get(frames.size() / 2))) {
            FrameRing ring = new FrameRing(4, frames.getFirst().width(), frames.getFirst().height());
            Pipeline pipeline = new Pipeline(detector, ring, frames);
            System.out.printf("%s (%dx%d): warm-up", name, detector.inputSize().width(), detector.inputSize().height());
            for (int i = 0; i < warmup; i++) {
                raw.run();
                raw.runPinned();
                pipeline.publishNext();
                pipeline.run();
            }
            pipeline.resetParts();
            List<Block> rawBlocks = new ArrayList<>();
            List<Block> pinnedBlocks = new ArrayList<>();
            List<Block> pipeBlocks = new ArrayList<>();
            machine.clearOthers();
            for (int round = 0; round < rounds; round++) {
                // interleaved, rotating order, so that a burst of background load hits every variant
                for (int k = 0; k < 3; k++) {
                    switch ((round + k) % 3) {
                        case 0 -> rawBlocks.add(machine.measured(() -> block(() -> { }, raw::run)));
                        case 1 -> pinnedBlocks.add(machine.measured(() -> block(() -> { }, raw::runPinned)));
                        default -> pipeBlocks.add(machine.measured(() -> block(pipeline::publishNext, pipeline::run)));
                    }
                }
                System.out.print(".");
            }
            double[] others = machine.othersDuringRuns().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long[] rawAll = all(rawBlocks);
            long[] pinnedAll = all(pinnedBlocks);
            long[] pipeAll = all(pipeBlocks);
            double[] roundRatios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                roundRatios[r] = pipeBlocks.get(r).medianMs() / rawBlocks.get(r).medianMs();
            }
            double cpuRatio = cpuPerCall(pipeBlocks) / cpuPerCall(rawBlocks);
            System.out.printf(" raw %.2f ms, pinned %.2f ms, pipeline %.2f ms (medians); ratio per round %s;"
                    + " CPU ms/call raw %.2f pipeline %.2f%n", BenchTable.percentile(rawAll, 0.5) / 1e6,
                    BenchTable.percentile(pinnedAll, 0.5) / 1e6, BenchTable.percentile(pipeAll, 0.5) / 1e6, list(roundRatios),
                    cpuPerCall(rawBlocks), cpuPerCall(pipeBlocks));
            rows.add(new String[] {
                    name,
                    detector.inputSize().width() + "x" + detector.inputSize().height(),
                    ms(rawAll),
                    ms(pinnedAll),
                    ms(pipeAll),
                    String.format(Locale.ROOT, "%.3f (%.3f)", BenchTable.percentile(pipeAll, 0.5) / BenchTable.percentile(rawAll, 0.5),
                            median(roundRatios)),
                    String.format(Locale.ROOT, "%.3f", cpuRatio),
                    percent(others[others.length / 2]) + " / " + percent(others[others.length - 1])});
            double pre = BenchTable.percentile(pipeline.preprocess(), 0.5) / 1e6;
            double inf = BenchTable.percentile(pipeline.inference(), 0.5) / 1e6;
            double dec = BenchTable.percentile(pipeline.decode(), 0.5) / 1e6;
            parts.add(new String[] {
                    name,
                    String.format(Locale.ROOT, "%.2f", pre),
                    String.format(Locale.ROOT, "%.2f", inf),
                    String.format(Locale.ROOT, "%.2f", dec),
                    String.format(Locale.ROOT, "%.2f", BenchTable.percentile(pipeline.rest(), 0.5) / 1e6),
                    String.format(Locale.ROOT, "%.1f", pipeline.detectionsPerFrame())});
        }
    }

    /** The detector's session options (InferenceEnvironment.createSession), on the CPU. */
    private static SessionOptions sessionOptions() throws OrtException {
        SessionOptions options = new SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    /** A call to time. */
    interface Call {
        void run() throws Exception;
    }

    /** {@code perRound} timed calls, each after {@code prepare} (not timed). */
    private Block block(Runnable prepare, Call call) throws Exception {
        long[] wall = new long[perRound];
        long cpu = 0;
        for (int i = 0; i < perRound; i++) {
            prepare.run();
            long cpu0 = BenchMachine.processCpuNanos();
            long t0 = System.nanoTime();
            call.run();
            wall[i] = System.nanoTime() - t0;
            cpu += BenchMachine.processCpuNanos() - cpu0;
        }
        return new Block(wall, cpu);
    }

    /**
     * The baseline: a plain session of its own, one input tensor prepared once from a real frame (with the
     * detector's own preprocessing code, so the numbers are the same as the pipeline feeds), then
     * {@code session.run} as ONNX Runtime's Java API offers it — outputs allocated by ONNX Runtime and
     * freed when the result closes ({@link #run}) — or with outputs pinned to preallocated tensors as the
     * detector does ({@link #runPinned}).
     */
    private static final class Raw implements AutoCloseable {
        private final OrtSession session;
        private final OnnxTensor input;
        private final Map<String, OnnxTensor> inputs;
        private final Map<String, OnnxTensor> pinned = new LinkedHashMap<>();

        Raw(OrtEnvironment ort, OrtSession session, DetectorModel spec, Bgra frame) throws OrtException {
            this.session = session;
            String name = spec.file().getFileName().toString();
            ModelLayout layout = ModelAdapter.forId(spec.adapter()).bind(ModelSignature.of(name, session), spec.inputSize());
            long[] shape = {1, 3, layout.height(), layout.width()};
            FloatBuffer tensor = direct(ModelLayout.elements(shape));
            try (Preprocessor preprocessor = new Preprocessor(layout, tensor)) {
                preprocessor.run(frame.pixels(), frame.width(), frame.height(), frame.stride());
            }
            input = OnnxTensor.createTensor(ort, tensor, shape);
            inputs = Map.of(layout.inputName(), input);
            for (int i = 0; i < layout.outputNames().size(); i++) {
                long[] outShape = layout.outputShapes().get(i);
                pinned.put(layout.outputNames().get(i), OnnxTensor.createTensor(ort, direct(ModelLayout.elements(outShape)), outShape));
            }
        }

        void run() throws OrtException {
            try (OrtSession.Result _ = session.run(inputs)) {
                // ONNX Runtime allocated the outputs; the result wraps them (no copy) and frees them on close
            }
        }

        void runPinned() throws OrtException {
            session.run(inputs, pinned).close();
        }

        private static FloatBuffer direct(long elements) {
            return ByteBuffer.allocateDirect(Math.toIntExact(elements * Float.BYTES)).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
        }

        @Override
        public void close() {
            input.close();
            pinned.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * The pipeline: before each timed call the next vtest frame is written into the ring as a camera's decode
     * thread would (not timed); the timed part is acquire newest + detect + release.
     */
    private static final class Pipeline {
        private final Detector detector;
        private final FrameRing ring;
        private final FrameRing.Reader reader;
        private final List<Bgra> frames;
        private int next;
        private final List<Long> preprocess = new ArrayList<>();
        private final List<Long> inference = new ArrayList<>();
        private final List<Long> decode = new ArrayList<>();
        private final List<Long> rest = new ArrayList<>();
        private long detections;
        private long calls;

        Pipeline(Detector detector, FrameRing ring, List<Bgra> frames) {
            this.detector = detector;
            this.ring = ring;
            this.reader = ring.newReader("bench");
            this.frames = frames;
        }

        /** Untimed: the next frame into the ring, as the camera's decode thread would put it there. */
        void publishNext() {
            Bgra frame = frames.get(next++ % frames.size());
            ByteBuffer target = ring.beginWrite(frame.width(), frame.height());
            target.put(0, frame.pixels(), 0, frame.pixels().capacity());
            ring.publish(System.nanoTime());
        }

        /** Timed: frame in ring -> detections. */
        void run() {
            long t0 = System.nanoTime();
            FrameSlot slot = reader.acquireNewest();
            if (slot == null) {
                throw new IllegalStateException("no new frame in the ring");
            }
            List<Detection> found = detector.detect(slot);
            reader.release();
            long wall = System.nanoTime() - t0;
            preprocess.add(detector.lastPreprocessNanos());
            inference.add(detector.lastInferenceNanos());
            decode.add(detector.lastDecodeNanos());
            rest.add(wall - detector.lastPreprocessNanos() - detector.lastInferenceNanos() - detector.lastDecodeNanos());
            detections += found.size();
            calls++;
        }

        void resetParts() {
            preprocess.clear();
            inference.clear();
            decode.clear();
            rest.clear();
            detections = 0;
            calls = 0;
        }

        long[] preprocess() { return toArray(preprocess); }

        long[] inference() { return toArray(inference); }

        long[] decode() { return toArray(decode); }

        long[] rest() { return toArray(rest); }

        double detectionsPerFrame() { return calls == 0 ? 0 : (double) detections / calls; }
    }

    /** A decoded picture, BGRA, rows {@code stride} bytes apart, in a direct buffer of exactly stride x height. */
    record Bgra(ByteBuffer pixels, int width, int height, int stride) {
    }

    /** Frames {@code first..last} (0-based, inclusive) of a video, converted to BGRA by swscale as CameraSource does. */
    static List<Bgra> readFrames(Path file, int first, int last) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        List<Bgra> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGRA);
            grabber.start();
            for (int i = 0; i <= last; i++) {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    throw new IllegalStateException(file + " has only " + i + " frames");
                }
                if (i < first) {
                    continue;
                }
                int width = frame.imageWidth;
                int height = frame.imageHeight;
                int rowBytes = width * 4;
                int sourceStride = frame.imageStride; // bytes per row for an 8-bit packed picture
                if (frame.imageChannels != 4 || sourceStride < rowBytes) {
                    throw new IllegalStateException("not a BGRA picture: " + frame.imageChannels + " channels, stride "
                            + sourceStride + " for width " + width);
                }
                ByteBuffer source = (ByteBuffer) frame.image[0];
                ByteBuffer copy = ByteBuffer.allocateDirect(rowBytes * height).order(ByteOrder.nativeOrder());
                for (int y = 0; y < height; y++) {
                    copy.put(y * rowBytes, source, y * sourceStride, rowBytes);
                }
                frames.add(new Bgra(copy, width, height, rowBytes));
            }
        }
        return frames;
    }

    // ---- part 2 ---------------------------------------------------------------------------------------

    /** Counts what the detect loops hand to their sinks while the window is open. */
    private static final class Sink implements Consumer<DetectionResult> {
        private volatile boolean open;
        private final AtomicLong results = new AtomicLong();
        private final AtomicLong objects = new AtomicLong();
        private final AtomicLong faces = new AtomicLong();
        private final List<Long> latencyNanos = new ArrayList<>();

        @Override
        public void accept(DetectionResult result) {
            if (!open) {
                return;
            }
            long latency = Duration.between(result.capturedAt(), Instant.now()).toNanos();
            long faceCount = result.detections().stream().filter(d -> d.label().equals("face")).count();
            results.incrementAndGet();
            faces.addAndGet(faceCount);
            objects.addAndGet(result.detections().size() - faceCount);
            synchronized (latencyNanos) {
                latencyNanos.add(latency);
            }
        }

        long[] latencies() {
            synchronized (latencyNanos) {
                return toArray(latencyNanos);
            }
        }
    }

    private String[] cameras(InferenceEnvironment environment, Path avi, int n, DetectConfig detectConfig)
            throws Exception {
        machine.awaitQuiet();
        System.out.printf("N=%d:", n);
        CameraUrl url = CameraUrl.parse(avi + "?loop=1");
        List<CameraSource> sources = new ArrayList<>();
        List<DetectLoop> loops = new ArrayList<>();
        Sink sink = new Sink();
        DetectScheduler scheduler = new DetectScheduler(DetectScheduler.defaultWorkers());
        try {
            for (int i = 0; i < n; i++) {
                CameraSource source = new CameraSource("cam-" + i, url, SourceOptions.defaults());
                sources.add(source);
                source.start();
            }
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (!sources.stream().allMatch(s -> s.state() instanceof CameraState.Live)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cameras not live after 15 s: "
                            + sources.stream().map(s -> s.state().label()).toList());
                }
                Thread.sleep(50);
            }
            for (int i = 0; i < n; i++) {
                DetectLoop loop = new DetectLoop(scheduler, i, "cam-" + i, sources.get(i).ring(),
                        environment.open(TestModels.yolox()), environment.open(TestModels.yunet()), detectConfig, sink);
                loops.add(loop);
                loop.start();
            }
            Thread.sleep((long) (settle * 1000));
            long[] before = counters(loops, sources);
            long cpu0 = BenchMachine.processCpuNanos();
            BenchMachine.CpuSnapshot machine0 = BenchMachine.CpuSnapshot.take();
            long t0 = System.nanoTime();
            sink.open = true;
            Thread.sleep((long) (seconds * 1000));
            sink.open = false;
            long wall = System.nanoTime() - t0;
            double others = BenchMachine.CpuSnapshot.take().othersShare(machine0);
            long cpu = BenchMachine.processCpuNanos() - cpu0;
            long[] after = counters(loops, sources);
            double s = wall / 1e9;
            double passes = (after[0] - before[0]) / s;
            double inference = loops.stream().map(DetectLoop::stats).mapToDouble(DetectStats::inferenceMsP50).average()
                    .orElse(0);
            String errors = loops.stream().map(l -> l.stats().lastError()).filter(e -> e != null).findFirst().orElse(null);
            if (errors != null) {
                System.out.printf(" (a pass failed: %s)", errors);
            }
            long[] latencies = sink.latencies();
            System.out.printf(" %.1f passes/s, %d results in the window%n", passes, sink.results.get());
            return new String[] {
                    Integer.toString(n),
                    String.format(Locale.ROOT, "%.1f (%.0f)", passes, n * detectConfig.fps()),
                    String.format(Locale.ROOT, "%.1f / %.1f", sink.objects.get() / s, sink.faces.get() / s),
                    String.format(Locale.ROOT, "%.1f", (after[1] - before[1]) / s),
                    String.format(Locale.ROOT, "%.1f", (after[2] - before[2]) / s),
                    String.format(Locale.ROOT, "%.1f", (after[3] - before[3]) / s),
                    String.format(Locale.ROOT, "%.1f", inference),
                    latencies.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f / %.0f",
                            BenchTable.percentile(latencies, 0.5) / 1e6, BenchTable.percentile(latencies, 0.95) / 1e6),
                    percent((double) cpu / wall / BenchMachine.cores()),
                    String.format(Locale.ROOT, "%.1f", cpu / 1e6 / Math.max(1, after[0] - before[0])),
                    percent(others)};
        } finally {
            loops.forEach(DetectLoop::close);
            scheduler.close();
            sources.forEach(CameraSource::stop);
        }
    }

    /** Sums over all cameras: passes, skipped busy, skipped no motion, frames decoded. */
    private static long[] counters(List<DetectLoop> loops, List<CameraSource> sources) {
        long[] sums = new long[4];
        for (DetectLoop loop : loops) {
            DetectStats stats = loop.stats();
            sums[0] += stats.runs();
            sums[1] += stats.skippedBusy();
            sums[2] += stats.skippedNoMotion();
        }
        for (CameraSource source : sources) {
            sums[3] += source.stats().framesDecoded();
        }
        return sums;
    }

    // ---- statistics -----------------------------------------------------------------------------------

    private static long[] all(List<Block> blocks) {
        return blocks.stream().flatMapToLong(b -> Arrays.stream(b.wallNanos())).toArray();
    }

    private static double cpuPerCall(List<Block> blocks) {
        long cpu = blocks.stream().mapToLong(Block::cpuNanos).sum();
        long calls = blocks.stream().mapToLong(b -> b.wallNanos().length).sum();
        return cpu / 1e6 / calls;
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String ms(long[] nanos) {
        return String.format(Locale.ROOT, "%.2f / %.2f", BenchTable.percentile(nanos, 0.5) / 1e6, BenchTable.percentile(nanos, 0.95) / 1e6);
    }

    private static String list(double[] values) {
        return String.join(" ", Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
