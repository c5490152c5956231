package org.watchroom.core.evidence;

import java.nio.file.Path;
import java.util.List;
import org.watchroom.core.auth.Operator;

/**
 * Evidence exports as jobs: started, then followed (progress, outcome) and cancelled by id. A port, so that a
 * workstation attached to an engine in another process exports through it: the engine reads its database and writes
 * the package, into a folder on the same machine, as the engine's OS user. Methods take and return JSON values only.
 *
 * <p>Thread-safety: implementations are safe from any thread; {@code start…} returns at once, the export runs on.
 */
public interface EvidenceDesk {

    /** Starts exporting {@code eventIds} into {@code folder} for {@code how.by()} (needs EXPORT); returns its job id. */
    String startEvents(List<Long> eventIds, Path folder, ExportRequest how);

    /** Starts exporting a time range of cameras' recordings into {@code folder}; returns its job id. */
    String startRange(RangeRequest range, Path folder, ExportRequest how);

    /**
     * The job now; a finished job (done or failed) is forgotten once it was read so.
     *
     * @throws java.util.NoSuchElementException for an unknown (or already read) job
     */
    ExportJob job(String jobId);

    /** Asks the job to stop; it removes what it wrote. Nothing for an unknown or finished one. */
    void cancel(String jobId);

    /**
     * Who exports and how: the zone local times are written in, and whether a {@code .zip} goes next to the folder.
     *
     * @param zone a zone id ({@code Europe/Berlin})
     */
    record ExportRequest(Operator by, String zone, boolean zip) {
    }

    /**
     * One export as it stands.
     *
     * @param bytesDone  bytes copied so far (a {@code .zip} counts them twice)
     * @param bytesTotal bytes to copy, as known now
     * @param result     the package, once done
     * @param failure    why it failed or was cancelled, in words for people; empty while running or done
     * @param cancelled  whether it stopped because it was cancelled (and removed what it wrote)
     */
    record ExportJob(long bytesDone, long bytesTotal, ExportResult result, String failure, boolean cancelled) {
        public boolean finished() {
            return result != null || !failure.isEmpty();
        }
    }
}
