package org.watchroom.app.export;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.watchroom.core.evidence.ExportResult;
import org.watchroom.core.evidence.RangeRequest;

/**
 * The export dialog: what is happening, a progress bar, Cancel while it runs and Close when it is done; when done,
 * where the package is, what it held and its manifest's SHA-256 (selectable, to copy into a case file).
 * {@link #open} and {@link #openRange} ask for the folder first.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class ExportView extends VBox {

    public ExportView(ExportViewModel model, Runnable close) {
        super(10);
        setId("export-pane");
        setPadding(new Insets(14));
        setPrefWidth(520);
        Label message = new Label();
        message.setId("export-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.setMinHeight(Region.USE_PREF_SIZE); // all its lines: the result says where and what
        ProgressBar bar = new ProgressBar();
        bar.setId("export-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        TextField manifest = new TextField();
        manifest.setId("export-manifest");
        manifest.setEditable(false);
        manifest.textProperty().bind(model.resultProperty().map(ExportResult::manifestSha256).orElse(""));
        HBox.setHgrow(manifest, Priority.ALWAYS);
        Label hashLabel = new Label("Manifest SHA-256");
        hashLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox hash = new HBox(6, hashLabel, manifest);
        hash.setAlignment(Pos.CENTER_LEFT);
        hash.visibleProperty().bind(model.resultProperty().isNotNull());
        hash.managedProperty().bind(hash.visibleProperty());
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
        getChildren().addAll(message, bar, hash, buttons);
        // the result is longer than "Exporting…": the window grows to show all of it
        model.messageProperty().subscribe(m -> fit());
        model.resultProperty().subscribe(r -> fit());
    }

    private void fit() {
        if (getScene() != null && getScene().getWindow() != null) {
            getScene().getWindow().sizeToScene();
        }
    }

    /**
     * Asks for a folder with the system's chooser, then exports {@code eventIds} into it (or into a new folder inside
     * it when it is not empty) in a small window over {@code owner}. Does nothing when no event is chosen or the
     * chooser is cancelled.
     */
    public static void open(Window owner, ExportViewModel model, List<Long> eventIds) {
        open(owner, model, eventIds, ExportFolder.DIALOG);
    }

    /** {@link #open(Window, ExportViewModel, List)} asking {@code folders} where. */
    public static void open(Window owner, ExportViewModel model, List<Long> eventIds, ExportFolder folders) {
        if (eventIds.isEmpty()) {
            return;
        }
        chooseAndRun(owner, model, folders, "Export " + eventIds.size() + " event(s) to…",
                target -> model.start(eventIds, target));
    }

    /**
     * Asks {@code folders} where, then exports a time range of cameras' recordings into that folder (or a new folder
     * inside it when it is not empty) in a small window over {@code owner}. Does nothing when the chooser is
     * cancelled.
     *
     * @param names the cameras' names by id
     * @param when  the range as people read it
     */
    public static void openRange(Window owner, ExportViewModel model, RangeRequest range, Map<Long, String> names,
                                 String when, ExportFolder folders) {
        chooseAndRun(owner, model, folders, "Export the recordings of " + String.join(", ", names.values()) + ", "
                + when + ", to…", target -> model.startRange(range, names, when, target));
    }

    private static void chooseAndRun(Window owner, ExportViewModel model, ExportFolder folders, String title,
                                     Consumer<Path> start) {
        Optional<Path> chosen = folders.choose(owner, title);
        if (chosen.isEmpty()) {
            return;
        }
        Path target = ExportViewModel.targetFor(chosen.get(), LocalDateTime.now());
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
        stage.addEventHandler(KeyEvent.KEY_PRESSED, e -> { // Esc cancels a running export (Cancel), else closes
            if (e.getCode() == KeyCode.ESCAPE && !model.runningProperty().get()) {
                stage.close();
                e.consume();
            }
        });
        stage.show();
        start.accept(target);
    }
}
