package org.watchroom.core.api.internal;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.config.Version;
import org.watchroom.core.engine.StorageStatus;

/**
 * {@code /api/v1/health} (the one route without a token: it tells nothing but counts) and the OpenAPI document
 * {@code /api/v1/openapi.json}.
 *
 * <p>Thread-safety: stateless apart from the shared {@link ApiContext}.
 */
public final class HealthRoutes {
    public static final String OPENAPI_RESOURCE = "/org/watchroom/core/api/openapi.json";
    private final ApiContext api;
    private final byte[] openApi;

    public HealthRoutes(ApiContext api) {
        this.api = api;
        try (var in = HealthRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + OPENAPI_RESOURCE);
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + OPENAPI_RESOURCE, e);
        }
    }

    public void register(RouteTable routes) {
        routes.get("/api/v1/health", this::health)
                .get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    private void health(Context ctx) {
        StorageStatus storage = api.engine().storage();
        boolean dbOk = !storage.failing() && api.engine().database().ping();
        var cameras = api.engine().cameras();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", dbOk && storage.recordingPaused() == null ? "ok" : "degraded");
        body.put("version", Version.current());
        body.put("uptime_s", Duration.between(api.startedAt(), Instant.now()).toSeconds());
        body.put("cameras_live", cameras.stream().filter(c -> c.display().state() instanceof CameraState.Live).count());
        body.put("cameras_total", cameras.size());
        body.put("db_ok", dbOk);
        long free = -1;
        try {
            free = Files.getFileStore(api.engine().database().file().getParent()).getUsableSpace();
        } catch (IOException e) {
            // reported as -1: unknown
        }
        body.put("disk_free_bytes", free);
        body.put("storage", storage(storage));
        Json.send(ctx, dbOk ? 200 : 503, body);
    }

    /** The storage block of health and stats: state ok|recording_paused|failing, and why. */
    static Map<String, Object> storage(StorageStatus storage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", storage.state());
        body.put("message", storage.failing() ? "storage failing: " + storage.writeProblem()
                : storage.recordingPaused());
        body.put("failing_since", storage.failingSince() == null ? null : storage.failingSince().toString());
        body.put("pending_writes", storage.pendingWrites());
        body.put("refused_writes", storage.refusedWrites());
        body.put("recording_paused", storage.recordingPaused() != null);
        return body;
    }
}
