package org.watchroom.app.keys;

import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * The key help (F1 or ?): every section's keys as the handlers' own tables name them, one row per key. Close or Esc
 * closes it.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class KeyHelp {
    private KeyHelp() {
    }

    /** Shows the help for {@code sections} over {@code owner}; returns the dialog (shown, not waited for). */
    public static Dialog<ButtonType> show(Window owner, List<KeySection> sections) {
        GridPane table = new GridPane();
        table.setId("key-help-table");
        table.setHgap(16);
        table.setVgap(4);
        int row = 0;
        for (KeySection section : sections) {
            Label title = new Label(section.title());
            title.getStyleClass().add("key-help-section");
            table.add(title, 0, row++, 2, 1);
            for (Shortcut shortcut : section.shortcuts()) {
                Label keys = new Label(shortcut.keys());
                keys.getStyleClass().add("key-help-keys");
                keys.setMinWidth(Region.USE_PREF_SIZE);
                Label does = new Label(shortcut.does());
                does.setWrapText(true);
                table.addRow(row++, keys, does);
            }
        }
        ScrollPane scroll = new ScrollPane(table);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(Math.min(560, row * 26));
        scroll.setPrefViewportWidth(560);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Keys");
        dialog.getDialogPane().setId("key-help");
        dialog.getDialogPane().setContent(scroll);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE); // Esc closes a dialog with a Close button
        dialog.show();
        return dialog;
    }
}
