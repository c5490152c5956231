package org.watchroom.app.keys;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * What every dialog window of the workstation does the same way: Esc closes it (after its controls had the key: an
 * open list or a field that clears itself keeps it), and a Close button closes it where it has no other way out, also
 * without a window manager's title bar.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class DialogKeys {
    private DialogKeys() {
    }

    /** Esc closes {@code stage} when nothing in it used the key. */
    public static void escapeCloses(Stage stage) {
        stage.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !e.isShortcutDown() && !e.isAltDown()) {
                stage.close();
                e.consume();
            }
        });
    }

    /** A Close button ({@code #dialog-close}) for {@code stage}. */
    public static Button closeButton(Stage stage) {
        Button close = new Button("Close");
        close.setId("dialog-close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        return close;
    }

    /** {@code content} with a Close button under it on the right, and Esc closing {@code stage}. */
    public static VBox withClose(Stage stage, Node content) {
        escapeCloses(stage);
        HBox row = new HBox(closeButton(stage));
        row.setAlignment(Pos.CENTER_RIGHT);
        row.setPadding(new Insets(0, 12, 12, 12));
        VBox box = new VBox(content, row);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }
}
