package org.watchroom.core.engine;

import org.watchroom.core.auth.Operator;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.ReviewStore;

/**
 * Operators' reviews of events, as the UI, the REST API and the command line make them: each is written and audited
 * by {@link ReviewStore}, then, once committed, published as {@link WatchroomEvent.EventReviewed} so that every view
 * follows whoever did it. Stores never publish; this is where writing and telling meet.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (it does I/O). Subscribers run on the
 * caller's thread.
 */
public final class Reviews implements ReviewDesk {
    private final ReviewStore store;
    private final EventBus bus;

    /** @param bus where reviews are published; null: nobody is told */
    public Reviews(ReviewStore store, EventBus bus) {
        this.store = store;
        this.bus = bus;
    }

    /** {@link ReviewStore#confirm}: published once committed, then read back. */
    @Override
    public Event confirm(long id, Operator by, String note) {
        return reviewed(id, EventStatus.CONFIRMED, by, note);
    }

    /** {@link ReviewStore#dismiss}: published once committed, then read back. */
    @Override
    public Event dismiss(long id, Operator by, String note) {
        return reviewed(id, EventStatus.DISMISSED, by, note);
    }

    /** {@link ReviewStore#revert} (undo of a review): published with the status it went back to, then read back. */
    @Override
    public Event revert(Event current, Event previous, Operator by) {
        store.writeRevert(current, previous, by);
        publish(previous.id(), previous.status(), by.userName());
        return store.require(previous.id());
    }

    /** {@link ReviewStore#hold}; not a review, so not published. */
    @Override
    public Event hold(long id, Operator by, String note) {
        return store.hold(id, by, note);
    }

    /** {@link ReviewStore#release}; not a review, so not published. */
    @Override
    public Event release(long id, Operator by, String note) {
        return store.release(id, by, note);
    }

    // Published before the read-back: a committed review is told even when the read that follows fails.
    private Event reviewed(long id, EventStatus status, Operator by, String note) {
        store.writeReview(id, status, by, note);
        publish(id, status, by.userName());
        return store.require(id);
    }

    private void publish(long id, EventStatus status, String actor) {
        if (bus != null) {
            bus.publish(new WatchroomEvent.EventReviewed(id, status, actor));
        }
    }
}
