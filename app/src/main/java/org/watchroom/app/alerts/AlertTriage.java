package org.watchroom.app.alerts;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.engine.EngineControl;
import org.watchroom.core.engine.ReviewDesk;
import org.watchroom.core.engine.Suppression;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraCatalog;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;

/**
 * Reviewing alerts: confirm, dismiss, bulk dismiss, dismiss and suppress, and undo of the last of those. A review
 * takes its alerts out of the list and selects the next one before the store answers, so a guard can press C, D,
 * C… as fast as they read; until the answer comes the alerts are {@linkplain InFlightReviews in flight}, so neither
 * a reload nor a second key press brings them back.
 *
 * <p>Thread-safety: FX thread only; store calls run through the {@link TaskExecutor}.
 */
final class AlertTriage {
    private final EngineControl engine;
    private final CameraCatalog cameras;
    private final ReviewDesk reviews;
    private final Session session;
    private final TaskExecutor executor;
    private final AlertList list;
    private final InFlightReviews inFlight;
    private final ErrorText error;
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper();
    private final StringProperty note = new SimpleStringProperty("");
    private final UndoHistory undo = new UndoHistory();

    AlertTriage(EngineControl engine, CameraCatalog cameras, ReviewDesk reviews, Session session, TaskExecutor executor, AlertList list,
                InFlightReviews inFlight, ErrorText error) {
        this.engine = engine;
        this.cameras = cameras;
        this.reviews = reviews;
        this.session = session;
        this.executor = executor;
        this.list = list;
        this.inFlight = inFlight;
        this.error = error;
    }

    /** The note the next confirm or dismiss records (then cleared). */
    StringProperty noteProperty() { return note; }

    /** What the last "dismiss and suppress" added, or null. */
    ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }

    ReadOnlyBooleanProperty undoableProperty() { return undo.undoableProperty(); }

    /**
     * Reviews {@code picked} (empty: the selected alert) to {@code status} with the typed note (null or blank: the
     * note field's); alerts in flight or with that status already are left alone.
     */
    void review(List<Event> picked, EventStatus status, String typed) {
        review(picked, status, typed, false);
    }

    /** Dismisses the selected alert and suppresses its box (see {@link AlertsViewModel#dismissAndSuppress}). */
    void dismissAndSuppress(String typed) {
        Event current = list.selectedProperty().get();
        if (current == null || inFlight.contains(current.id())) {
            return;
        }
        Operator actor = acting(Permission.EDIT_RULES);
        if (actor == null) {
            return;
        }
        if (current.status() == EventStatus.DISMISSED) {
            executor.submit(() -> suppressed(engine.suppress(current.id(), actor)), this::suppressDone, error::failed);
            return;
        }
        review(List.of(current), EventStatus.DISMISSED, typed, true);
    }

    private String suppressed(Suppression s) {
        String camera = cameras.find(s.cameraId()).map(Camera::name).orElse("camera " + s.cameraId());
        return "Suppressed " + s.describe() + " on " + camera + " (remove it in Cameras → Edit)";
    }

    /** The person to act as, or null after showing why nobody may (locked, signed out, role). */
    private Operator acting(Permission permission) {
        try {
            return session.acting(permission);
        } catch (RuntimeException refused) {
            error.show(refused.getMessage());
            return null;
        }
    }

    private void suppressDone(String text) {
        notice.set(text);
        error.clear();
    }

    /** What a review did; with "suppress", what became of the suppression (its notice or its problem). */
    private record Reviewed(List<Event> after, String notice, String problem) {
    }

    private void review(List<Event> picked, EventStatus status, String typed, boolean suppress) {
        Event selected = list.selectedProperty().get();
        List<Event> targets = picked.isEmpty() ? (selected == null ? List.of() : List.of(selected)) : picked;
        targets = targets.stream().filter(e -> !inFlight.contains(e.id()) && e.status() != status).toList();
        if (targets.isEmpty()) {
            return;
        }
        Operator actor = acting(Permission.REVIEW);
        if (actor == null) {
            return;
        }
        String text = typed != null && !typed.isBlank() ? typed.strip()
                : note.get() == null || note.get().isBlank() ? null : note.get().strip();
        note.set("");
        List<Event> before = targets;
        inFlight.add(before, status);
        list.hideReviewed(before, status);
        executor.submit(() -> {
            List<Event> after = new ArrayList<>();
            for (Event e : before) {
                after.add(status == EventStatus.CONFIRMED ? reviews.confirm(e.id(), actor, text)
                        : reviews.dismiss(e.id(), actor, text));
            }
            if (!suppress) {
                return new Reviewed(after, null, null);
            }
            try { // the dismiss stands (and is undoable) even when its box cannot be suppressed
                return new Reviewed(after, suppressed(engine.suppress(after.getFirst().id(), actor)), null);
            } catch (RuntimeException e) {
                return new Reviewed(after, null, "Dismissed, but not suppressed: " + e.getMessage());
            }
        }, done -> {
            inFlight.remove(before);
            undo.push(new UndoHistory.Action(before, done.after()));
            done.after().forEach(list::replace);
            error.show(done.problem());
            // a short word that it happened: the alert left the list, and the guard should know it was not lost
            notice.set(""); // the same words again are news again
            notice.set(done.notice() != null ? done.notice() : confirmation(status, done.after()));
        }, e -> {
            inFlight.remove(before);
            error.failed(e);
            list.reload();
        });
    }

    /** "Confirmed: Door · person. Z undoes." / "Dismissed 3 alerts. Z undoes." */
    private static String confirmation(EventStatus status, List<Event> after) {
        String verb = status == EventStatus.CONFIRMED ? "Confirmed" : "Dismissed";
        String what = after.size() == 1 ? ": " + after.getFirst().cameraName() + " · " + after.getFirst().label()
                : " " + after.size() + " alerts";
        return verb + what + ". Z undoes.";
    }

    /** Forgets what could be undone (another person signed in: their predecessor's reviews are not theirs to undo). */
    void forgetUndo() {
        undo.clear();
    }

    /** Puts the events of the last confirm, dismiss or bulk dismiss back as they were. */
    void undo() {
        UndoHistory.Action last = undo.pop();
        if (last == null) {
            return;
        }
        Operator actor = acting(Permission.REVIEW);
        if (actor == null) {
            undo.restore(last);
            return;
        }
        executor.submit(() -> {
            List<Event> restored = new ArrayList<>();
            for (int i = 0; i < last.after().size(); i++) {
                restored.add(reviews.revert(last.after().get(i), last.before().get(i), actor));
            }
            return restored;
        }, restored -> {
            error.clear();
            list.select(restored.getFirst()); // the reload keeps it selected by id
            list.reload();
        }, e -> {
            error.failed(e);
            list.reload();
        });
    }
}
