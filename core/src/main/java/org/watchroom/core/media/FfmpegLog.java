package org.watchroom.core.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's own log lines (warnings and errors) go to the {@link FfmpegLogBuffer} of the camera whose thread printed
 * them, instead of to the console or nowhere: the buffer keeps the last few, redacted, and the camera writes them to
 * the log when it fails (as Frigate does with ffmpeg's output). A line from a thread that no camera claimed (a
 * decoder's worker thread, a clip being written) goes to this class's logger at debug level, redacted.
 *
 * <p>Thread-safety: safe from any thread; FFmpeg calls the callback on whichever thread logs, Java or its own.
 */
public final class FfmpegLog {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegLog.class);
    /** Warnings and errors: "Connection timed out", "RTP: missed 12 packets", "error while decoding MB …". */
    private static final int LEVEL = AV_LOG_WARNING;
    private static final ThreadLocal<FfmpegLogBuffer> CURRENT = new ThreadLocal<>();
    /** Held here for ever: FFmpeg keeps only the native pointer, and a collected callback would crash the process. */
    private static final Callback CALLBACK = new Callback();
    @GuardedBy("FfmpegLog.class")
    private static boolean installed;

    private FfmpegLog() {
    }

    /** Routes FFmpeg's log through {@link #CALLBACK}, once per process. */
    static synchronized void install() {
        if (!installed) {
            installed = true;
            av_log_set_level(LEVEL);
            setLogCallback(CALLBACK); // JavaCPP's C side formats the va_list: Java cannot read one
        }
    }

    /** What FFmpeg prints on the calling thread goes into {@code buffer} until {@link #detach()}. */
    public static void attach(FfmpegLogBuffer buffer) {
        CURRENT.set(buffer);
    }

    public static void detach() {
        CURRENT.remove();
    }

    /** One line from FFmpeg, already formatted. */
    static void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        FfmpegLogBuffer buffer = CURRENT.get();
        if (buffer != null) {
            buffer.add(line);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("FFmpeg: {}", FfmpegLogBuffer.redactLine(line));
        }
    }

    private static final class Callback extends LogCallback {
        @Override
        public void call(int level, BytePointer line) {
            if (level > LEVEL) {
                return;
            }
            try {
                accept(line.getString().strip());
            } catch (Throwable e) { // never let an exception unwind into FFmpeg's C frames
                LOG.warn("Cannot take a line of FFmpeg's log", e);
            }
        }
    }
}
