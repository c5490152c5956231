package org.watchroom.core.evidence;

/**
 * The export was cancelled; nothing of it is left on disk.
 *
 * <p>Thread-safety: immutable.
 */
public final class ExportCancelledException extends EvidenceException {
    private static final long serialVersionUID = 1L;

    public ExportCancelledException() {
        super("Export cancelled; nothing was written.");
    }
}
