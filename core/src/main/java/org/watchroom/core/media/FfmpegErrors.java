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
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.Redaction;
import org.watchroom.core.camera.SourceFailure;
import org.watchroom.core.camera.SourceKind;

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

    public static SourceFailure describe(int code, String during, CameraUrl url) {
        if (code == FfmpegInput.SOURCE_REFUSED) {
            return new SourceFailure(url.refusal().orElse("this source may not be opened"), true);
        }
        if (code == FfmpegInput.DEVICES_UNAVAILABLE) {
            return new SourceFailure(DeviceSupport.load().orElse("device sources are unavailable"), true);
        }
        boolean network = url.kind() != SourceKind.FILE && url.kind() != SourceKind.LAVFI;
        if (code == AVERROR_HTTP_UNAUTHORIZED) {
            return new SourceFailure("401 unauthorized: the camera rejected the user name or password", true);
        }
        if (code == AVERROR_HTTP_FORBIDDEN) {
            return new SourceFailure("403 forbidden: this user may not view the stream", true);
        }
        if (code == AVERROR_HTTP_NOT_FOUND) {
            return new SourceFailure("stream not found (404): check the path in the URL", false);
        }
        if (code == AVERROR_HTTP_BAD_REQUEST || code == AVERROR_HTTP_OTHER_4XX) {
            return new SourceFailure("the camera refused the request (4xx): check the URL", false);
        }
        if (code == AVERROR_HTTP_SERVER_ERROR) {
            return new SourceFailure("the camera reported an internal error (5xx)", false);
        }
        if (code == AVERROR_DECODER_NOT_FOUND) {
            return new SourceFailure("unsupported codec: no decoder for this stream", true);
        }
        if (code == AVERROR_STREAM_NOT_FOUND) {
            return new SourceFailure("no video stream in the source", !network);
        }
        if (code == AVERROR_INVALIDDATA) {
            return new SourceFailure("invalid data: the stream is corrupt or not a video", !network);
        }
        if (code == AVERROR_EOF) {
            return new SourceFailure("the stream ended", false);
        }
        if (code == AVERROR_EXIT) {
            return new SourceFailure("no data arrived in time (stalled)", false);
        }
        return switch (-code) {
            case ENOENT -> network ? new SourceFailure("stream not found", false)
                    : new SourceFailure("file not found: " + url.address(), true);
            case EACCES -> new SourceFailure("permission denied", true);
            case ECONNREFUSED -> new SourceFailure("connection refused: nothing is listening at that address and port", false);
            case EHOSTUNREACH, ENETUNREACH -> new SourceFailure("host unreachable", false);
            case ETIMEDOUT -> new SourceFailure("connection timed out: the host does not answer", false);
            case ECONNRESET -> new SourceFailure("the camera closed the connection", false);
            case EIO -> network && !resolves(url) ? new SourceFailure("host name not found: " + host(url), false)
                    : new SourceFailure("I/O error " + during, false);
            default -> new SourceFailure(Redaction.redact(text(code)) + " (" + during + ")", false);
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

    private static String host(CameraUrl url) {
        try {
            return URI.create(url.address()).getHost();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    private static boolean resolves(CameraUrl url) {
        try {
            InetAddress.getByName(host(url));
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
