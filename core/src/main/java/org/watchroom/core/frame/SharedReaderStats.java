package org.watchroom.core.frame;

/**
 * What the engine sees of one out-of-process reader of a shared ring: its process, the frames it showed, and
 * the frames it skipped (published while it was busy), as it counts them in the shared file.
 *
 * <p>Thread-safety: immutable.
 */
public record SharedReaderStats(long pid, long displayed, long skipped) {
}
