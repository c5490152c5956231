package org.watchroom.app.admin;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.watchroom.app.keys.DialogKeys;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.User;

/**
 * The Users dialog: the accounts table; Disable, Reset password and Issue API token for the selected one; a form
 * to add an account (its password fields also serve Reset password); a message line; the issued token with Copy.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class UsersView extends VBox {
    private final TableView<User> table = new TableView<>();

    public UsersView(UsersViewModel model) {
        super(10);
        setId("users-pane");
        setPadding(new Insets(14));
        setPrefSize(640, 560);
        table.setId("users-table");
        table.setItems(model.accounts());
        table.getColumns().setAll(List.of(
                column("Name", u -> u.userName()), column("Display name", User::displayName),
                column("Role", u -> u.role().dbValue()), column("Status", u -> u.disabled() ? "disabled" : "active")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);

        TextField name = field("users-name", "sign-in name");
        TextField display = field("users-display-name", "full name");
        ChoiceBox<Role> role = new ChoiceBox<>();
        role.setId("users-role");
        role.getItems().setAll(Role.values());
        role.setValue(Role.OPERATOR);
        PasswordField password = new PasswordField();
        password.setId("users-password");
        password.setPromptText("at least 8 characters");
        PasswordField again = new PasswordField();
        again.setId("users-password-again");
        again.setPromptText("again");
        GridPane form = new GridPane(8, 6);
        form.addRow(0, label("Name"), name, label("Display name"), display);
        form.addRow(1, label("Role"), role);
        form.addRow(2, label("Password"), password, label("Again"), again);

        Button add = button("users-add", "Add account", () -> {
            model.add(name.getText(), display.getText(), role.getValue(), password.getText().toCharArray(),
                    again.getText().toCharArray());
            password.clear();
            again.clear();
        });
        Button disable = button("users-disable", "Disable", () -> model.disable(selected()));
        Button reset = button("users-reset-password", "Reset password", () -> {
            model.resetPassword(selected(), password.getText().toCharArray(), again.getText().toCharArray());
            password.clear();
            again.clear();
        });
        Button token = button("users-issue-token", "Issue API token", () -> model.issueToken(selected()));
        for (Button b : new Button[] {disable, reset, token}) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        }
        add.disableProperty().bind(model.busyProperty());
        Label hint = new Label("Reset password uses the two password fields above.");
        hint.getStyleClass().add("session-hint");

        Label message = new Label();
        message.setId("users-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        TextField issued = new TextField();
        issued.setId("users-token");
        issued.setEditable(false);
        issued.textProperty().bind(model.issuedTokenProperty());
        HBox.setHgrow(issued, Priority.ALWAYS);
        Button copy = button("users-token-copy", "Copy", () -> copy(model.issuedTokenProperty().get()));
        HBox tokenRow = new HBox(8, issued, copy);
        tokenRow.visibleProperty().bind(model.issuedTokenProperty().isNotEmpty());
        tokenRow.managedProperty().bind(tokenRow.visibleProperty());

        HBox actions = new HBox(8, disable, reset, token);
        HBox addRow = new HBox(8, add);
        addRow.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(table, actions, hint, form, addRow, message, tokenRow);
    }

    /** Shows the dialog over {@code owner} and loads the accounts; the token on screen goes when it closes. */
    public static void open(Window owner, UsersViewModel model) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Users");
        stage.setScene(new Scene(DialogKeys.withClose(stage, new UsersView(model))));
        if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setOnHidden(e -> model.clearToken());
        stage.show();
        model.load();
    }

    static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE); // a button always says what it does: the fields give way
        b.setOnAction(e -> action.run());
        return b;
    }

    /** A form label that keeps its whole text. */
    static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private User selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    private static TableColumn<User, String> column(String title, Function<User, String> value) {
        TableColumn<User, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }
}
