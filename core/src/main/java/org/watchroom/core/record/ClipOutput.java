package org.watchroom.core.record;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * A clip file being written: by stream copy ({@link ClipWriter}) or re-encoded on a worker ({@link TranscodingClip}).
 * Not {@code store.Clip}, the row that describes a clip once it is recorded.
 *
 * <p>Thread-safety: one owner (a recorder, under its lock or on its writer thread); see each implementation.
 */
sealed interface ClipOutput permits ClipWriter, TranscodingClip {

    Path file();

    /** Wall time of the first packet in the clip, or null before it. */
    Instant startedAt();

    /** Takes its own reference to {@code packet}; the caller keeps its own. */
    boolean write(AVPacket packet, long arrivalMillis) throws IOException;

    /** Gives up: frees everything; the file keeps what was written. */
    void release();
}
