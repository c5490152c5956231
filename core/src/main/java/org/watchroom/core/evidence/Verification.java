package org.watchroom.core.evidence;

/**
 * What {@link EvidenceVerifier} found: every file as the manifest says, or the first that is not.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface Verification {

    /** Every listed file is there with its size and SHA-256, and nothing else is. */
    record Ok(int files, long bytes, Manifest manifest) implements Verification {
    }

    /** The first file that differs, is missing or is not in the manifest. */
    record Failed(Problem problem, String path, String reason) implements Verification {
        /** {@code MISMATCH: clips/7.mp4 (sha256 differs)}. */
        public String line() {
            return problem + ": " + path + " (" + reason + ")";
        }
    }

    /**
     * {@code CHAIN_BROKEN}: a recording's segment list in the package is not one hash chain (a segment's
     * {@code prev_sha256} is not the one before it), or a copied segment is not the one the chain names.
     */
    enum Problem { MISMATCH, MISSING, UNEXPECTED, CHAIN_BROKEN }

    default boolean ok() {
        return this instanceof Ok;
    }
}
