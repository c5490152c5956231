package org.watchroom.app.cameras;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.watchroom.app.keys.DialogKeys;
import org.watchroom.core.store.Camera;

/**
 * The cameras window: table of configured cameras (passwords shown as ***) with add, edit, remove,
 * enable / disable.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class CamerasView {
    private final Stage stage = new Stage();

    public CamerasView(Window owner, CamerasViewModel model) {
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Cameras");

        TableView<Camera> table = new TableView<>(model.cameras());
        table.setId("cameras-table");
        table.setPlaceholder(new Label("No cameras yet. The wall shows the demo until you add one."));
        table.getColumns().add(column("Name", c -> c.name()));
        table.getColumns().add(column("Stream", c -> c.mainUrl().redacted()));
        table.getColumns().add(column("Sub-stream", c -> c.subUrl() == null ? "" : c.displayUrl().redacted()));
        table.getColumns().add(column("Location", c -> c.location() == null ? "" : c.location()));
        TableColumn<Camera, String> status = column("Status", model::status);
        table.getColumns().add(status);
        model.runningProperty().subscribe(table::refresh); // states change about once a second
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        Button add = new Button("Add…");
        add.setId("cameras-add");
        add.setOnAction(e -> new CameraFormView(stage, new CameraFormViewModel(null), model).show());
        Button edit = new Button("Edit…");
        edit.setId("cameras-edit");
        edit.setOnAction(e -> new CameraFormView(stage, new CameraFormViewModel(table.getSelectionModel().getSelectedItem()), model).show());
        Button remove = new Button("Remove");
        remove.setId("cameras-remove");
        remove.setOnAction(e -> model.remove(table.getSelectionModel().getSelectedItem()));
        Button toggle = new Button("Enable / disable");
        toggle.setId("cameras-toggle");
        toggle.setOnAction(e -> {
            Camera selected = table.getSelectionModel().getSelectedItem();
            model.setEnabled(selected, !selected.enabled());
        });
        for (Button b : new Button[] {edit, remove, toggle}) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        }
        table.setRowFactory(t -> {
            var row = new TableRow<Camera>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    new CameraFormView(stage, new CameraFormViewModel(row.getItem()), model).show();
                }
            });
            return row;
        });

        Label message = new Label();
        message.setId("cameras-message");
        message.textProperty().bind(model.messageProperty());
        BorderPane root = new BorderPane(table);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox buttons = new HBox(8, add, edit, remove, toggle, message, spring, DialogKeys.closeButton(stage));
        DialogKeys.escapeCloses(stage);
        buttons.setPadding(new Insets(8));
        root.setBottom(buttons);
        stage.setScene(new Scene(root, 820, 360));
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
    }

    private static TableColumn<Camera, String> column(String title, Function<Camera, String> value) {
        TableColumn<Camera, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    public void show() {
        stage.show();
        stage.toFront();
    }
}
