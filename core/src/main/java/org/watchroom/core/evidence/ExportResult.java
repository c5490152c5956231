package org.watchroom.core.evidence;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * <p>Thread-safety: immutable.
 *
 * @param exportId       the id in the manifest and the audit subject ({@code export:<id>})
 * @param folder         the package folder
 * @param zip            the zip of it, or null
 * @param eventIds       the events exported
 * @param files          files listed in the manifest
 * @param bytes          their total size
 * @param manifestSha256 SHA-256 of {@code manifest.json}, also in the audit row
 * @param missing        package paths of source files that were gone (e.g. deleted by retention), empty if none
 * @param recordings     package paths of the recordings cut for a time range (one MP4 per camera), empty for events
 */
public record ExportResult(String exportId, Path folder, Path zip, List<Long> eventIds, int files, long bytes,
                           String manifestSha256, List<String> missing, List<String> recordings) {
    public ExportResult {
        eventIds = List.copyOf(eventIds);
        missing = List.copyOf(missing);
        recordings = List.copyOf(recordings);
    }

    /** An export of events. */
    public ExportResult(String exportId, Path folder, Path zip, List<Long> eventIds, int files, long bytes,
                        String manifestSha256, List<String> missing) {
        this(exportId, folder, zip, eventIds, files, bytes, manifestSha256, missing, List.of());
    }
}
