package org.watchroom.core.store;

import static org.watchroom.core.store.internal.Columns.time;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;

/**
 * Operators' audited writes to the {@code events} table: confirm, dismiss, undo, hold and release. Each change
 * appends its audit row in the same transaction, so there is never a review without its audit row or the other way
 * round. The event engine's own writes (create, peak, end) are {@link EventStore}'s. Telling the other views about a
 * review is not the store's business: the engine's review service publishes once this has committed.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (it does I/O).
 */
public final class ReviewStore {
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final EventStore events;
    private final boolean readOnly;

    public ReviewStore(Database database) {
        this(database, false);
    }

    private ReviewStore(Database database, boolean readOnly) {
        this.jdbi = database.jdbi();
        this.audit = new AuditLog(jdbi);
        this.events = new EventStore(database);
        this.readOnly = readOnly;
    }

    /**
     * The reviews of an archive opened for offline review: every review, undo or hold is refused — they would only
     * change the session copy, and look as if they counted.
     */
    public static ReviewStore readOnly(Database database) {
        return new ReviewStore(database, true);
    }

    /** Confirms the event and puts it on evidence hold; audited as {@code event.confirm}. Needs {@code REVIEW}. */
    public Event confirm(long id, Operator by, String note) {
        writeReview(id, EventStatus.CONFIRMED, by, note);
        return require(id);
    }

    /** Dismisses the event (a hold, if any, stays until released); audited as {@code event.dismiss}. Needs {@code REVIEW}. */
    public Event dismiss(long id, Operator by, String note) {
        writeReview(id, EventStatus.DISMISSED, by, note);
        return require(id);
    }

    /**
     * Undo of a review: puts the event back as {@code previous} (a copy of it read before the review) was —
     * status, reviewer, time, note and hold — and appends its own {@code event.undo} audit row; the rows of the
     * review itself stay, the audit log is append-only. Refuses when the event was reviewed again by someone
     * else in between (its reviewer or time no longer match {@code current}).
     *
     * @param current  the event as the review being undone left it (what confirm/dismiss returned)
     * @param previous the event as it was before that review
     */
    public Event revert(Event current, Event previous, Operator by) {
        writeRevert(current, previous, by);
        return require(current.id());
    }

    /**
     * {@link #revert}'s write alone: returns once the undo and its audit row are committed, without reading the
     * event back (so that the caller can tell others before that read, which may fail on its own).
     */
    public void writeRevert(Event current, Event previous, Operator by) {
        requireWritable();
        String actor = by.require(Permission.REVIEW).userName();
        if (current.id() != previous.id()) {
            throw new IllegalArgumentException("Undo needs two states of the same event, not " + current.id()
                    + " and " + previous.id() + ".");
        }
        long id = current.id();
        jdbi.useTransaction(h -> {
            int rows = h.createUpdate("UPDATE events SET status = :status, reviewed_by = :by, reviewed_at = :at, "
                            + "note = :note, hold = :hold WHERE id = :id AND status = :current "
                            + "AND reviewed_by IS NOT DISTINCT FROM :currentBy AND reviewed_at IS NOT DISTINCT FROM :currentAt "
                            + "AND hold = :currentHold") // a hold released or set since is not the undo's to change
                    .bind("status", previous.status().dbValue()).bind("by", previous.reviewedBy())
                    .bind("at", time(previous.reviewedAt())).bind("note", previous.note()).bind("hold", previous.hold())
                    .bind("id", id).bind("current", current.status().dbValue()).bind("currentBy", current.reviewedBy())
                    .bind("currentAt", time(current.reviewedAt())).bind("currentHold", current.hold()).execute();
            if (rows == 0) {
                throw new StoreException(events.find(id).isEmpty() ? "No event with id " + id + "."
                        : "Event " + id + " was reviewed again since; nothing was undone.");
            }
            String detail = current.status().dbValue() + " -> " + previous.status().dbValue()
                    + (current.hold() != previous.hold() ? (previous.hold() ? ", hold restored" : ", hold released") : "");
            audit.append(h, actor, "event.undo", Event.subject(id), detail);
        });
    }

    /** Puts the event on evidence hold so retention keeps it; audited as {@code event.hold}. Needs {@code REVIEW}. */
    public Event hold(long id, Operator by, String note) {
        return setHold(id, true, by.require(Permission.REVIEW).userName(), note);
    }

    /**
     * Releases the evidence hold so retention may delete the event; audited as {@code event.release}. Needs
     * {@code RELEASE_HOLD} (admins).
     */
    public Event release(long id, Operator by, String note) {
        return setHold(id, false, by.require(Permission.RELEASE_HOLD).userName(), note);
    }

    /**
     * {@link #confirm} or {@link #dismiss}'s write alone: returns once the review and its audit row are committed,
     * without reading the event back (so that the caller can tell others before that read, which may fail on its
     * own: retention may delete a dismissed event in between).
     */
    public void writeReview(long id, EventStatus status, Operator by, String note) {
        if (status != EventStatus.CONFIRMED && status != EventStatus.DISMISSED) {
            throw new IllegalArgumentException("A review confirms or dismisses, not " + status + ".");
        }
        requireWritable();
        String actor = by.require(Permission.REVIEW).userName();
        Instant now = Instant.now();
        jdbi.useTransaction(h -> {
            // Confirming is what makes an event evidence, so it holds it; dismissing never releases a hold silently.
            int rows = h.createUpdate("UPDATE events SET status = :status, reviewed_by = :actor, reviewed_at = :at, "
                            + "note = :note" + (status == EventStatus.CONFIRMED ? ", hold = TRUE" : "") + " WHERE id = :id")
                    .bind("status", status.dbValue()).bind("actor", actor).bind("at", time(now)).bind("note", note)
                    .bind("id", id).execute();
            if (rows == 0) {
                throw new StoreException("No event with id " + id + ".");
            }
            audit.append(h, actor, "event." + (status == EventStatus.CONFIRMED ? "confirm" : "dismiss"),
                    Event.subject(id), note);
        });
    }

    private void requireWritable() {
        if (readOnly) {
            throw new IllegalStateException("This archive is open read-only: reviews are not recorded here.");
        }
    }

    private Event setHold(long id, boolean hold, String actor, String note) {
        requireWritable();
        jdbi.useTransaction(h -> {
            int rows = h.createUpdate("UPDATE events SET hold = :hold WHERE id = :id").bind("hold", hold).bind("id", id).execute();
            if (rows == 0) {
                throw new StoreException("No event with id " + id + ".");
            }
            audit.append(h, actor, hold ? "event.hold" : "event.release", Event.subject(id), note);
        });
        return require(id);
    }

    /** The event as it is now; a {@link StoreException} when there is none. */
    public Event require(long id) {
        return events.find(id).orElseThrow(() -> new StoreException("No event with id " + id + "."));
    }
}
