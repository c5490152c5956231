package org.watchroom.core.record;

import org.watchroom.core.store.Segment;

/**
 * What {@link RecordingVerifier} found: every segment file as recorded and each camera's hash chain whole, or the
 * first segment that is not.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface RecordingVerification {

    /** Why a segment fails. */
    enum Problem {
        /** Its file is gone (or unreadable). */
        MISSING,
        /** Its file's size or SHA-256 differs from the one stored when it was recorded. */
        ALTERED,
        /** Its {@code prev_sha256} names no segment before it: a segment was removed, or rows were edited. */
        CHAIN_BROKEN;

        public String label() {
            return name().replace('_', ' ');
        }
    }

    /**
     * @param cameras  cameras checked
     * @param segments closed segments whose file was hashed
     * @param bytes    their bytes
     * @param open     segments being written (not checked: their hash is not known yet)
     */
    record Ok(int cameras, long segments, long bytes, long open) implements RecordingVerification {
        public String line() {
            return "OK: " + segments + " segment(s) of " + cameras + " camera(s) verified (" + bytes
                    + " bytes), hash chain intact" + (open == 0 ? "" : "; " + open + " being written, not checked");
        }
    }

    /** The first segment that fails, and why in words. */
    record Failed(Problem problem, Segment segment, String detail) implements RecordingVerification {
        public String line() {
            return problem.label() + ": segment " + segment.id() + " of camera "
                    + (segment.cameraId() == null ? "(removed)" : segment.cameraId()) + " '" + segment.cameraName()
                    + "' from " + segment.startedAt() + ", " + segment.path() + ": " + detail;
        }
    }
}
