package org.watchroom.app.alerts;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The alerts list's keys, written once: each {@link Binding} is a key as the help line names it, what it does, and
 * the action. The list's key handler dispatches from this table and the help line under the list is written from
 * it; to add or change a key, change its row here.
 *
 * <p>Thread-safety: FX thread only.
 */
final class AlertKeys {
    private final List<Binding> bindings;
    private final Binding note;

    /**
     * One key: {@code keys} and {@code does} make its part of the help line, {@code pressed} tells whether a key
     * press is this key, {@code action} is what it does.
     */
    record Binding(String keys, String does, Predicate<KeyEvent> pressed, Runnable action) {
    }

    /**
     * @param picked how many alerts the list's multi-selection holds (D dismisses all of them when several are)
     * @param export what E does (the view's export: the dialog is the main window's)
     */
    AlertKeys(AlertsViewModel model, IntSupplier picked, Runnable export) {
        Predicate<KeyEvent> several = e -> picked.getAsInt() > 1;
        // N's own press does nothing: the note field takes the focus on release, so that the key's "n" is typed
        // into the list, not into the note
        note = new Binding("N", "note", plain(KeyCode.N), () -> { });
        bindings = List.of(
                new Binding("C", "confirm", plain(KeyCode.C), () -> model.confirm(null)),
                new Binding("D", "dismiss", plain(KeyCode.D).and(unshifted()).and(several.negate()),
                        () -> model.dismiss(null)),
                new Binding("S", "dismiss and suppress this spot for this label", plain(KeyCode.S).and(unshifted()),
                        () -> model.dismissAndSuppress(null)),
                new Binding("J", "next", plain(KeyCode.J), model::next),
                new Binding("K", "previous", plain(KeyCode.K), model::previous),
                new Binding("E", "export", plain(KeyCode.E), export),
                note,
                new Binding("Ctrl+Z", "undo (keeps a suppression; remove it in Cameras)", shortcut(KeyCode.Z),
                        model::undo),
                new Binding("Delete or Shift+D", "dismiss all selected (Shift+click selects several)",
                        plain(KeyCode.DELETE).or(plain(KeyCode.D).and(unshifted().negate().or(several))),
                        model::dismissSelected));
    }

    /**
     * Runs the action of the key pressed, else offers it to {@code others} (the review player's keys); true when
     * either took it. A key held with Shortcut or Alt that is not in the table is left to the rest of the window.
     */
    boolean handle(KeyEvent e, Predicate<KeyEvent> others) {
        for (Binding b : bindings) {
            if (b.pressed().test(e)) {
                b.action().run();
                return true;
            }
        }
        return !e.isShortcutDown() && !e.isAltDown() && others.test(e);
    }

    /** Whether {@code e} is the note key (its release moves the focus to the note field). */
    boolean isNote(KeyEvent e) {
        return note.pressed().test(e);
    }

    /** The help line: {@code C confirm · D dismiss · …}, every key of the table in its order. */
    String help() {
        return bindings.stream().map(b -> b.keys() + " " + b.does()).collect(Collectors.joining(" · "));
    }

    /** The key without Shortcut or Alt (Shift is allowed unless the row says otherwise). */
    private static Predicate<KeyEvent> plain(KeyCode code) {
        return e -> e.getCode() == code && !e.isShortcutDown() && !e.isAltDown();
    }

    private static Predicate<KeyEvent> shortcut(KeyCode code) {
        return e -> e.getCode() == code && e.isShortcutDown();
    }

    private static Predicate<KeyEvent> unshifted() {
        return e -> !e.isShiftDown();
    }
}
