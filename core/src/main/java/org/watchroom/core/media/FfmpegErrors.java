package org.watchroom.core.media;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_BAD_REQUEST;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_FORBIDDEN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_OTHER_4XX;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_SERVER_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;
import org.watchroom.core.redaction.Redaction;

/**
 * Turns FFmpeg error codes into messages a guard understands. Thread-safety: stateless.
 */
public final class FfmpegErrors {
    private static final int ENOENT = 2;
    private static final int EIO = 5;
    private static final int EACCES = 13;
    private static final int ENETUNREACH = 101;
    private static final int ECONNRESET = 104;
    private static final int ETIMEDOUT = 110;
    private static final int ECONNREFUSED = 111;
    private static final int EHOSTUNREACH = 113;
    private static final int ERROR_BUFFER = 256;

    private FfmpegErrors() {
    }

    /** Why opening or reading {@code input} failed with {@code code}; {@code during} says when ("while reading"). */
    public static InputFailure describe(int code, String during, MediaInput input) {
        if (code == FfmpegInput.DEVICES_UNAVAILABLE) {
            return new InputFailure(DeviceSupport.load().orElse("device sources are unavailable"), true);
        }
        boolean network = input.network();
        if (code == AVERROR_HTTP_UNAUTHORIZED) {
            return new InputFailure("401 unauthorized: the camera rejected the user name or password", true);
        }
        if (code == AVERROR_HTTP_FORBIDDEN) {
            return new InputFailure("403 forbidden: this user may not view the stream", true);
        }
        if (code == AVERROR_HTTP_NOT_FOUND) {
            return new InputFailure("stream not found (404): check the path in the URL", false);
        }
        if (code == AVERROR_HTTP_BAD_REQUEST || code == AVERROR_HTTP_OTHER_4XX) {
            return new InputFailure("the camera refused the request (4xx): check the URL", false);
        }
        if (code == AVERROR_HTTP_SERVER_ERROR) {
            return new InputFailure("the camera reported an internal error (5xx)", false);
        }
        if (code == AVERROR_DECODER_NOT_FOUND) {
            return new InputFailure("unsupported codec: no decoder for this stream", true);
        }
        if (code == AVERROR_STREAM_NOT_FOUND) {
            return new InputFailure("no video stream in the source", !network);
        }
        if (code == AVERROR_INVALIDDATA) {
            return new InputFailure("invalid data: the stream is corrupt or not a video", !network);
        }
        if (code == AVERROR_EOF) {
            return new InputFailure("the stream ended", false);
        }
        if (code == AVERROR_EXIT) {
            return new InputFailure("no data arrived in time (stalled)", false);
        }
        return switch (-code) {
            case ENOENT -> network ? new InputFailure("stream not found", false)
                    : new InputFailure("file not found: " + input.address(), true);
            case EACCES -> new InputFailure("permission denied", true);
            case ECONNREFUSED -> new InputFailure("connection refused: nothing is listening at that address and port", false);
            case EHOSTUNREACH, ENETUNREACH -> new InputFailure("host unreachable", false);
            case ETIMEDOUT -> new InputFailure("connection timed out: the host does not answer", false);
            case ECONNRESET -> new InputFailure("the camera closed the connection", false);
            case EIO -> network && !resolves(input.address())
                    ? new InputFailure("host name not found: " + host(input.address()), false)
                    : new InputFailure("I/O error " + during, false);
            default -> new InputFailure(Redaction.redact(text(code)) + " (" + during + ")", false);
        };
    }

    /**
     * FFmpeg's own text for {@code code}, or {@code error code N} when FFmpeg has none. Only the characters before the
     * first NUL are read: the rest of the native buffer is uninitialised memory (symbol names, heap contents).
     */
    public static String text(int code) {
        try (BytePointer buffer = new BytePointer(ERROR_BUFFER)) {
            buffer.zero(); // belt and braces: av_strerror may write nothing at all
            if (av_strerror(code, buffer, ERROR_BUFFER) < 0) {
                return "error code " + code; // FFmpeg's fallback is a guess about errno; the number says as much
            }
            byte[] bytes = new byte[ERROR_BUFFER];
            buffer.get(bytes);
            int length = 0;
            while (length < bytes.length && bytes[length] != 0) {
                length++;
            }
            String text = new String(bytes, 0, length, StandardCharsets.UTF_8).strip();
            return text.isEmpty() || !text.chars().allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd)
                    ? "error code " + code : text;
        }
    }

    private static String host(String address) {
        try {
            return URI.create(address).getHost();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    private static boolean resolves(String address) {
        try {
            InetAddress.getByName(host(address));
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
