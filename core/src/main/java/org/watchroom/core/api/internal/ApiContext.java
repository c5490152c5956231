package org.watchroom.core.api.internal;

import java.time.Instant;
import org.watchroom.core.api.ApiTokens;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;

/**
 * What the route classes share: the engine, the token check, the live feed, the frame JPEG cache and when the
 * server started.
 *
 * <p>Thread-safety: immutable holder of thread-safe parts.
 */
public record ApiContext(Engine engine, ApiTokens tokens, LiveFeed feed, FrameJpegs jpegs, Instant startedAt) {

    /** The running camera with this id, or a 404 problem (409 when it is configured but not running). */
    public LiveCamera running(long id) {
        for (LiveCamera live : engine.cameras()) {
            if (live.camera().id() == id) {
                return live;
            }
        }
        if (engine.store().find(id).isPresent()) {
            throw new ApiProblem(409, "Camera not running", "Camera " + id + " is stopped; start it first.");
        }
        throw ApiProblem.notFound("camera", id);
    }
}
