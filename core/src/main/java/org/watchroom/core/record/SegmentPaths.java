package org.watchroom.core.record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where segment files go: {@code <recordings>/<camera dir>/<yyyy-MM-dd>/<HH>/<yyyyMMdd-HHmmss-SSS>.mp4}, dates and
 * hours in UTC (no folder repeats or skips an hour when summer time starts or ends), named by the wall time of the
 * segment's first keyframe.
 *
 * <p>Thread-safety: stateless.
 */
public final class SegmentPaths {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private SegmentPaths() {
    }

    /** The folder of one camera's recordings: {@code cam<id>-<name made safe for file names>}. */
    public static String cameraDir(long cameraId, String cameraName) {
        return (cameraId < 0 ? "demo" + -cameraId : "cam" + cameraId) + "-"
                + cameraName.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    /** A file that does not exist yet for a segment of the camera in {@code cameraDir} starting at {@code start}. */
    public static Path newFile(Path cameraDir, Instant start) {
        Path folder = cameraDir.resolve(DAY.format(start)).resolve(HOUR.format(start));
        String base = NAME.format(start);
        Path file = folder.resolve(base + ".mp4");
        for (int n = 2; Files.exists(file); n++) {
            file = folder.resolve(base + "-" + n + ".mp4");
        }
        return file;
    }
}
