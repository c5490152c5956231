package org.watchroom.core.evidence;

/**
 * Told how far an export is, in bytes, after every chunk copied. Called on the exporting thread; the total can
 * grow by the size of the event files written at the end, and with {@code .zip} it counts the bytes twice
 * (copied, then zipped).
 *
 * <p>Thread-safety: implementations must accept calls from the exporting thread.
 */
@FunctionalInterface
public interface ExportProgress {
    ExportProgress NONE = (done, total) -> { };

    void update(long bytesDone, long bytesTotal);
}
