package org.watchroom.core.api.internal;

import java.time.Instant;
import org.watchroom.core.api.ApiTokens;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.record.CutCache;

/**
 * What the route classes share: the engine, the token check, the live feed, the frame JPEG cache, when the
 * server started, and the cache of recording cuts served with HTTP Range.
 *
 * <p>Thread-safety: immutable holder of thread-safe parts.
 */
public record ApiContext(Engine engine, ApiTokens tokens, LiveFeed feed, FrameJpegs jpegs, Instant startedAt,
                         CutCache cuts) {

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
