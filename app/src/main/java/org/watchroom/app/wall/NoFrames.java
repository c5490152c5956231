package org.watchroom.app.wall;

import org.watchroom.core.frame.FrameReader;
import org.watchroom.core.frame.FrameSlot;

/**
 * A reader with nothing to read: a camera that stopped between listing and showing, or one whose frames the engine
 * could not share. Its tile shows its name and state, and no picture.
 *
 * <p>Thread-safety: immutable.
 */
record NoFrames(String name) implements FrameReader {
    @Override
    public FrameSlot acquireNewest() { return null; }

    @Override
    public FrameSlot held() { return null; }

    @Override
    public void release() {
    }

    @Override
    public long skipped() { return 0; }

    @Override
    public boolean hasNewer() { return false; }

    @Override
    public void close() {
    }
}
