package org.watchroom.core.audit;

/**
 * What {@link AuditLog#verify()} found.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface AuditVerification {

    boolean ok();

    /** Every row's hash matches its contents and the row before, and nothing is missing at the end. */
    record Ok(long rows) implements AuditVerification {
        @Override
        public boolean ok() { return true; }
    }

    /** The first row that does not fit the chain, and why in plain words. */
    record Broken(long rowId, String reason) implements AuditVerification {
        @Override
        public boolean ok() { return false; }
    }
}
