package org.watchroom.core.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people write them in settings and camera policies ({@code 500G}, {@code 20M}): here, below both the
 * settings and the recorder that read them, so that neither has to ask the other.
 *
 * <p>Thread-safety: stateless.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(?:i?B)?",
            Pattern.CASE_INSENSITIVE);

    private ByteSize() {
    }

    /**
     * Bytes from a size as people write it: {@code 500G}, {@code 20M}, {@code 1.5T}, {@code 750MB}, {@code 1024}
     * (bytes); units are powers of 1024. At least 1 MiB.
     */
    public static long parse(String text) {
        Matcher m = text == null ? null : SIZE.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("A size is a number with an optional unit K, M, G or T (like 500G or "
                    + "20M), not '" + text + "'.");
        }
        double value = Double.parseDouble(m.group(1));
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        double bytes = value * (1L << shift);
        if (bytes < (1 << 20) || bytes > Long.MAX_VALUE / 2.0) {
            throw new IllegalArgumentException("A recording size must be between 1M and 4096P, not '" + text + "'.");
        }
        return (long) bytes;
    }
}
