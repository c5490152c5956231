package org.watchroom.core.camera;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a file path from a network URL whose {@code ://} went missing. Without it {@code rtsp:/admin:pw@cam/x} was
 * taken for a relative file path: stored and listed with its password in plain text, and never a camera.
 *
 * <p>Thread-safety: stateless.
 */
final class UrlShape {
    static final Set<String> NETWORK_SCHEMES = Set.of("rtsp", "rtsps", "rtmp", "rtmps", "http", "https");

    /** {@code C:\x}, {@code C:/x}, {@code C:x} (a drive letter is not a scheme) or {@code \\server\share}. */
    private static final Pattern WINDOWS_PATH = Pattern.compile("^(?:[a-zA-Z]:|\\\\\\\\)");
    /** {@code rtsp:…}, {@code admin:…}, {@code cam.local:554}: a word and a colon, where a path has no colon. */
    private static final Pattern SCHEME_LIKE = Pattern.compile("^([a-z][a-z0-9+.-]*):");
    /** {@code rtsp//cam}: one of ours with its colon missing. */
    private static final Pattern COLON_MISSING = Pattern.compile("^(rtsps?|rtmps?|https?)[/\\\\]{2}");
    /** {@code 192.168.1.20:554/stream}: a host and a port. */
    private static final Pattern HOST_PORT = Pattern.compile("^[^/\\\\:@\\s]+:\\d{1,5}(?:[/?#]|$)");
    /** {@code 1admin:pw@cam}: user info before any slash. */
    private static final Pattern USER_INFO = Pattern.compile("^[^/\\\\@\\s]*:[^@]*@");

    private UrlShape() {
    }

    static boolean windowsPath(String text) {
        return WINDOWS_PATH.matcher(text).lookingAt();
    }

    /**
     * Why {@code text} (no {@code ://}, not a drive letter, {@code file:}, {@code lavfi:}, {@code v4l2:} or
     * {@code dshow:}) is a mistyped URL rather than a file path; empty when it reads as a path. The message never
     * quotes the text.
     */
    static Optional<String> mistypedScheme(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher scheme = SCHEME_LIKE.matcher(lower);
        if (scheme.lookingAt()) {
            return Optional.of(message(scheme.group(1)));
        }
        Matcher missing = COLON_MISSING.matcher(lower);
        if (missing.lookingAt()) {
            return Optional.of(message(missing.group(1)));
        }
        if (HOST_PORT.matcher(lower).lookingAt() || USER_INFO.matcher(lower).lookingAt()) {
            return Optional.of(message("rtsp"));
        }
        return Optional.empty();
    }

    private static String message(String scheme) {
        String meant = NETWORK_SCHEMES.contains(scheme) ? scheme : "rtsp";
        return "The camera URL looks like a URL with a mistyped scheme: write " + meant
                + "://host/path (two slashes after the colon; rtsp, rtsps, rtmp, rtmps, http and https are known). "
                + "A file's path starts with /, ./ or a drive letter.";
    }
}
