package org.watchroom.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;

/**
 * The append-only, hash-chained audit log: who did what to which evidence, and when.
 *
 * <p>Each row stores {@code hash = SHA-256(prev_hash + canonical row text)} where {@code prev_hash} is the
 * previous row's hash, so changing, removing or inserting a row breaks the chain from that row on, and
 * {@link #verify()} names it. The one-row {@code audit_head} table holds the last id and hash: appends lock it
 * with {@code SELECT ... FOR UPDATE}, which serialises appends across threads and connections until the
 * appending transaction commits (H2 row lock), and verify compares it with the last row so cutting rows off
 * the end is detected as well. This detects tampering through the application or plain SQL; someone who can
 * rewrite the whole file and recompute every hash is out of scope (export the head hash to keep that honest).
 *
 * <p>There are deliberately no update or delete methods.
 *
 * <p>Thread-safety: safe from any thread; appends are serialised by the database lock described above.
 * Do I/O off the JavaFX thread.
 */
public final class AuditLog {
    /** {@code prev_hash} of the first row. */
    public static final String GENESIS = "0".repeat(64);
    private static final int LOCK_TIMEOUT_MS = 10_000;

    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi);
    }

    /**
     * Whether any row's detail contains {@code text} (e.g. the SHA-256 of a deleted recording segment: its deletion
     * is accounted for in the chained log). Scans the log; meant for rare checks, not hot paths.
     */
    public boolean mentions(String text) {
        requireText(text, "text");
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE LOCATE(:text, detail) > 0")
                .bind("text", text).mapTo(Long.class).one()) > 0;
    }

    /** Appends one row in its own transaction. */
    public AuditEntry append(String actor, String action, String subject, String detail) {
        return jdbi.inTransaction(h -> append(h, actor, action, subject, detail));
    }

    /**
     * Appends one row inside the caller's open transaction, so that the audited change and its audit row
     * commit or roll back together. The chain head stays locked until that transaction ends: keep it short.
     */
    public AuditEntry append(Handle handle, String actor, String action, String subject, String detail) {
        requireText(actor, "actor");
        requireText(action, "action");
        requireText(subject, "subject");
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("AuditLog.append(Handle, ...) needs an open transaction");
        }
        try {
            // Waiting for another appender is normal; the default H2 timeout (1 s) is too short under load.
            handle.execute("SET LOCK_TIMEOUT " + LOCK_TIMEOUT_MS);
            Head head = handle.createQuery("SELECT last_id, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")
                    .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2))).one();
            long id = head.lastId() + 1;
            // The database keeps microseconds; hash what will be read back.
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String hash = hash(head.lastHash(), id, at, actor, action, subject, detail);
            handle.createUpdate("""
                            INSERT INTO audit_log (id, at, actor, action, subject, detail, prev_hash, hash)
                            VALUES (:id, :at, :actor, :action, :subject, :detail, :prev, :hash)""")
                    .bind("id", id).bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).bind("actor", actor)
                    .bind("action", action).bind("subject", subject).bind("detail", detail)
                    .bind("prev", head.lastHash()).bind("hash", hash).execute();
            handle.createUpdate("UPDATE audit_head SET last_id = :id, last_hash = :hash WHERE id = 1")
                    .bind("id", id).bind("hash", hash).execute();
            return new AuditEntry(id, at, actor, action, subject, detail, head.lastHash(), hash);
        } catch (RuntimeException e) {
            throw new AuditException("Cannot write the audit log (" + action + " " + subject + "): " + e.getMessage(), e);
        }
    }

    /** The newest rows first. */
    public List<AuditEntry> recent(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_log ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit).map((rs, ctx) -> entry(rs)).list());
    }

    /** Rows about one subject, oldest first. */
    public List<AuditEntry> about(String subject) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_log WHERE subject = :s ORDER BY id")
                .bind("s", subject).map((rs, ctx) -> entry(rs)).list());
    }

    /** Walks the whole chain from the first row; stops at the first row that does not fit. */
    public AuditVerification verify() {
        return jdbi.withHandle(h -> {
            long expectedId = 1;
            String expectedPrev = GENESIS;
            try (ResultIterator<AuditEntry> it = h.createQuery("SELECT * FROM audit_log ORDER BY id")
                    .setFetchSize(500).map((rs, ctx) -> entry(rs)).iterator()) {
                while (it.hasNext()) {
                    AuditEntry row = it.next();
                    if (row.id() != expectedId) {
                        return new AuditVerification.Broken(row.id(), "rows " + expectedId + " to " + (row.id() - 1)
                                + " are missing (deleted from the log)");
                    }
                    if (!row.prevHash().equals(expectedPrev)) {
                        return new AuditVerification.Broken(row.id(),
                                "its prev_hash does not match the hash of the row before (a row was altered or replaced)");
                    }
                    String actual = hash(row.prevHash(), row.id(), row.at(), row.actor(), row.action(), row.subject(),
                            row.detail());
                    if (!actual.equals(row.hash())) {
                        return new AuditVerification.Broken(row.id(),
                                "its contents were changed after it was written (hash does not match)");
                    }
                    expectedPrev = row.hash();
                    expectedId++;
                }
            }
            long rows = expectedId - 1;
            Head head = h.createQuery("SELECT last_id, last_hash FROM audit_head WHERE id = 1")
                    .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2))).findOne()
                    .orElse(new Head(-1, ""));
            if (head.lastId() != rows || !head.lastHash().equals(expectedPrev)) {
                return new AuditVerification.Broken(rows + 1, head.lastId() > rows
                        ? "rows " + (rows + 1) + " to " + head.lastId() + " are missing (the end of the log was cut off)"
                        : "the chain head does not match the last row (the head or the last row was tampered with)");
            }
            return new AuditVerification.Ok(rows);
        });
    }

    /**
     * The hashed text: every field length-prefixed so that no two different rows give the same text, the
     * time as ISO-8601 UTC, null detail distinct from empty.
     */
    static String hash(String prevHash, long id, Instant at, String actor, String action, String subject, String detail) {
        StringBuilder text = new StringBuilder(prevHash);
        field(text, Long.toString(id));
        field(text, at.toString());
        field(text, actor);
        field(text, action);
        field(text, subject);
        field(text, detail);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append("|-");
        } else {
            text.append('|').append(value.length()).append(':').append(value);
        }
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("subject"), rs.getString("detail"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An audit row needs a " + what + ".");
        }
    }

    private record Head(long lastId, String lastHash) {
    }
}
