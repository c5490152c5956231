package org.watchroom.app.closing;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Puts {@link ClosingViewModel} between the main window's close button and closing: asks before recording stops,
 * or says why it may not. Dialogs are shown without a nested event loop ({@code show}, not {@code showAndWait}).
 *
 * <p>Thread-safety: FX thread only.
 */
public final class ClosingDialog {
    static final ButtonType KEEP = new ButtonType("Keep recording", ButtonBar.ButtonData.CANCEL_CLOSE);
    static final ButtonType STOP = new ButtonType("Stop recording and close", ButtonBar.ButtonData.OK_DONE);

    private final Stage stage;
    private final ClosingViewModel model;
    private boolean closing;
    private boolean asking;

    private ClosingDialog(Stage stage, ClosingViewModel model) {
        this.stage = stage;
        this.model = model;
    }

    /** Guards {@code stage}'s close requests (the window's close button, Alt+F4) with {@code model}. */
    public static void guard(Stage stage, ClosingViewModel model) {
        ClosingDialog dialog = new ClosingDialog(stage, model);
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, dialog::onCloseRequest);
    }

    private void onCloseRequest(WindowEvent event) {
        if (closing) {
            return;
        }
        event.consume();
        if (asking) {
            return; // a second click while the first one's dialog is on its way
        }
        asking = true;
        model.decide(decision -> {
            switch (decision) {
                case ClosingViewModel.Decision.Close close -> close();
                case ClosingViewModel.Decision.Confirm confirm -> confirm(confirm);
                case ClosingViewModel.Decision.Refuse refuse -> refuse(refuse);
            }
        });
    }

    private void confirm(ClosingViewModel.Decision.Confirm confirm) {
        Alert alert = keepOrStop(stage, "closing-confirm", "Stop recording?", "The recorder runs inside this window. "
                + "Closing it stops recording on " + cameras(confirm.cameras()) + " until Watchroom starts again. This "
                + "is audited.", KEEP, STOP);
        alert.setOnHidden(e -> {
            asking = false;
            if (alert.getResult() == STOP) {
                model.stopRecording(confirm, this::close);
            }
        });
        alert.show();
    }

    /** A question whose safe answer ({@code keep}) is the default button: Enter never stops recording. */
    static Alert keepOrStop(Stage owner, String id, String header, String text, ButtonType keep, ButtonType stop) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, keep, stop);
        alert.initOwner(owner);
        alert.setHeaderText(header);
        alert.getDialogPane().setId(id);
        ((Button) alert.getDialogPane().lookupButton(keep)).setDefaultButton(true);
        ((Button) alert.getDialogPane().lookupButton(stop)).setDefaultButton(false);
        return alert;
    }

    private void refuse(ClosingViewModel.Decision.Refuse refuse) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "The recorder runs inside this window: closing it would "
                + "stop recording on " + cameras(refuse.cameras()) + ". Only an administrator may do that; sign in as "
                + "one to close the window.", ButtonType.OK);
        alert.initOwner(stage);
        alert.setHeaderText("Recording keeps running");
        alert.getDialogPane().setId("closing-refused");
        alert.setOnHidden(e -> asking = false);
        alert.show();
    }

    private void close() {
        closing = true;
        asking = false;
        stage.close();
    }

    private static String cameras(int n) {
        return n + (n == 1 ? " camera" : " cameras");
    }
}
