package org.watchroom.core.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.watchroom.core.testing.TestModels;

/**
 * Whether batching several cameras' frames into one ONNX Runtime run pays on this CPU (issue 19): raw ORT, one
 * intra-op thread as the detect workers use, the face model's dynamic export (the only default-family model whose
 * export has a free batch dimension; YOLOX-nano's is fixed at 1) at 640x384 (a 640x360 frame rounded up to
 * multiples of 32). Times {@code --batch} runs of one frame against one run of {@code --batch} frames, alternating,
 * and prints ms per frame and the ratio.
 *
 * <p>Not a test: {@code ./mvnw -B -pl core -Pbench process-test-classes
 * -Dbench.main=org.watchroom.core.bench.BatchBenchmark -Dbench.args="--batch 4 --rounds 40"}; {@code --size 640x640} for the fixed export's size, {@code --fixed true --batch 1 --size 640x640} for the
 * fixed export itself.
 */
public final class BatchBenchmark {
    private static int width = 640;
    private static int height = 384;

    private BatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] a = BenchMachine.splitArgs(args);
        int batch = 4;
        int rounds = 40;
        boolean fixed = false;
        for (int i = 0; i + 1 < a.length; i += 2) {
            switch (a[i]) {
                case "--batch" -> batch = Integer.parseInt(a[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(a[i + 1]);
                case "--fixed" -> fixed = Boolean.parseBoolean(a[i + 1]);
                case "--size" -> {
                    String[] size = a[i + 1].split("x");
                    width = Integer.parseInt(size[0]);
                    height = Integer.parseInt(size[1]);
                }
                case "--work" -> { } // the profile's; nothing is written
                default -> throw new IllegalArgumentException("unknown argument " + a[i]);
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(
                    (fixed ? TestModels.yunet() : TestModels.yunetDynamic()).file().toString(), options)) {
                String input = session.getInputNames().iterator().next();
                Random random = new Random(19);
                float[] pixels = new float[batch * 3 * width * height];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = random.nextInt(256);
                }
                int frame = 3 * width * height;
                List<Long> single = new ArrayList<>();
                List<Long> batched = new ArrayList<>();
                System.out.println("== ORT batching, YuNet " + (fixed ? "fixed " : "dynamic ") + width + "x" + height + ", 1 intra-op thread ==");
                System.out.printf("cpu: %s, %d cores; load average before: %s%n", BenchMachine.cpuModel(),
                        BenchMachine.cores(), BenchMachine.loadAverage());
                for (int r = -3; r < rounds; r++) { // three rounds of warm-up
                    long t0 = BenchMachine.processCpuNanos();
                    for (int b = 0; b < batch; b++) {
                        run(env, session, input, FloatBuffer.wrap(pixels, b * frame, frame).slice(), 1);
                    }
                    long t1 = BenchMachine.processCpuNanos();
                    run(env, session, input, FloatBuffer.wrap(pixels), batch);
                    long t2 = BenchMachine.processCpuNanos();
                    if (r >= 0) {
                        single.add(t1 - t0);
                        batched.add(t2 - t1);
                    }
                }
                double one = median(single) / 1e6 / batch;
                double many = median(batched) / 1e6 / batch;
                System.out.printf(Locale.ROOT, "CPU ms per frame (median of %d rounds): one frame a run %.2f, %d frames a"
                        + " run %.2f; ratio batched / single %.2f%n", rounds, one, batch, many, many / one);
            }
        }
        System.exit(0);
    }

    private static void run(OrtEnvironment env, OrtSession session, String input, FloatBuffer pixels, int n)
            throws Exception {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, pixels, new long[] {n, 3, height, width});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            if (result.size() == 0) {
                throw new IllegalStateException("no outputs");
            }
        }
    }

    private static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
