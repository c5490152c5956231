package org.watchroom.core.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.testing.RtspTest;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.TestMedia;

/**
 * {@link CameraSource} against a real RTSP server ({@link RtspTestServer}: gst-rtsp-server on loopback): live
 * decoding, server death and restart, a frozen server, the usual misconfigurations, authentication, password
 * hygiene in logs and states, and one ingest shared by several ring readers. No mocks.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@RtspTest
@SlowTest
class RtspCameraSourceTest {
    /** Distinctive so that a leak cannot hide behind a common word. */
    private static final String USER = "watchman";
    private static final String PASSWORD = "Qx7-vault-Pw-90214";
    private static final String WRONG_PASSWORD = "Zr4-wrong-Pw-55873";

    /** Small stall/timeout values so that failures show within seconds. */
    private static final SourceOptions FAST = SourceOptions.defaults()
            .withStallAfter(Duration.ofSeconds(1))
            .withIoTimeout(Duration.ofSeconds(2));

    private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(10);
    private static final String STALLED_REASON = "no data arrived in time (stalled)";
    private static final String TIMED_OUT_REASON = "connection timed out: the host does not answer";

    private static PrintStream originalErr;
    private static final ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    /**
     * slf4j-simple writes to whatever {@code System.err} is at the time of each log call (its default
     * {@code logFile=System.err} is not cached), so a tee installed here sees every later log line. The password
     * test also checks that lines it expects did arrive, so a broken capture cannot pass silently.
     */
    @BeforeAll
    static void captureStandardError() {
        originalErr = System.err;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (capturedErr) {
                    capturedErr.write(b);
                }
                originalErr.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (capturedErr) {
                    capturedErr.write(b, off, len);
                }
                originalErr.write(b, off, len);
            }

            @Override
            public void flush() { originalErr.flush(); }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void restoreStandardError() {
        System.setErr(originalErr);
    }

    @AfterEach
    void closeEverything() throws Exception {
        Exception first = null;
        for (int i = cleanup.size() - 1; i >= 0; i--) { // sources before the servers they use
            try {
                cleanup.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        cleanup.clear();
        if (first != null) {
            throw first;
        }
    }

    @Test
    void footageMountGoesLiveAndDecodesRealPictures() {
        RtspTestServer server = track(RtspTestServer.builder().footage(TestMedia.file("vtest.avi")).start());
        Watched cam = watch("vtest", server.url("/vtest"), FAST, server);

        cam.awaitState(CameraState.Live.class, LIVE_TIMEOUT);
        FrameRing.Reader reader = cam.source.ring().newReader("test");
        cleanup.add(reader);
        long first = cam.source.ring().newestSequence();
        cam.await("5 more frames decoded", Duration.ofSeconds(5), () -> cam.source.ring().newestSequence() >= first + 5);

        FrameSlot slot = cam.awaitFrame(reader);
        assertThat(slot.width()).isEqualTo(768);
        assertThat(slot.height()).isEqualTo(576);
        assertThat(distinctPixels(slot)).as("distinct BGRA values in a frame of real footage").isGreaterThan(1000);
        CameraStats stats = cam.source.stats();
        assertThat(stats.codec()).isEqualTo("h264");
        assertThat(stats.width()).isEqualTo(768);
        assertThat(stats.height()).isEqualTo(576);
        assertThat(stats.framesDecoded()).isGreaterThanOrEqualTo(6);
        assertThat(stats.reconnects()).isZero();
        assertThat(cam.source.state()).isInstanceOf(CameraState.Live.class);
    }

    @Test
    void testPatternMountGoesLiveAndDecodes() {
        RtspTestServer server = track(RtspTestServer.start());
        Watched cam = watch("pattern", server.url("/test"), FAST, server);

        cam.awaitState(CameraState.Live.class, LIVE_TIMEOUT);
        FrameRing.Reader reader = cam.source.ring().newReader("test");
        cleanup.add(reader);
        long first = cam.source.ring().newestSequence();
        cam.await("10 more frames decoded", Duration.ofSeconds(5), () -> cam.source.ring().newestSequence() >= first + 10);

        FrameSlot slot = cam.awaitFrame(reader);
        assertThat(slot.width()).isEqualTo(320);
        assertThat(slot.height()).isEqualTo(240);
        assertThat(distinctPixels(slot)).as("distinct BGRA values (ball on black)").isGreaterThan(2);
        CameraStats stats = cam.source.stats();
        assertThat(stats.codec()).isEqualTo("h264");
        assertThat(stats.width()).isEqualTo(320);
        assertThat(stats.height()).isEqualTo(240);
        assertThat(stats.lastError()).isNull();
    }

    @Test
    void serverKilledThenRestartedGoesLiveAgainWithinThreeSeconds() {
        RtspTestServer server = track(RtspTestServer.start());
        Watched cam = watch("restart", server.url("/test"), FAST, server);
        cam.awaitState(CameraState.Live.class, LIVE_TIMEOUT);

        int mark = cam.mark();
        server.kill();
        CameraState.Reconnecting lost = cam.awaitState(CameraState.Reconnecting.class, r -> true, mark, Duration.ofSeconds(5));
        assertThat(lost.lastError()).isNotBlank();
        // while the server is down the retries are refused, and say so
        CameraState.Reconnecting refused = cam.awaitState(CameraState.Reconnecting.class,
                r -> r.lastError().startsWith("connection refused"), mark, Duration.ofSeconds(5));
        assertThat(refused.attempt()).isGreaterThanOrEqualTo(2);
        assertThat(cam.source.stats().lastError()).isNotBlank();

        mark = cam.mark();
        long restarting = System.nanoTime();
        server.restart();
        long restarted = System.nanoTime();
        cam.awaitState(CameraState.Live.class, x -> true, mark, Duration.ofSeconds(3));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
        System.out.println("[restart] server READY after " + TimeUnit.NANOSECONDS.toMillis(restarted - restarting)
                + " ms, camera LIVE " + millis + " ms later");
        assertThat(millis).as("ms from restart to LIVE").isLessThanOrEqualTo(3000);
        assertThat(cam.source.stats().reconnects()).isGreaterThanOrEqualTo(2);
        long sequence = cam.source.ring().newestSequence();
        cam.await("frames after the restart", Duration.ofSeconds(3), () -> cam.source.ring().newestSequence() > sequence + 3);
    }

    @Test
    void frozenServerIsDeclaredStalledThenReconnectsWithoutHanging() {
        RtspTestServer server = track(RtspTestServer.start());
        Watched cam = watch("frozen", server.url("/test"), FAST, server);
        cam.awaitState(CameraState.Live.class, LIVE_TIMEOUT);

        int mark = cam.mark();
        long frozen = System.nanoTime();
        server.suspend();
        cam.awaitState(CameraState.Stalled.class, s -> true, mark, Duration.ofSeconds(3));
        CameraState.Reconnecting first = cam.awaitState(CameraState.Reconnecting.class, r -> true, mark, Duration.ofSeconds(4));
        // stallAfter 1 s → STALLED; ioTimeout 2 s / watchdog abort at 2 x stallAfter → RECONNECTING, with no
        // LIVE in between (a frame FFmpeg flushes on timeout is not news)
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozen)).as("ms from freeze to RECONNECTING")
                .isLessThan(3500);
        assertThat(first.lastError()).isIn(STALLED_REASON, TIMED_OUT_REASON);
        assertThat(cam.history.subList(mark, cam.history.size())).as("states after the freeze")
                .noneMatch(CameraState.Live.class::isInstance);
        // the next connect reaches the kernel's backlog but gets no RTSP answer: it must time out, not hang, and
        // say so (FFmpeg itself calls the missing answer "invalid data")
        CameraState.Reconnecting second = cam.awaitState(CameraState.Reconnecting.class, r -> r.attempt() >= 2, mark,
                Duration.ofSeconds(6));
        assertThat(second.lastError()).isIn(STALLED_REASON, TIMED_OUT_REASON);

        mark = cam.mark();
        server.resume();
        cam.awaitState(CameraState.Live.class, x -> true, mark, Duration.ofSeconds(10));

        // frozen again: stop() must return promptly even though a read or a connect is blocked on the server
        mark = cam.mark();
        server.suspend();
        cam.awaitState(CameraState.Stalled.class, s -> true, mark, Duration.ofSeconds(3));
        long stopping = System.nanoTime();
        cam.source.stop();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping)).as("ms stop() took").isLessThan(3000);
        assertThat(cam.source.state()).isInstanceOf(CameraState.Stopped.class);
    }

    @Test
    void unknownHostIsReportedAndRetried() {
        Watched cam = watch("badhost", "rtsp://no-such-host.invalid/x", FAST, null);
        CameraState.Reconnecting r = cam.awaitState(CameraState.Reconnecting.class, Duration.ofSeconds(10));
        assertThat(r.lastError()).isEqualTo("host name not found: no-such-host.invalid");
        assertThat(cam.source.stats().lastError()).isEqualTo(r.lastError());
    }

    @Test
    void unknownPathIsReportedAs404() {
        RtspTestServer server = track(RtspTestServer.start());
        Watched cam = watch("badpath", server.url("/nope"), FAST, server);
        CameraState.Reconnecting r = cam.awaitState(CameraState.Reconnecting.class, Duration.ofSeconds(10));
        assertThat(r.lastError()).startsWith("stream not found (404)");
    }

    @Test
    void closedPortIsReportedAsConnectionRefused() {
        int closedPort = RtspTestServer.freePort();
        Watched cam = watch("refused", "rtsp://127.0.0.1:" + closedPort + "/test", FAST, null);
        CameraState.Reconnecting r = cam.awaitState(CameraState.Reconnecting.class, Duration.ofSeconds(10));
        assertThat(r.lastError()).startsWith("connection refused");
    }

    @Test
    void wrongPasswordFailsWith401RightPasswordGoesLiveAndNoPasswordLeaks() {
        RtspTestServer server = track(RtspTestServer.builder().credentials(USER, PASSWORD).start());
        int logStart = capturedLength();

        Watched wrong = watch("wrongpw", server.url("/test", USER, WRONG_PASSWORD), FAST, server);
        CameraState.Failed failed = wrong.awaitState(CameraState.Failed.class, Duration.ofSeconds(10));
        assertThat(failed.reason()).startsWith("401 unauthorized");
        assertThat(wrong.source.stats().lastError()).startsWith("401 unauthorized");

        Watched anonymous = watch("nopw", server.url("/test"), FAST, server);
        assertThat(anonymous.awaitState(CameraState.Failed.class, Duration.ofSeconds(10)).reason())
                .startsWith("401 unauthorized");

        Watched right = watch("rightpw", server.url("/test", USER, PASSWORD), FAST, server);
        right.awaitState(CameraState.Live.class, LIVE_TIMEOUT);
        FrameRing.Reader reader = right.source.ring().newReader("test");
        cleanup.add(reader);
        assertThat(distinctPixels(right.awaitFrame(reader))).isGreaterThan(2);

        // a reconnect makes the source log its URL and an error: neither may carry the password
        int mark = right.mark();
        server.kill();
        right.awaitState(CameraState.Reconnecting.class, r -> true, mark, Duration.ofSeconds(5));
        server.restart();
        right.awaitState(CameraState.Live.class, x -> true, mark, Duration.ofSeconds(5));

        List<String> texts = new ArrayList<>();
        for (Watched cam : List.of(wrong, anonymous, right)) {
            texts.add(cam.source.url().toString());
            texts.add(cam.source.url().redacted());
            texts.add(cam.source.url().storedAddress());
            texts.add(cam.source.state().toString());
            texts.add(cam.source.stats().toString());
            texts.add(String.valueOf(cam.source.stats().lastError()));
            cam.history.forEach(state -> texts.add(state.toString()));
        }
        for (String text : texts) {
            assertThat(text).doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD);
        }
        assertThat(right.source.url().toString()).contains(USER + ":***@");

        String log = capturedSince(logStart);
        // the capture works: the lines this test caused are there, with redacted URLs
        assertThat(log).contains("Camera 'wrongpw'").contains("401 unauthorized")
                .contains(USER + ":***@127.0.0.1:" + server.port())
                .contains("Camera 'rightpw'").contains("RECONNECTING");
        assertThat(log).doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD);
        // and nothing logged earlier or later in this class either
        assertThat(capturedSince(0)).doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void twoReadersShareOneIngestAndOneServerConnection() throws Exception {
        RtspTestServer server = track(RtspTestServer.start());
        assertThat(server.establishedConnections()).isZero();
        Watched cam = watch("shared", server.url("/test"), FAST, server);
        cam.awaitState(CameraState.Live.class, LIVE_TIMEOUT);

        FrameRing ring = cam.source.ring();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (String name : List.of("tile", "detector")) {
                results.add(pool.submit(() -> readFrames(ring, name, 8, Duration.ofSeconds(5))));
            }
            List<Integer> connections = new ArrayList<>();
            while (results.stream().anyMatch(f -> !f.isDone())) {
                connections.add(server.establishedConnections());
                Thread.sleep(50);
            }
            List<Long> tile = results.get(0).get();
            List<Long> detector = results.get(1).get();
            assertThat(tile).hasSize(8).isSorted().doesNotHaveDuplicates();
            assertThat(detector).hasSize(8).isSorted().doesNotHaveDuplicates();
            // both readers see frames of the same ring (one decode), not two private streams
            assertThat(new HashSet<>(tile)).containsAnyElementsOf(detector);
            assertThat(connections).as("server-side established connections while both readers read")
                    .isNotEmpty().containsOnly(1);
        } finally {
            pool.shutdownNow();
        }
        CameraStats stats = cam.source.stats();
        assertThat(stats.reconnects()).isZero();
        assertThat(stats.readerDrops()).isEmpty(); // readers closed → no longer counted
        assertThat(cam.source.stats().framesDecoded()).isGreaterThanOrEqualTo(8);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Reads {@code count} frames as one ring reader; checks each while pinned; returns their sequences. */
    private static List<Long> readFrames(FrameRing ring, String name, int count, Duration timeout) {
        List<Long> sequences = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (FrameRing.Reader reader = ring.newReader(name)) {
            while (sequences.size() < count) {
                if (System.nanoTime() > deadline) {
                    fail(name + " got only " + sequences.size() + " frames in " + timeout);
                }
                FrameSlot slot = reader.acquireNewest();
                if (slot == null) {
                    sleepQuietly(5);
                    continue;
                }
                assertThat(slot.width()).isEqualTo(320);
                assertThat(distinctPixels(slot)).isGreaterThan(2);
                sequences.add(slot.sequence());
            }
        }
        return sequences;
    }

    /** Number of different BGRA values in the frame (every pixel looked at). */
    private static int distinctPixels(FrameSlot slot) {
        ByteBuffer pixels = slot.pixels();
        int limit = slot.stride() * slot.height();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i + 4 <= limit; i += 4) {
            seen.add(pixels.getInt(i));
        }
        return seen.size();
    }

    private int capturedLength() {
        synchronized (capturedErr) {
            return capturedErr.size();
        }
    }

    private static String capturedSince(int offset) {
        byte[] all;
        synchronized (capturedErr) {
            all = capturedErr.toByteArray();
        }
        return new String(all, offset, all.length - offset, StandardCharsets.UTF_8);
    }

    private RtspTestServer track(RtspTestServer server) {
        cleanup.add(server);
        return server;
    }

    private Watched watch(String name, String url, SourceOptions options, RtspTestServer server) {
        Watched watched = new Watched(name, url, options, server);
        cleanup.add(() -> System.out.println("[timeline " + name + "] " + watched.timeline()));
        cleanup.add(watched.source);
        watched.source.start();
        return watched;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A source with every state it went through, and polling helpers with useful failure messages. */
    private static final class Watched {
        final CameraSource source;
        final List<CameraState> history = new CopyOnWriteArrayList<>();
        /** {@link System#nanoTime()} of each history entry, for failure messages. */
        private final List<Long> times = new CopyOnWriteArrayList<>();
        private final long created = System.nanoTime();
        private final RtspTestServer server;

        Watched(String name, String url, SourceOptions options, RtspTestServer server) {
            this.server = server;
            this.source = new CameraSource(name, CameraUrl.parse(url), options);
            source.addStateListener(state -> {
                times.add(System.nanoTime());
                history.add(state);
            });
        }

        /** The states with milliseconds since this object was made, e.g. {@code +12 Connecting[] | +480 Live[]}. */
        String timeline() {
            List<CameraState> states = List.copyOf(history);
            List<Long> at = List.copyOf(times);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < Math.min(states.size(), at.size()); i++) {
                text.append(i == 0 ? "" : " | ").append('+').append(TimeUnit.NANOSECONDS.toMillis(at.get(i) - created))
                        .append(' ').append(states.get(i));
            }
            return text.toString();
        }

        /** Position in the history; later awaits look from here on. */
        int mark() { return history.size(); }

        <T extends CameraState> T awaitState(Class<T> type, Duration timeout) {
            return awaitState(type, s -> true, 0, timeout);
        }

        /** Waits until a state of {@code type} matching {@code condition} appears in the history at or after {@code from}. */
        <T extends CameraState> T awaitState(Class<T> type, Predicate<T> condition, int from, Duration timeout) {
            Object[] found = new Object[1];
            await(type.getSimpleName() + " (matching the condition) after history index " + from, timeout, () -> {
                List<CameraState> snapshot = List.copyOf(history);
                for (int i = Math.max(0, from); i < snapshot.size(); i++) {
                    if (type.isInstance(snapshot.get(i)) && condition.test(type.cast(snapshot.get(i)))) {
                        found[0] = snapshot.get(i);
                        return true;
                    }
                }
                return false;
            });
            return type.cast(found[0]);
        }

        /** The next frame newer than what {@code reader} saw, pinned. */
        FrameSlot awaitFrame(FrameRing.Reader reader) {
            FrameSlot[] slot = new FrameSlot[1];
            await("a new frame for reader " + reader.name(), Duration.ofSeconds(5), () -> (slot[0] = reader.acquireNewest()) != null);
            return slot[0];
        }

        void await(String what, Duration timeout, BooleanSupplier condition) {
            awaitCondition(what, timeout, condition, this::describe);
        }

        private String describe() {
            return "camera '" + source.name() + "' state " + source.state() + "\nhistory " + timeline()
                    + "\nstats " + source.stats() + (server == null ? "" : "\n" + server.outputTail());
        }
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code timeout} passes (then fails with context). */
    static void awaitCondition(String what, Duration timeout, BooleanSupplier condition, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + timeout.toMillis() + " ms waiting for " + what + "\n" + context.get());
            }
            sleepQuietly(20);
        }
    }
}
