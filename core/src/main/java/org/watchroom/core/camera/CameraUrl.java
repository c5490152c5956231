package org.watchroom.core.camera;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated camera address with its credentials held apart from it.
 *
 * <p>Accepted forms: {@code rtsp://}, {@code rtsps://}, {@code rtmp://}, {@code rtmps://}, {@code http://},
 * {@code https://} (MJPEG, HLS), a local file path or {@code file:} URL (add {@code ?loop=1} to loop it),
 * {@code v4l2:/dev/video0} or {@code /dev/videoN}, {@code dshow:video=Name}, and {@code lavfi:GRAPH} (demo).
 * {@link #toString()} and {@link #redacted()} never contain the password; only {@link #withCredentials()}
 * does, and it is meant for FFmpeg alone. Text without {@code ://} is a file path unless it looks like a URL whose
 * slashes went missing ({@code rtsp:/cam}, {@code cam:554/x}, {@code admin:pw@cam}), which is an error.
 *
 * <p>Thread-safety: immutable.
 *
 * @param address the address without user info (and without the {@code loop} query parameter)
 * @param username user name or {@code null}
 * @param password password or {@code null}
 * @param kind which kind of source this is
 * @param loop whether a file source restarts at its end
 */
public record CameraUrl(String address, String username, String password, SourceKind kind, boolean loop) {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final Pattern V4L2_DEVICE =
            Pattern.compile("/dev/video\\d{1,3}|/dev/v4l/by-(?:id|path)/(?!\\.\\.?$)[A-Za-z0-9._:+-]{1,200}");
    private static final int SHOWN = 120;
    private static final String ENCODE_HINT = " Characters such as / @ # ? % and spaces in a user name or password "
            + "must be percent-encoded (%2F %40 %23 %3F %25 %20).";

    /** Parses and validates {@code text}; throws {@link InvalidCameraUrlException} with a clear message. */
    public static CameraUrl parse(String text) {
        return parse(text, null, null);
    }

    /**
     * Parses {@code text}; user and password embedded in the URL win over {@code username}/{@code password}
     * given apart (as stored in the database). A source FFmpeg must not open ({@link #refusal()}) is an error too.
     * Messages quote a network URL only with its user info masked ({@code rtsp://***@host/path}), and text that
     * is not one (a mistyped scheme, a lavfi graph) not at all: at most a refused filter's name.
     */
    public static CameraUrl parse(String text, String username, String password) {
        CameraUrl url = read(text, username, password);
        url.refusal().ifPresent(reason -> {
            throw new InvalidCameraUrlException(reason);
        });
        return url;
    }

    /**
     * Reads a URL as stored in the database: like {@link #parse(String, String, String)}, but a source that is
     * refused ({@link #refusal()}) is returned rather than thrown. Rows stored before a filter or device was refused
     * must still list, disable and delete; {@link CameraSource} refuses to open them, so such a camera fails with
     * the reason instead of stopping the engine.
     */
    public static CameraUrl stored(String text, String username, String password) {
        return read(text, username, password);
    }

    /**
     * Why FFmpeg must not open this source, or empty: a {@code lavfi:} graph with a filter or option that is not
     * on {@link LavfiGraph}'s list (they can read and write the host's files), or a {@code v4l2:} device that is not
     * a video device under {@code /dev} (FFmpeg opens it read-write).
     */
    public Optional<String> refusal() {
        return switch (kind) {
            case LAVFI -> LavfiGraph.refusal(address.substring("lavfi:".length()));
            case WEBCAM -> address.regionMatches(true, 0, "v4l2:", 0, 5) && !V4L2_DEVICE.matcher(address.substring(5)).matches()
                    ? Optional.of("A v4l2 camera must be a video device: /dev/videoN or a link in /dev/v4l/by-id or "
                            + "/dev/v4l/by-path.")
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static CameraUrl read(String text, String username, String password) {
        if (text == null || text.isBlank()) {
            throw new InvalidCameraUrlException("The camera URL is empty.");
        }
        String trimmed = text.strip();
        if (trimmed.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidCameraUrlException("The camera URL contains a control character (such as a line break).");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("lavfi:")) {
            String graph = trimmed.substring("lavfi:".length());
            if (graph.isEmpty()) {
                throw new InvalidCameraUrlException("A lavfi source needs a filter graph, e.g. lavfi:testsrc2=size=640x360:rate=15");
            }
            return new CameraUrl(trimmed, null, null, SourceKind.LAVFI, false);
        }
        if (lower.startsWith("v4l2:") || lower.startsWith("dshow:") || lower.startsWith("/dev/video")) {
            String device = lower.startsWith("/dev/") ? "v4l2:" + trimmed : trimmed;
            return new CameraUrl(device, null, null, SourceKind.WEBCAM, false);
        }
        if (lower.startsWith("file:") || lower.startsWith("/") || lower.startsWith("./") || lower.startsWith("../")
                || UrlShape.windowsPath(trimmed)) {
            return file(trimmed);
        }
        int schemeEnd = lower.indexOf("://");
        if (schemeEnd < 0) {
            UrlShape.mistypedScheme(trimmed).ifPresent(message -> {
                throw new InvalidCameraUrlException(message);
            });
            return file(trimmed);
        }
        return network(trimmed, schemeEnd, username, password);
    }

    private static CameraUrl network(String trimmed, int schemeEnd, String username, String password) {
        String scheme = trimmed.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.matches("[a-z][a-z0-9+.-]{0,19}")) {
            throw new InvalidCameraUrlException("The camera URL must start with rtsp://, rtsps://, rtmp://, rtmps://, "
                    + "http:// or https://, or be a file path, v4l2:, dshow: or lavfi:.");
        }
        if (trimmed.chars().anyMatch(Character::isWhitespace)) { // paths and device names may have spaces, URLs not
            throw new InvalidCameraUrlException("The camera URL contains spaces: " + masked(trimmed)
                    + " (write each as %20, in a password too).");
        }
        SourceKind kind = switch (scheme) {
            case "rtsp", "rtsps" -> SourceKind.RTSP;
            case "rtmp", "rtmps" -> SourceKind.RTMP;
            case "http", "https" -> SourceKind.HTTP;
            default -> throw new InvalidCameraUrlException("Unsupported URL scheme '" + scheme
                    + "'. Use rtsp, rtsps, rtmp, rtmps, http, https, a file path, v4l2:, dshow: or lavfi:.");
        };
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidCameraUrlException("The camera URL is malformed (" + e.getReason() + " at character "
                    + (e.getIndex() + 1) + "): " + masked(trimmed) + "." + ENCODE_HINT);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidCameraUrlException("The camera URL has no host name: " + masked(trimmed) + "." + ENCODE_HINT);
        }
        if (uri.getPort() > 65535) {
            throw new InvalidCameraUrlException("The camera URL's port must be 1-65535: " + masked(trimmed) + ".");
        }
        String user = username;
        String pass = password;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            pass = parts.length > 1 ? decode(parts[1]) : null;
        }
        String address = trimmed.substring(0, schemeEnd + 3) + uri.getRawAuthority().substring(
                uri.getRawUserInfo() == null ? 0 : uri.getRawUserInfo().length() + 1)
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new CameraUrl(address, blankToNull(user), blankToNull(pass), kind, false);
    }

    /**
     * A typed network URL as a message may quote it: everything from {@code ://} to the last {@code @} masked, so
     * a password is hidden whatever it holds ({@code /}, {@code @}, spaces, {@code ://}), and cut to 120 characters.
     */
    private static String masked(String typed) {
        int start = typed.indexOf("://");
        int at = typed.lastIndexOf('@');
        String shown = start >= 0 && at > start ? typed.substring(0, start + 3) + "***" + typed.substring(at) : typed;
        return shown.length() > SHOWN ? shown.substring(0, SHOWN) + "…" : shown;
    }

    private static CameraUrl file(String text) {
        String pathText = text;
        boolean loop = false;
        int query = pathText.indexOf('?');
        if (query >= 0) {
            String params = pathText.substring(query + 1);
            pathText = pathText.substring(0, query);
            for (String param : params.split("&")) {
                if (param.equals("loop=1") || param.equals("loop=true") || param.equals("loop")) {
                    loop = true;
                } else if (!param.isEmpty() && !param.startsWith("loop=")) {
                    throw new InvalidCameraUrlException("Unknown option" + (param.matches("[\\w.=-]{1,40}")
                            ? " '" + param + "'" : "") + " on a file source; only loop=1 is supported.");
                }
            }
        }
        if (pathText.isBlank()) {
            throw new InvalidCameraUrlException("The file path is empty.");
        }
        return new CameraUrl(localPath(pathText), null, null, SourceKind.FILE, loop);
    }

    /** The absolute path; a Windows path is kept as typed where this OS cannot resolve it. */
    private static String localPath(String pathText) {
        try {
            if (pathText.toLowerCase(Locale.ROOT).startsWith("file:")) {
                return Path.of(URI.create(pathText)).toString();
            }
            if (UrlShape.windowsPath(pathText) && !WINDOWS) {
                return pathText;
            }
            return Path.of(pathText).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            throw new InvalidCameraUrlException("The file path is not valid here (" + e.getReason() + ").");
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new InvalidCameraUrlException("The file URL is malformed: write file:///folder/name.mp4.");
        }
    }

    /** Percent-decoding only: a {@code +} in user info is a plus, not a space as in a form. */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The URL FFmpeg opens, credentials included. Never log or show it. */
    public String withCredentials() {
        if (username == null || !address.contains("://")) {
            return address;
        }
        int hostStart = address.indexOf("://") + 3;
        String userInfo = encode(username) + (password == null ? "" : ":" + encode(password));
        return address.substring(0, hostStart) + userInfo + "@" + address.substring(hostStart);
    }

    /** The URL as shown to people: user name kept, password replaced by {@code ***}. */
    public String redacted() {
        if (username == null || !address.contains("://")) {
            return kind == SourceKind.FILE && loop ? address + "?loop=1" : address;
        }
        int hostStart = address.indexOf("://") + 3;
        return address.substring(0, hostStart) + username + (password == null ? "" : ":***") + "@"
                + address.substring(hostStart);
    }

    /** The text to store as the URL: the address without credentials (they are stored apart). */
    public String storedAddress() {
        return kind == SourceKind.FILE && loop ? address + "?loop=1" : address;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return redacted();
    }
}
