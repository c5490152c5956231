package org.watchroom.app.wall;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import org.watchroom.core.settings.SharedView;

/**
 * The toolbar's views: a list of every camera, the person's own views and the shared ones (marked), and a menu to
 * save the wall as shown under a name, share it (admins) or delete it.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class ViewChooser extends HBox {
    /** Stands for "no view: every camera" in the list. */
    static final SharedView ALL = new SharedView("All cameras", "AUTO", List.of());
    private final ViewsViewModel views;
    private final WallViewModel wall;
    private final ComboBox<SharedView> choice = new ComboBox<>();
    private boolean syncing;

    public ViewChooser(ViewsViewModel views, WallViewModel wall) {
        super(4);
        this.views = views;
        this.wall = wall;
        setAlignment(Pos.CENTER_LEFT);
        choice.setId("view-choice");
        choice.setCellFactory(list -> new ViewCell());
        choice.setButtonCell(new ViewCell());
        ListChangeListener<SharedView> changed = c -> fill();
        views.personal().addListener(changed);
        views.shared().addListener(changed);
        choice.valueProperty().subscribe(chosen -> {
            if (!syncing && chosen != null) {
                wall.interacted();
                wall.showView(chosen == ALL ? null : chosen);
            }
        });
        wall.viewProperty().subscribe(this::select);
        MenuItem save = new MenuItem("Save view as…");
        save.setId("view-save");
        save.setOnAction(e -> askName().ifPresent(views::saveAs));
        MenuItem share = new MenuItem("Share with every workstation");
        share.setId("view-share");
        share.setOnAction(e -> views.share());
        MenuItem delete = new MenuItem("Delete this view");
        delete.setId("view-delete");
        delete.setOnAction(e -> views.delete());
        MenuButton menu = new MenuButton("View", null, save, share, delete);
        menu.setId("view-menu");
        menu.setOnShowing(e -> {
            views.loadShared(); // another workstation may have shared one
            share.setVisible(views.mayShare());
            delete.setDisable(wall.viewProperty().get() == null);
        });
        Label message = new Label();
        message.setId("view-message");
        message.textProperty().bind(views.messageProperty());
        fill();
        getChildren().addAll(choice, menu, message);
    }

    private Optional<String> askName() {
        SharedView current = wall.viewProperty().get();
        TextInputDialog ask = new TextInputDialog(current == null || WallViewModel.UNSAVED.equals(current.name()) ? ""
                : current.name());
        ask.initOwner(getScene().getWindow());
        ask.setTitle("Save view");
        ask.setHeaderText("The wall as it is now (layout and cameras), under a name");
        ask.getDialogPane().setId("view-name-dialog");
        return ask.showAndWait().map(String::strip).filter(name -> !name.isEmpty());
    }

    private void fill() {
        List<SharedView> items = new ArrayList<>();
        items.add(ALL);
        items.addAll(views.personal());
        items.addAll(views.shared());
        syncing = true;
        choice.getItems().setAll(items);
        syncing = false;
        select(wall.viewProperty().get());
    }

    /** Shows {@code shown} as chosen (a view arranged by hand and not saved is listed until it is). */
    private void select(SharedView shown) {
        syncing = true;
        if (shown == null) {
            choice.setValue(ALL);
        } else {
            choice.getItems().removeIf(v -> WallViewModel.UNSAVED.equals(v.name()) && v != shown);
            if (!choice.getItems().contains(shown)) {
                choice.getItems().add(shown);
            }
            choice.setValue(shown);
        }
        syncing = false;
    }

    private final class ViewCell extends ListCell<SharedView> {
        @Override
        protected void updateItem(SharedView view, boolean empty) {
            super.updateItem(view, empty);
            setText(empty || view == null ? null
                    : view.name() + (views.shared().contains(view) && !views.personal().contains(view) ? " (shared)"
                    : ""));
        }
    }
}
