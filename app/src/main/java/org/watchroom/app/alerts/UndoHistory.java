package org.watchroom.app.alerts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.watchroom.core.store.Event;

/**
 * The reviews Ctrl+Z can take back, newest last, at most {@value #DEPTH}.
 *
 * <p>Thread-safety: FX thread only.
 */
final class UndoHistory {
    static final int DEPTH = 50;

    /** One undoable action: each event as it was before and as the review left it. */
    record Action(List<Event> before, List<Event> after) {
    }

    private final Deque<Action> actions = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper undoable = new ReadOnlyBooleanWrapper();

    void push(Action action) {
        actions.addLast(action);
        while (actions.size() > DEPTH) {
            actions.pollFirst();
        }
        undoable.set(true);
    }

    /** The newest action, taken off the history; null when there is none. */
    Action pop() {
        Action last = actions.pollLast();
        undoable.set(!actions.isEmpty());
        return last;
    }

    /** Puts back an action that could not be undone now. */
    void restore(Action action) {
        actions.addLast(action);
        undoable.set(true);
    }

    void clear() {
        actions.clear();
        undoable.set(false);
    }

    ReadOnlyBooleanProperty undoableProperty() { return undoable.getReadOnlyProperty(); }
}
