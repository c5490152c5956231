package org.watchroom.core.settings;

import java.util.Locale;
import org.watchroom.core.config.ByteSize;

/**
 * The free space continuous recording keeps on its disk ({@code recording.reserve}): retention deletes the oldest
 * footage of any camera while less is free. {@code auto} (the default) is the smaller of 5 % of the disk and
 * 10 GiB; otherwise a size ({@code 20G}, {@code 500M}: {@link ByteSize#parse}) or a share of the disk
 * ({@code 5%}, 0.1–50).
 *
 * <p>Thread-safety: immutable.
 *
 * @param text    the setting as stored, normalised
 * @param bytes   a fixed size, or 0 when it is a share
 * @param percent the share of the disk, or 0 when it is a size
 */
public record RecordingReserve(String text, long bytes, double percent) {
    public static final String AUTO = "auto";
    private static final long AUTO_CAP = 10L << 30;

    /** Reads a typed or stored value; a clear error for anything else. */
    public static RecordingReserve parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.equals(AUTO)) {
            return new RecordingReserve(AUTO, 0, 0);
        }
        if (v.endsWith("%")) {
            double p;
            try {
                p = Double.parseDouble(v.substring(0, v.length() - 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(problem(value));
            }
            if (!(p >= 0.1 && p <= 50)) {
                throw new IllegalArgumentException("Setting recording.reserve as a share of the disk must be between "
                        + "0.1% and 50%, not " + value.strip() + ".");
            }
            return new RecordingReserve(stripZeros(p) + "%", 0, p);
        }
        long bytes;
        try {
            bytes = ByteSize.parse(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(problem(value));
        }
        return new RecordingReserve(v.toUpperCase(Locale.ROOT), bytes, 0);
    }

    /** The reserve in bytes on a disk of {@code totalBytes}. */
    public long bytesOn(long totalBytes) {
        if (bytes > 0) {
            return bytes;
        }
        if (percent > 0) {
            return (long) (totalBytes * percent / 100);
        }
        return Math.min(totalBytes / 20, AUTO_CAP);
    }

    private static String problem(String value) {
        return "Setting recording.reserve must be auto, a size like 20G or 500M, or a share of the disk like 5%, not '"
                + value + "'.";
    }

    private static String stripZeros(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
