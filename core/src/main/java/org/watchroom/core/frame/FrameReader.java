package org.watchroom.core.frame;

/**
 * A consumer's view of a camera's frames, in this process ({@link FrameRing.Reader}) or in the engine's process
 * through shared memory ({@link SharedFrameReader}): acquire the newest frame (pinned until the next acquire or
 * {@link #release()}), skip and count the ones in between.
 *
 * <p>Thread-safety: one thread per reader.
 */
public interface FrameReader extends AutoCloseable {

    String name();

    /**
     * Pins and returns the newest frame if it is newer than the last one this reader saw, releasing the
     * previously held slot first (a trailing reader keeps it one acquire longer); {@code null} when there is
     * nothing new.
     */
    FrameSlot acquireNewest();

    /** The slot this reader has pinned, or {@code null}. */
    FrameSlot held();

    /** Unpins the held slot, if any (and a trailing reader's previous one). */
    void release();

    /** Frames published while this reader was busy and never shown to it. */
    long skipped();

    /** Whether a frame newer than the last acquired one was published. */
    boolean hasNewer();

    /** Releases what it holds and detaches from the ring. */
    @Override
    void close();
}
