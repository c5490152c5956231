package org.watchroom.core.frame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader of a camera's shared frame file that may not be there yet: the engine in the other process makes it
 * when the camera starts, and a wall can come first. Until the file opens it shows nothing and tries again after
 * 200 ms, then less often, up to every 2 s (no allocation in between); from then on it is the
 * {@link SharedFrameReader}, which follows the engine's restarts by itself. The folder is checked to belong to the
 * data folder's owner on each try ({@link SharedFrameFolder#forReading}).
 *
 * <p>Thread-safety: one thread per reader, as every {@link FrameReader}.
 */
public final class AwaitingFrameReader implements FrameReader {
    private static final Logger LOG = LoggerFactory.getLogger(AwaitingFrameReader.class);
    private static final long RETRY_NANOS = 200_000_000L;
    private static final long MAX_RETRY_NANOS = 2_000_000_000L;

    private final Path dataFolder;
    private final String fileName;
    private final String name;
    private final boolean trailing;
    private SharedFrameReader opened;
    private long lastTry;
    private long retryNanos = RETRY_NANOS / 2;
    private boolean tried;
    private String lastProblem = "";
    private boolean closed;

    /**
     * @param fileName the camera's frame file name in the engine's shared folder (without {@code .frames})
     * @param trailing as {@link FrameRing#newTrailingReader}: a wall tile's reader
     */
    public AwaitingFrameReader(Path dataFolder, String fileName, String name, boolean trailing) {
        SharedFrameFolder.file(Path.of("."), fileName); // refuses a name that is not a frame file's
        this.dataFolder = dataFolder;
        this.fileName = fileName;
        this.name = name;
        this.trailing = trailing;
    }

    @Override
    public String name() { return name; }

    @Override
    public FrameSlot acquireNewest() {
        SharedFrameReader reader = reader();
        return reader == null ? null : reader.acquireNewest();
    }

    private SharedFrameReader reader() {
        if (opened != null || closed) {
            return opened;
        }
        long now = System.nanoTime();
        if (tried && now - lastTry < retryNanos) {
            return null;
        }
        // each failed try waits longer, up to 2 s: a missing file costs the FX thread a stat, not five a second
        retryNanos = Math.min(MAX_RETRY_NANOS, retryNanos * 2);
        tried = true;
        lastTry = now;
        try {
            opened = SharedFrameReader.open(SharedFrameFolder.file(SharedFrameFolder.forReading(dataFolder), fileName),
                    name, trailing);
        } catch (IOException e) {
            if (!Objects.equals(e.getMessage(), lastProblem)) { // said once per reason, not five times a second
                lastProblem = e.getMessage();
                LOG.debug("{}: no shared frames yet ({})", name, e.getMessage(), e);
            }
        }
        return opened;
    }

    /** Whether the engine's frame file is open. */
    public boolean opened() { return opened != null; }

    @Override
    public FrameSlot held() { return opened == null ? null : opened.held(); }

    @Override
    public void release() {
        if (opened != null) {
            opened.release();
        }
    }

    @Override
    public long skipped() { return opened == null ? 0 : opened.skipped(); }

    @Override
    public boolean hasNewer() { return opened != null && opened.hasNewer(); }

    @Override
    public void close() {
        closed = true;
        if (opened != null) {
            opened.close();
            opened = null;
        }
    }
}
