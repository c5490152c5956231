package org.watchroom.core.engine;

import java.util.List;
import org.watchroom.core.frame.FrameRing;

/**
 * The {@link LiveWall} of an engine in this process: its running cameras' display sources.
 *
 * <p>Thread-safety: safe from any thread (the engine's camera list is a snapshot).
 */
public final class EngineWall implements LiveWall {
    private final Engine engine;

    public EngineWall(Engine engine) {
        this.engine = engine;
    }

    @Override
    public List<LiveTile> tiles() {
        return engine.cameras().stream().map(EngineWall::tile).toList();
    }

    private static LiveTile tile(LiveCamera camera) {
        FrameRing ring = camera.display().ring();
        String frames = ring.sharedFile().map(file -> LiveTile.framesName(camera.camera().id())).orElse("");
        String main = camera.sharesMain() ? LiveTile.mainFramesName(camera.camera().id()) : "";
        return new LiveTile(camera.camera().id(), camera.camera().name(), camera.instance(), camera.display().state(),
                camera.display().stats().decodedFps(), frames, main);
    }

    @Override
    public void showAt(long cameraId, int width, int height) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("a tile's size cannot be negative: " + width + " x " + height);
        }
        engine.running(cameraId).ifPresent(c -> c.display().requestOutputSize(width, height));
    }

    @Override
    public boolean watchMain(long cameraId, String viewer) {
        return engine.running(cameraId).map(c -> c.leaseMain(viewer, System.nanoTime() + MAIN_LEASE.toNanos()))
                .orElse(false);
    }

    @Override
    public void unwatchMain(long cameraId, String viewer) {
        engine.running(cameraId).ifPresent(c -> c.endLease(viewer));
    }

    @Override
    public boolean simulateEvent(long cameraId, String label) {
        return engine.simulateEvent(cameraId, label);
    }
}
