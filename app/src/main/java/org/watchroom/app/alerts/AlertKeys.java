package org.watchroom.app.alerts;

import static org.watchroom.app.keys.Shortcut.plain;
import static org.watchroom.app.keys.Shortcut.unshifted;
import static org.watchroom.app.keys.Shortcut.withShortcut;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.watchroom.app.keys.KeySection;
import org.watchroom.app.keys.Shortcut;

/**
 * The alerts list's keys, written once: each {@link Shortcut} is a key as the help names it, what it does, and the
 * action. The list's key handler dispatches from this table, and the help line under the list and the window's key
 * help are written from it; to add or change a key, change its row here.
 *
 * <p>Thread-safety: FX thread only.
 */
final class AlertKeys {
    private final KeySection section;
    private final Shortcut note;

    /**
     * @param picked how many alerts the list's multi-selection holds (D dismisses all of them when several are)
     * @param export what E does (the view's export: the dialog is the main window's)
     */
    AlertKeys(AlertsViewModel model, IntSupplier picked, Runnable export) {
        Predicate<KeyEvent> several = e -> picked.getAsInt() > 1;
        // N's own press does nothing: the note field takes the focus on release, so that the key's "n" is typed
        // into the list, not into the note
        note = new Shortcut("N", "note", plain(KeyCode.N), () -> { });
        section = new KeySection("Alerts list", List.of(
                new Shortcut("C", "confirm", plain(KeyCode.C), () -> model.confirm(null)),
                new Shortcut("D", "dismiss", plain(KeyCode.D).and(unshifted()).and(several.negate()),
                        () -> model.dismiss(null)),
                new Shortcut("S", "dismiss and suppress this spot for this label", plain(KeyCode.S).and(unshifted()),
                        () -> model.dismissAndSuppress(null)),
                new Shortcut("J", "next", plain(KeyCode.J), model::next),
                new Shortcut("K", "previous", plain(KeyCode.K), model::previous),
                new Shortcut("E", "export", plain(KeyCode.E), export),
                note,
                new Shortcut("Ctrl+Z", "undo (keeps a suppression; remove it in Cameras)", withShortcut(KeyCode.Z),
                        model::undo),
                new Shortcut("Delete or Shift+D", "dismiss all selected (Shift+click selects several)",
                        plain(KeyCode.DELETE).or(plain(KeyCode.D).and(unshifted().negate().or(several))),
                        model::dismissSelected)));
    }

    /**
     * Runs the action of the key pressed, else offers it to {@code others} (the review player's keys); true when
     * either took it. A key held with Shortcut or Alt that is not in the table is left to the rest of the window.
     */
    boolean handle(KeyEvent e, Predicate<KeyEvent> others) {
        return section.handle(e) || (!e.isShortcutDown() && !e.isAltDown() && others.test(e));
    }

    /** Whether {@code e} is the note key (its release moves the focus to the note field). */
    boolean isNote(KeyEvent e) {
        return note.pressed().test(e);
    }

    /** The help line: {@code C confirm · D dismiss · …}, every key of the table in its order. */
    String help() {
        return section.line();
    }

    /** The keys alone, for the line under the list: {@code Keys: C D S … · F1 says what they do}. */
    String reminder() {
        return "Keys: " + section.shortcuts().stream().map(Shortcut::keys).collect(Collectors.joining("  "))
                + "  · F1 says what each does";
    }

    /** The table, for the window's key help. */
    KeySection section() {
        return section;
    }
}
