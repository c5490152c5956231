package org.watchroom.core.evidence;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How to export.
 *
 * @param zip       also write a {@code .zip} of the folder
 * @param zipFile   where the zip goes; null puts {@code <folder>.zip} next to the folder
 * @param zone      the zone local times are written in
 * @param actor     who exports (for the manifest and the audit row)
 * @param cancelled polled between chunks; true stops the export and removes what it wrote
 * @param progress  told the bytes done after every chunk
 *
 * <p>Thread-safety: immutable (the callbacks are the caller's).
 */
public record ExportOptions(boolean zip, Path zipFile, ZoneId zone, String actor, BooleanSupplier cancelled,
                            ExportProgress progress) {
    public ExportOptions {
        Objects.requireNonNull(zone, "zone");
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("An export needs the name of who did it.");
        }
        cancelled = cancelled == null ? () -> false : cancelled;
        progress = progress == null ? ExportProgress.NONE : progress;
    }

    /** A folder only, in this machine's zone, never cancelled, without progress. */
    public static ExportOptions defaults(String actor) {
        return new ExportOptions(false, null, ZoneId.systemDefault(), actor, null, null);
    }

    public ExportOptions withZip(Path file) {
        return new ExportOptions(true, file, zone, actor, cancelled, progress);
    }

    public ExportOptions withZone(ZoneId value) {
        return new ExportOptions(zip, zipFile, value, actor, cancelled, progress);
    }

    public ExportOptions withProgress(ExportProgress value, BooleanSupplier cancel) {
        return new ExportOptions(zip, zipFile, zone, actor, cancel, value);
    }
}
