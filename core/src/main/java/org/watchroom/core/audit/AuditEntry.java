package org.watchroom.core.audit;

import java.time.Instant;

/**
 * One row of the audit log.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id       position in the chain, 1, 2, 3 … without gaps
 * @param at       when, to the microsecond (what the database keeps, so the hash can be recomputed)
 * @param actor    who: an operator name, or {@code system} for retention and recovery
 * @param action   what, dotted and lower case, e.g. {@code event.confirm}, {@code clip.delete}
 * @param subject  what it was done to, e.g. {@code event:42}, {@code clip:7}, {@code settings}
 * @param detail   free text (note, path, reason), or null
 * @param prevHash hash of the row before (64 zeros for the first row)
 * @param hash     SHA-256 of {@code prevHash} and this row's canonical text, lower-case hex
 */
public record AuditEntry(long id, Instant at, String actor, String action, String subject, String detail,
                         String prevHash, String hash) {
}
