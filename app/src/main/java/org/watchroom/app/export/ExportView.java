package org.watchroom.app.export;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The export dialog: what is happening, a progress bar, Cancel while it runs and Close when it is done.
 * {@link #open} asks for the folder first.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class ExportView extends VBox {

    public ExportView(ExportViewModel model, Runnable close) {
        super(10);
        setId("export-pane");
        setPadding(new Insets(14));
        setPrefWidth(460);
        Label message = new Label();
        message.setId("export-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("export-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("export-cancel");
        cancel.setCancelButton(true);
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        Button done = new Button("Close");
        done.setId("export-close");
        done.disableProperty().bind(model.runningProperty());
        done.setOnAction(e -> close.run());
        HBox buttons = new HBox(8, cancel, done);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(message, bar, buttons);
    }

    /**
     * Asks for a folder, then exports {@code eventIds} into it (or into a new folder inside it when it is not
     * empty) in a small window over {@code owner}. Does nothing when no event is chosen or the chooser is cancelled.
     */
    public static void open(Window owner, ExportViewModel model, List<Long> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export " + eventIds.size() + " event(s) to…");
        File chosen = chooser.showDialog(owner);
        if (chosen == null) {
            return;
        }
        Path target = ExportViewModel.targetFor(chosen.toPath(), LocalDateTime.now());
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Export evidence");
        stage.setScene(new Scene(new ExportView(model, stage::close)));
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        // closing the window while copying cancels: a half export is never left behind
        stage.setOnCloseRequest(e -> model.cancel());
        stage.show();
        model.start(eventIds, target);
    }
}
