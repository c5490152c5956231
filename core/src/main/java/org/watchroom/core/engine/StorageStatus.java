package org.watchroom.core.engine;

import java.time.Instant;

/**
 * The storage as the engine sees it, for health checks, statistics, metrics and the status bar.
 *
 * @param writeProblem why event writes fail (the database cannot write), or null while they work
 * @param failingSince when writes started failing, or null
 * @param pendingWrites event writes waiting in memory
 * @param refusedWrites event writes refused since start because too many waited
 * @param recordingPaused why clips are not recorded (too little free space), or null while they are
 * @param freeBytes usable bytes where clips are written, -1 when unknown
 */
public record StorageStatus(String writeProblem, Instant failingSince, int pendingWrites, long refusedWrites,
                            String recordingPaused, long freeBytes) {

    /** Whether the database cannot write now. */
    public boolean failing() {
        return writeProblem != null;
    }

    /** "ok", "recording_paused" or "failing", the worst first. */
    public String state() {
        return failing() ? "failing" : recordingPaused != null ? "recording_paused" : "ok";
    }
}
