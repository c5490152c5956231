package org.watchroom.app.keys;

import java.util.function.Predicate;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * One key of the workstation, written once: {@code keys} and {@code does} are how the help names it (the F1 overlay,
 * the alerts' help line), {@code pressed} tells whether a key press is this key, {@code action} is what it does. The
 * handlers dispatch from tables of these, so the help cannot drift from what the keys do.
 *
 * <p>Thread-safety: immutable; actions run on the FX thread.
 */
public record Shortcut(String keys, String does, Predicate<KeyEvent> pressed, Runnable action) {

    /** Runs the action when {@code e} is this key; true when it was. */
    public boolean handle(KeyEvent e) {
        if (pressed.test(e)) {
            action.run();
            return true;
        }
        return false;
    }

    /** The key without Shortcut or Alt (Shift is allowed unless combined with {@link #unshifted()}). */
    public static Predicate<KeyEvent> plain(KeyCode code) {
        return e -> e.getCode() == code && !e.isShortcutDown() && !e.isAltDown();
    }

    /** The key with Shortcut (Ctrl; ⌘ on a Mac). */
    public static Predicate<KeyEvent> withShortcut(KeyCode code) {
        return e -> e.getCode() == code && e.isShortcutDown();
    }

    /** Shift is not held. */
    public static Predicate<KeyEvent> unshifted() {
        return e -> !e.isShiftDown();
    }
}
