package org.watchroom.app.alerts;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The alerts pane's one error line, set by the list's loads and by triage alike: the last problem, or null.
 *
 * <p>Thread-safety: FX thread only.
 */
final class ErrorText {
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper();

    void show(String problem) {
        text.set(problem);
    }

    /** Shows what a store call or a task threw (the executor has logged it with its stack trace). */
    void failed(Throwable e) {
        text.set(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    void clear() {
        text.set(null);
    }

    ReadOnlyStringProperty property() {
        return text.getReadOnlyProperty();
    }
}
