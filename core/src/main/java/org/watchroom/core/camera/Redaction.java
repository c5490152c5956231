package org.watchroom.core.camera;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Removes passwords from any text before it is logged, shown or returned: {@code rtsp://admin:pw@host}
 * becomes {@code rtsp://admin:***@host}. Applied to URLs and to error messages that may quote them.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class Redaction {
    private static final Pattern USERINFO_PASSWORD =
            Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/\\s:@]*):[^@/\\s]*@");

    private Redaction() {
    }

    /** Redacts every {@code scheme://user:password@} in {@code text}; {@code null} stays {@code null}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return USERINFO_PASSWORD.matcher(text).replaceAll("$1:***@");
    }

    /**
     * Redacts URLs and, in addition, every occurrence of a known password, literal or percent-encoded as it
     * appears inside a URL.
     */
    public static String redact(String text, String knownPassword) {
        String redacted = redact(text);
        if (redacted != null && knownPassword != null && !knownPassword.isEmpty()) {
            redacted = redacted.replace(knownPassword, "***")
                    .replace(URLEncoder.encode(knownPassword, StandardCharsets.UTF_8).replace("+", "%20"), "***");
        }
        return redacted;
    }
}
