package org.watchroom.app;

import static org.watchroom.app.keys.Shortcut.plain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.watchroom.app.keys.KeyHelp;
import org.watchroom.app.keys.KeySection;
import org.watchroom.app.keys.Shortcut;
import org.watchroom.app.wall.WallViewModel;

/**
 * The window's own keys (focus view, pages, full screen, the key help), taken before the focused control sees them,
 * except while someone types in a text field, where only the function keys are the window's. The key help lists
 * this table with the other parts' tables (alerts list, player, lock), the same rows their handlers dispatch from.
 *
 * <p>Thread-safety: FX thread only.
 */
final class WindowKeys {
    private final Stage stage;
    private final KeySection window;
    private final Supplier<List<KeySection>> others;
    private Dialog<ButtonType> help;

    private WindowKeys(Stage stage, WallViewModel wall, Supplier<List<KeySection>> others) {
        this.stage = stage;
        this.others = others;
        window = new KeySection("Wall and window", List.of(
                new Shortcut("Esc", "leave the single-camera view",
                        plain(KeyCode.ESCAPE).and(e -> wall.focusedProperty().get() != null), wall::unfocus),
                new Shortcut("Page Down", "next page of cameras", plain(KeyCode.PAGE_DOWN), () -> {
                    wall.interacted();
                    wall.nextPage();
                }),
                new Shortcut("Page Up", "previous page of cameras", plain(KeyCode.PAGE_UP), () -> {
                    wall.interacted();
                    wall.previousPage();
                }),
                new Shortcut("F11", "full screen on or off", plain(KeyCode.F11),
                        () -> stage.setFullScreen(!stage.isFullScreen())),
                new Shortcut("F1 or ?", "these keys", plain(KeyCode.F1).or(WindowKeys::questionMark), this::showHelp)));
    }

    /**
     * Takes the window's keys on {@code scene}; {@code others} gives the other parts' tables for the help (asked each
     * time it opens: a lock key exists only where someone can sign in).
     */
    static WindowKeys install(Scene scene, Stage stage, WallViewModel wall, Supplier<List<KeySection>> others) {
        WindowKeys keys = new WindowKeys(stage, wall, others);
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH); // F11 leaves it; Esc leaves the focus view
        stage.setFullScreenExitHint("F11 leaves full screen");
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> keys.dispatch(scene, e));
        scene.addEventFilter(KeyEvent.KEY_TYPED, e -> keys.dispatch(scene, e));
        return keys;
    }

    private void dispatch(Scene scene, KeyEvent e) {
        boolean typing = scene.getFocusOwner() instanceof TextInputControl;
        if (typing && !e.getCode().isFunctionKey()) {
            return; // Esc, Page Up/Down and ? belong to the field being typed in
        }
        if (window.handle(e)) {
            e.consume();
        }
    }

    /** "?" as typed, whatever key makes it on this keyboard. */
    private static boolean questionMark(KeyEvent e) {
        return e.getEventType() == KeyEvent.KEY_TYPED && "?".equals(e.getCharacter()) && !e.isShortcutDown();
    }

    /** Every table, this window's first. */
    List<KeySection> sections() {
        List<KeySection> all = new ArrayList<>();
        all.add(window);
        all.addAll(others.get());
        return all;
    }

    /** Shows the key help, or brings it forward when it is open. */
    void showHelp() {
        if (help != null && help.isShowing()) {
            help.getDialogPane().getScene().getWindow().requestFocus();
            return;
        }
        help = KeyHelp.show(stage, sections());
    }
}
