package org.watchroom.core.api.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.watchroom.core.detect.FrameSnapshots;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;

/**
 * The newest decoded frame of a running camera as JPEG, read from its frame ring (no new connection to the
 * camera). Each frame is encoded once however many clients ask: the last JPEG per camera is kept with its ring
 * sequence, and callers for the same camera wait on one encode.
 *
 * <p>Thread-safety: safe from any thread; one lock per camera.
 */
public final class FrameJpegs {
    private record Encoded(long sequence, byte[] jpeg) {
    }

    private final Map<Long, Encoded> last = new ConcurrentHashMap<>();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();

    /** The newest frame as JPEG, or null before the camera's first frame. */
    public byte[] newest(LiveCamera camera) {
        FrameRing ring = camera.display().ring();
        long id = camera.camera().id();
        long sequence = ring.newestSequence();
        if (sequence == 0) {
            return null;
        }
        Encoded cached = last.get(id);
        if (cached != null && cached.sequence() >= sequence) {
            return cached.jpeg();
        }
        synchronized (locks.computeIfAbsent(id, k -> new Object())) {
            cached = last.get(id);
            if (cached != null && cached.sequence() >= ring.newestSequence()) {
                return cached.jpeg();
            }
            try (FrameRing.Reader reader = ring.newReader("api-snapshot")) {
                FrameSlot slot = reader.acquireNewest();
                if (slot == null) {
                    return cached == null ? null : cached.jpeg();
                }
                byte[] jpeg = FrameSnapshots.jpegWithBoxes(slot.pixels(), slot.width(), slot.height(), slot.stride(),
                        List.of(), slot.width(), slot.height());
                last.put(id, new Encoded(slot.sequence(), jpeg));
                return jpeg;
            }
        }
    }
}
