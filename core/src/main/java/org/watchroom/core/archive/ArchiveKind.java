package org.watchroom.core.archive;

/**
 * What kind of folder an {@link Archive} was opened from.
 *
 * <p>Thread-safety: immutable.
 */
public enum ArchiveKind {
    /** A Watchroom data folder (database, clips, snapshots) copied from a workstation. */
    DATA_FOLDER,
    /** An evidence package written by {@code watchroom export} (folder or .zip). */
    EVIDENCE_PACKAGE
}
