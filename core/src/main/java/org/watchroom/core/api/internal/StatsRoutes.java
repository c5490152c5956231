package org.watchroom.core.api.internal;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.CameraStats;
import org.watchroom.core.detect.DetectStats;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.engine.StorageStatus;
import org.watchroom.core.record.SegmentStats;

/**
 * {@code /api/v1/stats} (JSON) and {@code /metrics} (Prometheus text format 0.0.4): per running camera its
 * rates, decode and inference times, drops, reconnects and uptime, and totals.
 *
 * <p>Thread-safety: stateless apart from the shared {@link ApiContext}; counters are read as snapshots.
 */
public final class StatsRoutes {
    private final ApiContext api;

    public StatsRoutes(ApiContext api) {
        this.api = api;
    }

    public void register(RouteTable routes) {
        routes.get("/api/v1/stats", this::stats).get("/metrics", this::metrics);
    }

    /** One camera's numbers. */
    record CameraLine(long id, String name, String state, double inputFps, double decodedFps, double decodeMsP50,
                      double decodeMsP95, double detectFps, double inferenceMsP50, double inferenceMsP95,
                      double detectWaitMsP50, double detectWaitMsP95, long framesDecoded, long drops, long reconnects, double uptimeS) {
    }

    private List<CameraLine> lines() {
        List<CameraLine> lines = new ArrayList<>();
        for (LiveCamera live : api.engine().cameras()) {
            CameraStats s = live.display().stats();
            DetectStats d = live.detectStats().orElse(null);
            long drops = s.producerDrops() + s.readerDrops().values().stream().mapToLong(Long::longValue).sum();
            boolean isLive = live.display().state() instanceof CameraState.Live;
            Instant since = api.feed().liveSince(live.camera().id()).orElse(api.startedAt());
            double uptime = isLive ? Duration.between(since, Instant.now()).toMillis() / 1000.0 : 0;
            lines.add(new CameraLine(live.camera().id(), live.camera().name(), live.display().state().label(),
                    round(s.inputFps()), round(s.decodedFps()), round(s.decodeMsP50()), round(s.decodeMsP95()),
                    d == null ? 0 : round(d.detectFps()), d == null ? 0 : round(d.inferenceMsP50()),
                    d == null ? 0 : round(d.inferenceMsP95()), d == null ? 0 : round(d.waitMsP50()),
                    d == null ? 0 : round(d.waitMsP95()), s.framesDecoded(), drops, s.reconnects(), round(uptime)));
        }
        return lines;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private void stats(Context ctx) {
        List<CameraLine> lines = lines();
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("cameras", lines.size());
        totals.put("cameras_live", lines.stream().filter(l -> l.state().equals("LIVE")).count());
        totals.put("decoded_fps", round(lines.stream().mapToDouble(CameraLine::decodedFps).sum()));
        totals.put("detect_fps", round(lines.stream().mapToDouble(CameraLine::detectFps).sum()));
        totals.put("drops", lines.stream().mapToLong(CameraLine::drops).sum());
        totals.put("reconnects", lines.stream().mapToLong(CameraLine::reconnects).sum());
        totals.put("feed_clients", api.feed().clients());
        totals.put("feed_dropped", api.feed().dropped());
        totals.put("uptime_s", round(Duration.between(api.startedAt(), Instant.now()).toMillis() / 1000.0));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cameras", lines);
        body.put("totals", totals);
        body.put("storage", HealthRoutes.storage(api.engine().storage()));
        Json.ok(ctx, body);
    }

    private void metrics(Context ctx) {
        List<CameraLine> lines = lines();
        StringBuilder out = new StringBuilder(4096);
        gauge(out, "watchroom_uptime_seconds", "Seconds since the API started.",
                Duration.between(api.startedAt(), Instant.now()).toMillis() / 1000.0);
        gauge(out, "watchroom_cameras", "Running cameras.", lines.size());
        gauge(out, "watchroom_cameras_live", "Running cameras that deliver frames.",
                (double) lines.stream().filter(l -> l.state().equals("LIVE")).count());
        family(out, lines, "watchroom_camera_decoded_fps", "gauge", "Frames decoded per second.", CameraLine::decodedFps);
        family(out, lines, "watchroom_camera_input_fps", "gauge", "Video packets per second.", CameraLine::inputFps);
        family(out, lines, "watchroom_camera_decode_ms_p95", "gauge", "95th percentile decode time.", CameraLine::decodeMsP95);
        family(out, lines, "watchroom_camera_detect_fps", "gauge", "Detector passes per second.", CameraLine::detectFps);
        family(out, lines, "watchroom_camera_inference_ms_p95", "gauge", "95th percentile inference time.",
                CameraLine::inferenceMsP95);
        family(out, lines, "watchroom_camera_frames_decoded_total", "counter", "Frames decoded since start.",
                l -> l.framesDecoded());
        family(out, lines, "watchroom_camera_drops_total", "counter", "Frames dropped.", l -> l.drops());
        family(out, lines, "watchroom_camera_reconnects_total", "counter", "Reconnects.", l -> l.reconnects());
        family(out, lines, "watchroom_camera_uptime_seconds", "gauge", "Seconds live.", CameraLine::uptimeS);
        recording(out);
        StorageStatus storage = api.engine().storage();
        gauge(out, "watchroom_storage_failing", "1 while the database cannot write (events wait in memory).",
                storage.failing() ? 1 : 0);
        gauge(out, "watchroom_storage_pending_writes", "Event writes waiting in memory for the storage.",
                storage.pendingWrites());
        out.append("# HELP watchroom_storage_refused_writes_total Event writes refused because too many waited.\n")
                .append("# TYPE watchroom_storage_refused_writes_total counter\nwatchroom_storage_refused_writes_total ")
                .append(storage.refusedWrites()).append('\n');
        gauge(out, "watchroom_recording_paused", "1 while clips are not recorded for lack of free space.",
                storage.recordingPaused() != null ? 1 : 0);
        gauge(out, "watchroom_disk_free_bytes", "Usable bytes where clips are written (-1 unknown).", (double) storage.freeBytes());
        archive(out);
        gauge(out, "watchroom_feed_clients", "Connected SSE and WebSocket clients.", api.feed().clients());
        out.append("# HELP watchroom_feed_dropped_total Feed messages dropped for slow clients.\n")
                .append("# TYPE watchroom_feed_dropped_total counter\nwatchroom_feed_dropped_total ")
                .append(api.feed().dropped()).append('\n');
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(out.toString());
    }

    /** The archive mover's counters (recording.archive_dir): zeros while archiving is off. */
    private void archive(StringBuilder out) {
        var archive = api.engine().archive();
        gauge(out, "watchroom_archive_enabled", "1 while an archive folder is set (recording.archive_dir).",
                archive.enabled() ? 1 : 0);
        gauge(out, "watchroom_archive_failing", "1 while moving segments to the archive folder fails.",
                archive.failing() ? 1 : 0);
        counter(out, "watchroom_archive_moved_total", "Segments moved to the archive folder (copied, verified, "
                + "original deleted).", archive.moved());
        counter(out, "watchroom_archive_moved_bytes_total", "Bytes of segments moved to the archive folder.",
                archive.movedBytes());
        counter(out, "watchroom_archive_failures_total", "Moves to the archive folder that failed (original kept; "
                + "tried again at the next pass).", archive.failures());
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    /** The continuous recording's counters, one line per camera that records segments. */
    private void recording(StringBuilder out) {
        record Line(long id, String name, SegmentStats stats) { }
        List<Line> lines = new ArrayList<>();
        for (var live : api.engine().cameras()) {
            live.recordingStats().ifPresent(s -> lines.add(new Line(live.camera().id(), live.camera().name(), s)));
        }
        String[][] families = {
                {"watchroom_recording_segments_total", "counter", "Segments finished and hashed."},
                {"watchroom_recording_bytes_total", "counter", "Bytes of finished segments."},
                {"watchroom_recording_packets_dropped_total", "counter",
                        "Video packets not recorded because the segment writer was behind (a slow disk)."},
                {"watchroom_recording_queue_packets", "gauge", "Packets waiting for the segment writer."}};
        for (int f = 0; f < families.length; f++) {
            out.append("# HELP ").append(families[f][0]).append(' ').append(families[f][2]).append('\n')
                    .append("# TYPE ").append(families[f][0]).append(' ').append(families[f][1]).append('\n');
            for (Line l : lines) {
                long value = switch (f) {
                    case 0 -> l.stats().segmentsClosed();
                    case 1 -> l.stats().bytesWritten();
                    case 2 -> l.stats().packetsDropped();
                    default -> l.stats().queued();
                };
                out.append(families[f][0]).append("{camera_id=\"").append(l.id()).append("\",camera=\"")
                        .append(escape(l.name())).append("\"} ").append(value).append('\n');
            }
        }
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(number(value)).append('\n');
    }

    private static void family(StringBuilder out, List<CameraLine> lines, String name, String type, String help,
                               ToDoubleFunction<CameraLine> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (CameraLine l : lines) {
            out.append(name).append("{camera_id=\"").append(l.id()).append("\",camera=\"").append(escape(l.name()))
                    .append("\"} ").append(number(value.applyAsDouble(l))).append('\n');
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
