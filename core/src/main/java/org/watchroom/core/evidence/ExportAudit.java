package org.watchroom.core.evidence;

import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.store.Database;

/**
 * Where an export's {@code evidence.export} row goes: the installation's audit log, also for an archive opened for
 * review (its own database is a throwaway session copy). A port, so that an archive window beside a recorder running
 * in another process audits in the recorder's log, which holds the data folder's database.
 *
 * <p>Thread-safety: implementations are safe from any thread; they do I/O.
 */
@FunctionalInterface
public interface ExportAudit {

    /** Appends the row for export {@code exportId} by {@code actor}; throws when it cannot (the export is then taken back). */
    void exported(String actor, String exportId, String detail);

    /** Rows in {@code database}'s audit log. */
    static ExportAudit to(Database database) {
        return (actor, exportId, detail) -> new AuditLog(database.jdbi()).append(actor, EvidenceExporter.AUDIT_ACTION,
                "export:" + exportId, detail != null && detail.length() > DETAIL_MAX
                        ? detail.substring(0, DETAIL_MAX) + "…" : detail);
    }

    /** The longest detail a row takes, whoever sends it (a client over the socket too). */
    int DETAIL_MAX = 8000;
}
