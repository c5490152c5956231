package org.watchroom.app.wall;

import java.util.Comparator;
import java.util.Locale;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.watchroom.core.store.Camera;

/**
 * The camera list beside the wall: every configured camera by location, then name, narrowed by what is typed into
 * the search field (name or location); drag one onto a tile to put it there.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class CameraListView extends VBox {
    /** What a dragged camera carries: this prefix and its id. */
    static final String DRAGGED = "watchroom-camera:";

    public CameraListView(ObservableList<Camera> cameras) {
        super(4);
        getStyleClass().add("camera-list");
        setPrefWidth(220);
        TextField search = new TextField();
        search.setId("camera-search");
        search.setPromptText("Find a camera or place");
        FilteredList<Camera> found = new FilteredList<>(cameras);
        search.textProperty().subscribe(text -> {
            String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            found.setPredicate(c -> wanted.isEmpty() || c.name().toLowerCase(Locale.ROOT).contains(wanted)
                    || (c.location() != null && c.location().toLowerCase(Locale.ROOT).contains(wanted)));
        });
        SortedList<Camera> sorted = new SortedList<>(found, Comparator
                .comparing((Camera c) -> c.location() == null ? "\uffff" : c.location().toLowerCase(Locale.ROOT))
                .thenComparing(c -> c.name().toLowerCase(Locale.ROOT)));
        ListView<Camera> list = new ListView<>(sorted);
        list.setId("camera-list");
        list.setCellFactory(view -> new CameraCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(search, list);
    }

    /** The camera id a drag carries, or -1. */
    static long draggedCamera(Dragboard board) {
        if (!board.hasString() || !board.getString().startsWith(DRAGGED)) {
            return -1;
        }
        try {
            return Long.parseLong(board.getString().substring(DRAGGED.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class CameraCell extends ListCell<Camera> {
        CameraCell() {
            setOnDragDetected(e -> {
                if (getItem() != null) {
                    Dragboard board = startDragAndDrop(TransferMode.COPY);
                    ClipboardContent content = new ClipboardContent();
                    content.putString(DRAGGED + getItem().id());
                    board.setContent(content);
                    e.consume();
                }
            });
        }

        @Override
        protected void updateItem(Camera camera, boolean empty) {
            super.updateItem(camera, empty);
            setText(empty || camera == null ? null
                    : camera.name() + (camera.location() == null ? "" : "  · " + camera.location()));
        }
    }
}
