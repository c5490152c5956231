package org.watchroom.core.redaction;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes passwords from any text before it is logged, shown or returned: {@code rtsp://admin:pw@host}
 * becomes {@code rtsp://admin:***@host}. Applied to URLs and to error messages that may quote them.
 *
 * <p>A password typed into a URL may hold any character ({@code /}, {@code @}, spaces), so the user info is taken to
 * run from the first {@code :} after {@code scheme:/} or {@code scheme://} to the <em>last</em> {@code @} on the same
 * line before the next URL. That may blank more than the password in odd text; it never blanks less.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class Redaction {
    /** Where a URL starts: a scheme and one to three slashes ({@code rtsp:/host} is a typo that still quotes a password). */
    private static final Pattern URL_START = Pattern.compile("(?i)(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:/{1,3}");

    private Redaction() {
    }

    /** Redacts every {@code scheme://user:password@} in {@code text}; {@code null} stays {@code null}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = URL_START.matcher(text);
        List<int[]> starts = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start(), m.end()});
        }
        if (starts.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i)[1];
            int limit = lineEnd(text, from, i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length());
            int at = text.lastIndexOf('@', limit - 1);
            int colon = text.indexOf(':', from);
            if (at < from || colon < 0 || colon > at) {
                continue; // no user info, or a user name alone (not secret)
            }
            out.append(text, copied, colon + 1).append("***");
            copied = at;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static int lineEnd(String text, int from, int limit) {
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return limit;
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
