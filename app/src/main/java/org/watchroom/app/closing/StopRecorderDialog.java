package org.watchroom.app.closing;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * Asks before the recorder stops (its cameras stop recording until it starts again), then closes the window, which
 * has nothing left to show. Shown without a nested event loop.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class StopRecorderDialog {
    static final ButtonType KEEP = new ButtonType("Keep recording", ButtonBar.ButtonData.CANCEL_CLOSE);
    static final ButtonType STOP = new ButtonType("Stop the recorder", ButtonBar.ButtonData.OK_DONE);

    private StopRecorderDialog() {
    }

    /** Asks, stops through {@code model}, and closes {@code stage} once the recorder took the stop. */
    public static void ask(Stage stage, StopRecorderViewModel model, int cameras) {
        Alert alert = ClosingDialog.keepOrStop(stage, "stop-recorder-confirm", "Stop the recorder?", "The recorder runs "
                + "in its own process and records " + cameras + (cameras == 1 ? " camera" : " cameras") + " whether or "
                + "not this window is open. Stopping it stops recording on every camera until it starts again. This is "
                + "audited.", KEEP, STOP);
        alert.setOnHidden(e -> {
            if (alert.getResult() == STOP) {
                model.stop(stopped -> stage.close(), failed -> {
                    Alert error = new Alert(Alert.AlertType.ERROR, failed.getMessage() == null ? failed.toString()
                            : failed.getMessage());
                    error.initOwner(stage);
                    error.setHeaderText("The recorder was not stopped");
                    error.show();
                });
            }
        });
        alert.show();
    }
}
