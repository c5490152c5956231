package org.watchroom.core.headless;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.watchroom.core.account.FirstAdministrator;
import org.watchroom.core.api.ApiLauncher;
import org.watchroom.core.api.ApiOverrides;
import org.watchroom.core.camera.CameraStats;
import org.watchroom.core.engine.DemoWall;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;

/**
 * The engine without JavaFX: streams every camera until stopped (SIGTERM, Ctrl+C) or for a fixed duration, then
 * prints one JSON summary on stdout (logs go to stderr).
 *
 * <p>Thread-safety: one run per instance.
 */
public final class HeadlessRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Engine engine;
    private final ApiOverrides api;
    private final PrintStream err;

    /** Without the REST API. */
    public HeadlessRunner(Engine engine) {
        this(engine, ApiOverrides.OFF, System.err);
    }

    /** With the REST API as stored settings and {@code api} say; its address is printed on {@code err}. */
    public HeadlessRunner(Engine engine, ApiOverrides api, PrintStream err) {
        this.engine = engine;
        this.api = api;
        this.err = err;
    }

    /**
     * Runs until {@code stop} is counted down, or for {@code duration} when it is not null ({@code stop} ends that
     * early too); then closes the API and the engine and prints the summary. Whoever stops it (the command line's
     * shutdown guard on SIGTERM) waits for this method to return before the process ends.
     */
    public void run(boolean demo, Duration duration, PrintStream out, CountDownLatch stop) throws InterruptedException {
        run(DemoWall.forced(demo), duration, out, stop);
    }

    /** {@link #run(boolean, Duration, PrintStream, CountDownLatch)} with the demo wall as {@code wall} says. */
    public void run(DemoWall wall, Duration duration, PrintStream out, CountDownLatch stop)
            throws InterruptedException {
        run(wall, duration, out, stop, () -> { });
    }

    /**
     * {@link #run(DemoWall, Duration, PrintStream, CountDownLatch)}, closing {@code front} (the control socket)
     * first when it stops, so no command typed beside the engine meets a closing database.
     */
    public void run(DemoWall wall, Duration duration, PrintStream out, CountDownLatch stop, Runnable front)
            throws InterruptedException {
        long started = System.nanoTime();
        try {
            engine.holdCamerasForFirstAdministrator();
            engine.start(wall);
        } catch (RuntimeException e) {
            front.run();
            engine.close(); // cameras that did start must not keep the process alive
            throw e;
        }
        if (engine.waitingForAdministrator() && !engine.store().list().isEmpty()) {
            err.println("Cameras not started: they start once the first administrator exists ("
                    + FirstAdministrator.HOW + "); " + (engine.demo() ? "the demo runs until then" : "until then none runs"));
        }
        ApiLauncher server = startApi();
        try {
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            double seconds = (System.nanoTime() - started) / 1e9;
            String summary = summary(seconds);
            front.run();
            server.close();
            engine.close();
            out.println(summary);
            out.flush();
        }
    }

    /**
     * The API as configured, once the first administrator exists; a taken port costs the API, not the cameras (said
     * on stderr; stdout carries only the JSON summary).
     */
    private ApiLauncher startApi() {
        return ApiLauncher.launch(engine, api, s -> err.println("REST API listening on " + s.url()
                + " (token: 'watchroom token'; Ctrl+C stops)"), why -> err.println("REST API not started: " + why));
    }

    String summary(double seconds) {
        ObjectNode root = JSON.createObjectNode();
        root.put("duration_s", Math.round(seconds * 10) / 10.0);
        root.put("demo", engine.demo());
        if (engine.waitingForAdministrator()) {
            root.put("waiting_for_administrator", true);
        }
        root.put("detection", engine.detection().status());
        var archive = engine.archive();
        if (archive.enabled() || archive.failures() > 0) {
            ObjectNode a = root.putObject("archive");
            a.put("folder", archive.folder());
            a.put("after_hours", archive.afterHours());
            a.put("moved", archive.moved());
            a.put("moved_bytes", archive.movedBytes());
            a.put("failures", archive.failures());
            a.put("problem", archive.problem());
        }
        ArrayNode cameras = root.putArray("cameras");
        for (LiveCamera live : engine.cameras()) {
            CameraStats stats = live.display().stats();
            ObjectNode c = cameras.addObject();
            c.put("id", live.camera().id());
            c.put("name", live.camera().name());
            c.put("url", live.display().url().redacted());
            c.put("frames_decoded", stats.framesDecoded());
            c.put("fps", Math.round(stats.framesDecoded() / seconds * 10) / 10.0);
            c.put("state", live.display().state().label());
            c.put("reconnects", stats.reconnects());
            c.put("drops", stats.producerDrops() + stats.readerDrops().values().stream().mapToLong(Long::longValue).sum());
            c.put("width", stats.width());
            c.put("height", stats.height());
            c.put("codec", stats.codec());
            c.put("decode_ms_p50", Math.round(stats.decodeMsP50() * 100) / 100.0);
            c.put("decode_ms_p95", Math.round(stats.decodeMsP95() * 100) / 100.0);
            if (stats.lastError() != null) {
                c.put("last_error", stats.lastError());
            }
            c.put("recording", live.recordingMode().json());
            live.recordingStats().ifPresent(r -> {
                ObjectNode rec = c.putObject("segments");
                rec.put("closed", r.segmentsClosed());
                rec.put("bytes_written", r.bytesWritten());
                rec.put("packets_received", r.packetsReceived());
                rec.put("packets_dropped", r.packetsDropped());
                rec.put("write_failures", r.writeFailures());
            });
            live.detectStats().ifPresent(d -> {
                ObjectNode detect = c.putObject("detect");
                detect.put("runs", d.runs());
                detect.put("fps", Math.round(d.runs() / seconds * 10) / 10.0);
                detect.put("inference_ms_p50", Math.round(d.inferenceMsP50() * 100) / 100.0);
                detect.put("inference_ms_p95", Math.round(d.inferenceMsP95() * 100) / 100.0);
                detect.put("preprocess_ms_p50", Math.round(d.preprocessMsP50() * 100) / 100.0);
                detect.put("wait_ms_p50", Math.round(d.waitMsP50() * 100) / 100.0);
                detect.put("wait_ms_p95", Math.round(d.waitMsP95() * 100) / 100.0);
                detect.put("skipped_no_motion", d.skippedNoMotion());
                detect.put("skipped_busy", d.skippedBusy());
            });
        }
        return root.toString();
    }
}
