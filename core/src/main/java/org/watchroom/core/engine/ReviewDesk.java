package org.watchroom.core.engine;

import org.watchroom.core.auth.Operator;
import org.watchroom.core.store.Event;

/**
 * Where operators review events (confirm, dismiss, undo, hold, release): a port, so that the workstation can review
 * in its own process ({@link Reviews}, which also publishes each review) or through a separate engine (a remote
 * implementation). Methods take and return only values that serialize as JSON (records, strings, numbers).
 *
 * <p>Thread-safety: implementations are safe from any thread; call them off the JavaFX thread (they do I/O).
 */
public interface ReviewDesk {

    /** Confirms event {@code id}; returns it as stored afterwards. */
    Event confirm(long id, Operator by, String note);

    /** Dismisses event {@code id}; returns it as stored afterwards. */
    Event dismiss(long id, Operator by, String note);

    /** Undoes a review: {@code current} goes back to {@code previous}; returns it as stored afterwards. */
    Event revert(Event current, Event previous, Operator by);

    /** Puts a legal hold on event {@code id}. */
    Event hold(long id, Operator by, String note);

    /** Releases event {@code id}'s legal hold. */
    Event release(long id, Operator by, String note);
}
