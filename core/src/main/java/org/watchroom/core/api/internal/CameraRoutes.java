package org.watchroom.core.api.internal;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.CameraStats;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceKind;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.redaction.Redaction;
import org.watchroom.core.settings.FileCameraRoots;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Camera;

/**
 * {@code /api/v1/cameras}: list, create, read, replace, delete, start, stop, status. Every change goes through
 * the camera store (audited) and then {@code Engine.reload()}, as edits in the workstation do; a new file camera
 * must lie in the folders of {@code cameras.file_roots}.
 *
 * <p>Thread-safety: stateless apart from the shared {@link ApiContext}.
 */
public final class CameraRoutes {
    private final ApiContext api;

    public CameraRoutes(ApiContext api) {
        this.api = api;
    }

    public void register(RouteTable routes) {
        routes.get("/api/v1/cameras", this::list)
                .post("/api/v1/cameras", this::create)
                .get("/api/v1/cameras/{id}", this::read)
                .put("/api/v1/cameras/{id}", this::replace)
                .delete("/api/v1/cameras/{id}", this::delete)
                .post("/api/v1/cameras/{id}/start", ctx -> enable(ctx, true))
                .post("/api/v1/cameras/{id}/stop", ctx -> enable(ctx, false))
                .get("/api/v1/cameras/{id}/status", this::status);
    }

    private LiveCamera live(long id) {
        return api.engine().cameras().stream().filter(c -> c.camera().id() == id).findFirst().orElse(null);
    }

    private Camera stored(long id) {
        return api.engine().store().find(id).orElseThrow(() -> ApiProblem.notFound("camera", id));
    }

    private void list(Context ctx) {
        List<CameraJson.View> cameras = api.engine().store().list().stream()
                .map(c -> CameraJson.view(c, live(c.id()))).toList();
        Json.ok(ctx, Map.of("items", cameras));
    }

    private void read(Context ctx) {
        long id = Ids.path(ctx, "id");
        Json.ok(ctx, CameraJson.view(stored(id), live(id)));
    }

    private void create(Context ctx) {
        CameraJson.Input in = Json.body(ctx, CameraJson.Input.class, null);
        Camera camera = CameraJson.create(in);
        requireAllowedFiles(ctx, camera, null);
        Camera saved = api.engine().store().add(camera, ApiAuth.operator(ctx));
        api.engine().reload();
        ctx.header("Location", "/api/v1/cameras/" + saved.id());
        Json.send(ctx, 201, CameraJson.view(saved, live(saved.id())));
    }

    private void replace(Context ctx) {
        long id = Ids.path(ctx, "id");
        Camera existing = stored(id);
        CameraJson.Input in = Json.body(ctx, CameraJson.Input.class, null);
        Camera camera = CameraJson.replace(existing, in);
        requireAllowedFiles(ctx, camera, existing);
        Camera saved = api.engine().store().update(camera, ApiAuth.operator(ctx));
        api.engine().reload();
        Json.ok(ctx, CameraJson.view(saved, live(id)));
    }

    /**
     * A file camera through the API must lie inside the folders of {@code cameras.file_roots} (403 otherwise): a
     * token holder is not at this machine. A URL that did not change is not judged again (a file added at the
     * machine can still be renamed or stopped over the API).
     */
    private void requireAllowedFiles(Context ctx, Camera camera, Camera before) {
        ApiAuth.operator(ctx).require(Permission.CONFIGURE_CAMERAS); // first: refusals must not tell others what exists
        FileCameraRoots roots = null;
        for (String[] urls : new String[][] {{camera.url(), before == null ? null : before.url()},
                {camera.subUrl(), before == null ? null : before.subUrl()}}) {
            if (urls[0] == null || urls[0].equals(urls[1])) {
                continue;
            }
            CameraUrl url = CameraUrl.stored(urls[0], null, null);
            if (url.kind() == SourceKind.FILE) {
                roots = roots != null ? roots : new Settings(api.engine().database()).fileCameraRoots();
                if (!roots.allows(url)) {
                    throw new ApiProblem(403, "Forbidden", roots.refusal());
                }
            }
        }
    }

    private void delete(Context ctx) {
        long id = Ids.path(ctx, "id");
        stored(id);
        api.engine().store().remove(id, ApiAuth.operator(ctx));
        api.engine().reload();
        ctx.status(204);
    }

    private void enable(Context ctx, boolean on) {
        long id = Ids.path(ctx, "id");
        Camera camera = stored(id);
        ApiAuth.operator(ctx).require(Permission.CONFIGURE_CAMERAS);
        if (camera.enabled() != on) {
            camera = api.engine().store().update(camera.withEnabled(on), ApiAuth.operator(ctx));
        }
        api.engine().reload();
        Json.ok(ctx, CameraJson.view(camera, live(id)));
    }

    private void status(Context ctx) {
        long id = Ids.path(ctx, "id");
        Camera camera = stored(id);
        LiveCamera live = live(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("camera_id", id);
        body.put("name", camera.name());
        body.put("enabled", camera.enabled());
        body.put("running", live != null);
        if (live == null) {
            body.put("state", "STOPPED");
            Json.ok(ctx, body);
            return;
        }
        CameraState state = live.display().state();
        body.put("state", state.label());
        body.put("detail", Redaction.redact(switch (state) {
            case CameraState.Reconnecting r -> r.lastError();
            case CameraState.Failed f -> f.reason();
            default -> null;
        }, camera.password()));
        body.put("live_since", api.feed().liveSince(id).map(Object::toString).orElse(null));
        CameraStats s = live.display().stats();
        body.put("width", s.width());
        body.put("height", s.height());
        body.put("codec", s.codec());
        body.put("decoded_fps", s.decodedFps());
        body.put("frames_decoded", s.framesDecoded());
        body.put("reconnects", s.reconnects());
        body.put("last_error", Redaction.redact(s.lastError(), camera.password()));
        body.put("detection", live.detectStats().isPresent());
        Json.ok(ctx, body);
    }
}
