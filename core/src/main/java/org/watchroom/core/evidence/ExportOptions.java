package org.watchroom.core.evidence;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.watchroom.core.auth.Operator;

/**
 * How to export.
 *
 * <p>Thread-safety: immutable (the callbacks are the caller's).
 *
 * @param zip       also write a {@code .zip} of the folder
 * @param zipFile   where the zip goes; null puts {@code <folder>.zip} next to the folder
 * @param zone      the zone local times are written in
 * @param by        who exports (needs {@code EXPORT}; named in the manifest and the audit row)
 * @param cancelled polled between chunks; true stops the export and removes what it wrote
 * @param progress  told the bytes done after every chunk
 */
public record ExportOptions(boolean zip, Path zipFile, ZoneId zone, Operator by, BooleanSupplier cancelled,
                            ExportProgress progress) {
    public ExportOptions {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(by, "by");
        cancelled = cancelled == null ? () -> false : cancelled;
        progress = progress == null ? ExportProgress.NONE : progress;
    }

    /** A folder only, in this machine's zone, never cancelled, without progress. */
    public static ExportOptions defaults(Operator by) {
        return new ExportOptions(false, null, ZoneId.systemDefault(), by, null, null);
    }

    /** The exporter's user name, as audit rows and the manifest carry it. */
    public String actor() {
        return by.userName();
    }

    public ExportOptions withZip(Path file) {
        return new ExportOptions(true, file, zone, by, cancelled, progress);
    }

    public ExportOptions withZone(ZoneId value) {
        return new ExportOptions(zip, zipFile, value, by, cancelled, progress);
    }

    public ExportOptions withProgress(ExportProgress value, BooleanSupplier cancel) {
        return new ExportOptions(zip, zipFile, zone, by, cancel, value);
    }
}
