package org.watchroom.core.store;

/**
 * How long and how much footage to keep.
 *
 * <p>Thread-safety: immutable.
 *
 * @param maxAgeDays  delete clips and events that started more than this many days ago; 0 keeps them by age
 * @param quotaBytes  then delete the oldest clips until all closed clips fit in this many bytes; 0 means no quota
 */
public record RetentionPolicy(int maxAgeDays, long quotaBytes) {
    public RetentionPolicy {
        if (maxAgeDays < 0 || quotaBytes < 0) {
            throw new IllegalArgumentException("Retention days and quota must not be negative.");
        }
    }
}
