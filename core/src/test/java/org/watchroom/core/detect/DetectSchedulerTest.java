package org.watchroom.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.watchroom.core.frame.FrameRing;

/**
 * The shared detect scheduler on real frame rings fed by a producer thread. The passes here run no model (the
 * loops have no detectors); their cost is a sink that takes a fixed time on the worker, as inference would, so
 * that the order and the fairness of the scheduling can be measured without ONNX Runtime.
 */
class DetectSchedulerTest {
    private static final int WIDTH = 64;
    private static final int HEIGHT = 36;
    private static final DetectConfig FIVE_PER_SECOND = DetectConfig.parse("{\"fps\": 5, \"force_every_s\": 10}");

    @Test
    void busyCamerasShareOneSaturatedWorkerFairlyAndAQuietCameraThatWakesUpGoesFirst() throws Exception {
        // 6 busy cameras x 5 passes/s x 40 ms = 1.2 s of work a second for one worker: always a queue
        try (DetectScheduler scheduler = new DetectScheduler(1); Producer producer = new Producer(7)) {
            Map<Long, AtomicLong> passes = new ConcurrentHashMap<>();
            List<long[]> quietResults = new CopyOnWriteArrayList<>(); // {frame sequence, delivered nanos}
            List<DetectLoop> loops = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                long id = i;
                passes.put(id, new AtomicLong());
                loops.add(new DetectLoop(scheduler, id, "cam-" + i, producer.rings.get(i), null, null, FIVE_PER_SECOND,
                        result -> {
                            passes.get(id).incrementAndGet();
                            if (id == 6) {
                                quietResults.add(new long[] {result.frameSequence(), System.nanoTime()});
                            }
                            busyWork(40);
                        }));
            }
            for (int i = 0; i < 6; i++) {
                producer.moving[i].set(true);
            }
            loops.forEach(DetectLoop::start);
            Thread.sleep(3500); // the quiet camera has been still long enough (3 s) for its motion to count as fresh
            long[] onset = producer.startMoving(6);
            Thread.sleep(1500);
            loops.forEach(DetectLoop::close);

            List<Long> busy = passes.entrySet().stream().filter(e -> e.getKey() < 6).map(e -> e.getValue().get()).toList();
            assertThat(busy.stream().mapToLong(Long::longValue).sum()).as("about 1 s / 40 ms a second for 5 s")
                    .isBetween(80L, 135L);
            long fewest = busy.stream().mapToLong(Long::longValue).min().orElseThrow();
            long most = busy.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(fewest).as("passes per busy camera: %s", busy).isGreaterThanOrEqualTo(most * 3 / 4);
            long[] first = quietResults.stream().filter(r -> r[0] >= onset[0]).findFirst().orElseThrow();
            // its gate check within a tick (200 ms), then its pass ahead of the six queued ones (after the one running)
            assertThat((first[1] - onset[1]) / 1_000_000).as("onset -> its pass, ahead of the busy cameras' queue")
                    .isLessThan(700);
            DetectStats stats = loops.get(0).stats();
            assertThat(stats.skippedBusy()).as("a saturated worker misses ticks, and says so").isPositive();
            assertThat(stats.waitMsP95()).isPositive();
        }
    }

    @Test
    void quietCamerasPeriodicPassesAreSpreadOverThePeriod() throws Exception {
        DetectConfig everySecond = DetectConfig.parse("{\"fps\": 5, \"force_every_s\": 1}");
        try (DetectScheduler scheduler = new DetectScheduler(2); Producer producer = new Producer(10)) {
            List<Long> passTimes = new CopyOnWriteArrayList<>();
            List<DetectLoop> loops = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                loops.add(new DetectLoop(scheduler, i, "still-" + i, producer.rings.get(i), null, null, everySecond,
                        result -> passTimes.add(System.nanoTime())));
            }
            loops.forEach(DetectLoop::start);
            Thread.sleep(500); // the first frame of each camera counts as motion: one pass each, all at once
            passTimes.clear();
            long t0 = System.nanoTime();
            Thread.sleep(3000);
            loops.forEach(DetectLoop::close);
            assertThat(passTimes).as("about one periodic pass a second per camera").hasSizeBetween(20, 40);
            int[] buckets = new int[10]; // where in the second each pass fell, in 100 ms buckets
            for (long t : passTimes) {
                buckets[(int) (((t - t0) / 100_000_000L) % 10)]++;
            }
            for (int count : buckets) {
                assertThat(count).as("passes per 100 ms of the second: %s", Arrays.toString(buckets))
                        .isLessThanOrEqualTo(passTimes.size() / 3);
            }
            assertThat(loops.get(0).stats().skippedNoMotion()).isPositive();
        }
    }

    @Test
    void closingALoopWaitsForItsPassAndNothingIsDeliveredAfterwards() throws Exception {
        try (DetectScheduler scheduler = new DetectScheduler(2); Producer producer = new Producer(1)) {
            producer.moving[0].set(true);
            AtomicBoolean closed = new AtomicBoolean();
            AtomicBoolean afterClose = new AtomicBoolean();
            AtomicLong results = new AtomicLong();
            DetectLoop loop = new DetectLoop(scheduler, 1, "cam", producer.rings.getFirst(), null, null, FIVE_PER_SECOND,
                    result -> {
                        results.incrementAndGet();
                        busyWork(150);
                        if (closed.get()) {
                            afterClose.set(true);
                        }
                    });
            loop.start();
            Thread.sleep(700);
            loop.close();
            closed.set(true);
            long after = results.get();
            Thread.sleep(500);
            assertThat(results.get()).isEqualTo(after);
            assertThat(afterClose).isFalse();
            assertThat(scheduler.loops()).isZero();
        }
    }

    @Test
    void aSinkThatClosesItsOwnLoopDoesNotDeadlockItsWorker() throws Exception {
        try (DetectScheduler scheduler = new DetectScheduler(1); Producer producer = new Producer(2)) {
            producer.moving[1].set(true);
            AtomicLong results = new AtomicLong();
            AtomicLong others = new AtomicLong();
            DetectLoop[] self = new DetectLoop[1];
            self[0] = new DetectLoop(scheduler, 1, "cam", producer.rings.getFirst(), null, null, FIVE_PER_SECOND,
                    result -> {
                        results.incrementAndGet();
                        self[0].close();
                    });
            try (DetectLoop other = new DetectLoop(scheduler, 2, "other", producer.rings.get(1), null, null,
                    FIVE_PER_SECOND, result -> others.incrementAndGet())) {
                self[0].start();
                other.start();
                Thread.sleep(300);
                long before = others.get();
                Thread.sleep(1000);
                assertThat(results.get()).isEqualTo(1);
                assertThat(others.get() - before).as("the one worker goes on with the other camera").isBetween(3L, 7L);
                assertThat(scheduler.loops()).isEqualTo(1);
            }
        }
    }

    @Test
    void aClosedSchedulerTakesNoLoopsAndNeedsAWorker() {
        DetectScheduler scheduler = new DetectScheduler(1);
        scheduler.close();
        try (Producer producer = new Producer(1)) {
            DetectLoop loop = new DetectLoop(scheduler, 1, "cam", producer.rings.getFirst(), null, null,
                    FIVE_PER_SECOND, result -> { });
            assertThatThrownBy(loop::start).hasMessageContaining("closed");
        }
        assertThatThrownBy(() -> new DetectScheduler(0)).hasMessageContaining("at least one worker");
    }

    /** Spins for {@code millis}: a pass's CPU work on the worker (sleeping would leave the core free). */
    private static void busyWork(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** Writes a frame into every ring at 15 fps: grey while still, a changing pattern while moving. */
    private static final class Producer implements AutoCloseable {
        final List<FrameRing> rings = new ArrayList<>();
        final AtomicBoolean[] moving;
        private final AtomicLong[] onsetSequence;
        /** Written before {@link #onsetSequence} is set, read after it is seen. */
        private final long[] onsetNanos = new long[64];
        private volatile boolean running = true;
        private final Thread thread;

        Producer(int count) {
            moving = new AtomicBoolean[count];
            onsetSequence = new AtomicLong[count];
            for (int i = 0; i < count; i++) {
                rings.add(new FrameRing(4, WIDTH, HEIGHT));
                onsetSequence[i] = new AtomicLong(-1);
                moving[i] = new AtomicBoolean();
            }
            thread = Thread.ofPlatform().name("test-producer").daemon().start(this::run);
        }

        /** Makes ring {@code i} move from its next frame on; returns {that frame's sequence, its capture nanos}. */
        long[] startMoving(int i) throws InterruptedException {
            onsetSequence[i].set(0);
            moving[i].set(true);
            while (onsetSequence[i].get() <= 0) {
                Thread.sleep(1);
            }
            return new long[] {onsetSequence[i].get(), onsetNanos[i]};
        }

        private void run() {
            long frame = 0;
            while (running) {
                frame++;
                for (int i = 0; i < rings.size(); i++) {
                    FrameRing ring = rings.get(i);
                    ByteBuffer pixels = ring.beginWrite(WIDTH, HEIGHT);
                    if (pixels == null) {
                        continue;
                    }
                    byte value = moving[i].get() ? (byte) ((frame % 2) * 200) : (byte) 90;
                    for (int p = 0; p < WIDTH * HEIGHT * 4; p++) {
                        pixels.put(p, value);
                    }
                    long now = System.nanoTime();
                    long sequence = ring.publish(now);
                    if (moving[i].get() && onsetSequence[i].get() == 0) {
                        onsetNanos[i] = now;
                        onsetSequence[i].set(sequence);
                    }
                }
                try {
                    Thread.sleep(66);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
