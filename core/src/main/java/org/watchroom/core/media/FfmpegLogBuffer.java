package org.watchroom.core.media;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last lines FFmpeg printed for one camera, with passwords removed before they are stored: written to the log
 * when the camera fails, so that "stream ended" comes with FFmpeg's own reasons.
 *
 * <p>Thread-safety: safe from any thread (one lock around a small deque).
 */
public final class FfmpegLogBuffer {
    /** Enough for the lines that lead up to a failure, few enough to read in a log. */
    public static final int DEFAULT_CAPACITY = 20;
    /** A line longer than this is cut: FFmpeg can quote whole SDP bodies or hex dumps. */
    static final int MAX_LINE = 300;
    private static final Pattern USERINFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/\\s@]*@");
    private static final Pattern ADDRESS_IN_BRACKETS = Pattern.compile("\\s@ 0x[0-9a-f]+\\]");

    private final int capacity;
    private final String secret;
    private final String encodedSecret; // as FFmpeg sees it inside a URL
    @GuardedBy("this")
    private final Deque<String> lines = new ArrayDeque<>();

    /** @param secret a password to blank wherever it appears (null for none) */
    public FfmpegLogBuffer(int capacity, String secret) {
        this.capacity = capacity;
        this.secret = secret == null || secret.isEmpty() ? null : secret;
        this.encodedSecret = this.secret == null ? null
                : URLEncoder.encode(this.secret, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + redactLine(line, secret, encodedSecret));
    }

    /** The kept lines ("HH:MM:SS.mmm text"), oldest first, and forgets them (so that the next failure shows only its own). */
    public synchronized List<String> drain() {
        List<String> all = List.copyOf(lines);
        lines.clear();
        return all;
    }

    /**
     * Removes every {@code scheme://user:password@} (the whole user info: FFmpeg may quote a URL whose password holds
     * characters a narrower pattern would stop at) and every secret, drops the context address in
     * {@code [h264 @ 0x55d…]} and cuts the line to {@value #MAX_LINE} characters.
     */
    static String redactLine(String line, String... secrets) {
        String text = USERINFO.matcher(line).replaceAll("$1***@");
        for (String secret : secrets) {
            if (secret != null) {
                text = text.replace(secret, "***");
            }
        }
        text = ADDRESS_IN_BRACKETS.matcher(text).replaceAll("]");
        return text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "…" : text;
    }
}
