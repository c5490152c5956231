package org.watchroom.core.remote;

import java.nio.file.Path;
import org.watchroom.core.engine.LiveTile;
import org.watchroom.core.frame.AwaitingFrameReader;
import org.watchroom.core.frame.FrameSlot;

/**
 * A workstation's use of an engine, in a process of its own for tests that kill it: attached over the control socket
 * (calls and feed), reading the first camera's frames from shared memory, pinning one all the time. Prints
 * {@code READY} once it holds a frame, then reads on until killed.
 */
public final class AttachedClientChild {
    private AttachedClientChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        AttachedEngine attached = AttachedEngine.attach(data, signal -> { });
        LiveTile tile = attached.ports().wall().tiles().getFirst();
        AwaitingFrameReader reader = new AwaitingFrameReader(data, tile.sharedFrames(), "wall:child", true);
        boolean ready = false;
        while (true) {
            FrameSlot slot = reader.acquireNewest();
            if (slot != null && !ready) {
                ready = true;
                System.out.println("READY");
                System.out.flush();
            }
            Thread.sleep(20);
        }
    }
}
