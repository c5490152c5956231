package org.watchroom.app.keys;

import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.input.KeyEvent;

/**
 * The keys of one part of the window (the wall, the alerts list, the player), in the order the help lists them.
 *
 * <p>Thread-safety: immutable; FX thread for {@link #handle}.
 */
public record KeySection(String title, List<Shortcut> shortcuts) {
    public KeySection {
        shortcuts = List.copyOf(shortcuts);
    }

    /** Runs the first shortcut {@code e} is; true when one was. */
    public boolean handle(KeyEvent e) {
        for (Shortcut s : shortcuts) {
            if (s.handle(e)) {
                return true;
            }
        }
        return false;
    }

    /** One line: {@code C confirm · D dismiss · …}. */
    public String line() {
        return shortcuts.stream().map(s -> s.keys() + " " + s.does()).collect(Collectors.joining(" · "));
    }
}
