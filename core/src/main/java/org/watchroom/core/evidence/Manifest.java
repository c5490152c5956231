package org.watchroom.core.evidence;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * {@code manifest.json} of an evidence package: who made it when, which events it holds, and the size and
 * SHA-256 of every other file in it, sorted by path.
 *
 * <p>Thread-safety: immutable.
 *
 * @param exportId the export's id; the audit row's subject is {@code export:<exportId>}
 * @param timeZone the zone the events' local times are written in
 */
public record Manifest(String exportId, Instant createdAt, String createdBy, String watchroomVersion, String timeZone,
                       List<Long> events, List<ManifestFile> files) {
    public static final String FORMAT = "watchroom-evidence";
    public static final int VERSION = 1;
    public static final String FILE_NAME = "manifest.json";

    public Manifest {
        events = List.copyOf(events);
        files = files.stream().sorted(Comparator.comparing(ManifestFile::path)).toList();
    }

    public long totalBytes() {
        return files.stream().mapToLong(ManifestFile::bytes).sum();
    }
}
