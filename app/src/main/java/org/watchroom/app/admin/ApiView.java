package org.watchroom.app.admin;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.watchroom.app.keys.DialogKeys;
import org.watchroom.core.settings.SettingKey;

/**
 * The API dialog: the REST address, the installation token (masked; Show, Copy, Regenerate after a confirmation)
 * and the idle-lock minutes with Save.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class ApiView extends VBox {

    public ApiView(ApiViewModel model) {
        super(10);
        setId("api-pane");
        setPadding(new Insets(14));
        setPrefWidth(680);
        Label address = new Label();
        address.setId("api-address");
        address.setWrapText(true);
        address.setMinHeight(Region.USE_PREF_SIZE);
        address.textProperty().bind(model.addressProperty());
        TextField token = new TextField();
        token.setId("api-token");
        token.setEditable(false);
        token.textProperty().bind(model.shownTokenBinding());
        HBox.setHgrow(token, Priority.ALWAYS);
        ToggleButton show = new ToggleButton("Show");
        show.setId("api-token-show");
        show.setMinWidth(Region.USE_PREF_SIZE);
        show.selectedProperty().bindBidirectional(model.tokenShownProperty());
        Button copy = UsersView.button("api-token-copy", "Copy", () -> UsersView.copy(model.tokenProperty().get()));
        Button regenerate = UsersView.button("api-token-regenerate", "Regenerate…", () -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Every client using the current token stops "
                    + "working until it is given the new one.", ButtonType.OK, ButtonType.CANCEL);
            confirm.setHeaderText("Replace the API token?");
            confirm.initOwner(getScene().getWindow());
            confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.regenerate());
        });

        Spinner<Integer> idle = new Spinner<>(0, SettingKey.MAX_IDLE_LOCK_MINUTES, 10);
        idle.setId("api-idle-minutes");
        idle.setEditable(true);
        model.idleMinutesProperty().subscribe(m -> idle.getValueFactory().setValue(m.intValue()));
        Button save = UsersView.button("api-idle-save", "Save", () -> {
            try {
                idle.commitValue(); // a typed value counts even before the field loses focus
            } catch (NumberFormatException notANumber) {
                idle.getEditor().setText(Integer.toString(idle.getValue())); // keep the last good one
            }
            model.saveIdleMinutes(idle.getValue());
        });

        GridPane grid = new GridPane(8, 8);
        grid.addRow(0, UsersView.label("REST API"), address);
        grid.addRow(1, UsersView.label("Installation token"), new HBox(8, token, show, copy, regenerate));
        grid.addRow(2, UsersView.label("Lock after idle (min, 0 = never)"), new HBox(8, idle, save));
        Label message = new Label();
        message.setId("api-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Label perUser = new Label("Per-user tokens (acting with that user's role) are issued in Users….");
        perUser.setWrapText(true);
        HBox bottom = new HBox(message);
        bottom.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(grid, perUser, bottom);
    }

    /** Shows the dialog over {@code owner} and loads the token and settings. */
    public static void open(Window owner, ApiViewModel model) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("REST API");
        stage.setScene(new Scene(DialogKeys.withClose(stage, new ApiView(model))));
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.show();
        model.load();
    }
}
