package org.watchroom.app.alerts;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.watchroom.app.keys.KeySection;
import org.watchroom.app.thumbnail.ThumbnailCache;
import org.watchroom.core.store.Event;

/**
 * The alerts pane: pending badge, {@linkplain AlertFilterBar filters}, the list ({@link AlertCell}: thumbnail,
 * camera, label, local time, peak, status) and keyboard triage on the list, with the keys of {@link AlertKeys} (the
 * help line under the list is written from the same table). The note field gives the focus back to the list on
 * Enter. New alerts are highlighted for two seconds.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class AlertsView extends VBox {
    private final AlertsViewModel model;
    private final ThumbnailCache thumbnails;
    private final ListView<Event> list = new ListView<>();
    private final Button newMarker = new Button();
    private final IntegerProperty unseen = new SimpleIntegerProperty();
    private final TextField note = new TextField();
    private final AlertKeys keys;
    private boolean syncing;
    private Consumer<List<Long>> onExport = ids -> { };
    /** Off for roles that may not export: the button, menu item and E key go away (the core refuses anyway). */
    private final BooleanProperty exportAllowed = new SimpleBooleanProperty(true);
    /** Keys the list does not use itself go here (the review player's Space, Left, Right); true means handled. */
    private Predicate<KeyEvent> otherKeys = e -> false;

    /** @param thumbnails the snapshot thumbnails, shared with the review pane */
    public AlertsView(AlertsViewModel model, ThumbnailCache thumbnails) {
        this.model = model;
        this.thumbnails = thumbnails;
        keys = new AlertKeys(model, () -> list.getSelectionModel().getSelectedItems().size(), this::exportSelected);
        getStyleClass().add("alerts");
        setId("alerts-pane");
        setMinWidth(0);

        Label title = new Label("Alerts");
        title.getStyleClass().add("alerts-title");
        Label badge = new Label();
        badge.setId("alerts-badge");
        badge.getStyleClass().add("alerts-badge");
        model.pendingCountProperty().subscribe(n -> {
            badge.setText(n + " pending");
            badge.getStyleClass().remove("zero");
            if (n.intValue() == 0) {
                badge.getStyleClass().add("zero");
            }
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Button export = new Button("Export…");
        export.setId("alerts-export");
        export.setOnAction(e -> exportSelected());
        export.disableProperty().bind(model.selectedProperty().isNull());
        export.visibleProperty().bind(exportAllowed);
        export.managedProperty().bind(exportAllowed);
        ToggleButton sound = new ToggleButton("Sound");
        sound.setId("alerts-sound");
        sound.setTooltip(new Tooltip("Play a chime when a new alert arrives"));
        sound.selectedProperty().bindBidirectional(model.soundProperty());
        HBox header = new HBox(8, title, spring, sound, export, badge);
        header.setAlignment(Pos.CENTER_LEFT);

        StackPane listArea = new StackPane(list(), newMarker());
        StackPane.setAlignment(newMarker, Pos.TOP_CENTER);
        getChildren().addAll(header, new AlertFilterBar(model), listArea, noteField(), help(), errorLine(),
                noticeLine());
        VBox.setVgrow(listArea, Priority.ALWAYS);
    }

    /**
     * "3 new ↑" over the list while new alerts came in above what the guard is looking at: a click (or scrolling to
     * the top) shows them. New alerts are never scrolled out of sight without a word.
     */
    private Button newMarker() {
        newMarker.setId("alerts-new-marker");
        newMarker.getStyleClass().add("alerts-new-marker");
        newMarker.textProperty().bind(unseen.asString("%d new ↑"));
        newMarker.visibleProperty().bind(unseen.greaterThan(0));
        newMarker.setOnAction(e -> {
            list.scrollTo(0);
            unseen.set(0);
            list.requestFocus();
        });
        model.fresh().addListener((SetChangeListener<Long>) change -> {
            if (change.wasAdded() && !atTop()) {
                unseen.set(unseen.get() + 1);
            }
        });
        // wheel, keys and scrollbar drags all move the flow's position: back at the top, the new ones are seen
        list.skinProperty().subscribe(skin -> {
            if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> vf) {
                vf.positionProperty().subscribe(position -> seenIfAtTop());
            }
        });
        return newMarker;
    }

    private void seenIfAtTop() {
        if (atTop()) {
            unseen.set(0);
        }
    }

    /** Whether the first alert of the list is in view. */
    private boolean atTop() {
        return !(list.lookup(".virtual-flow") instanceof VirtualFlow<?> vf) || vf.getFirstVisibleCell() == null
                || vf.getFirstVisibleCell().getIndex() == 0;
    }

    private ListView<Event> list() {
        list.setId("alerts-list");
        list.setItems(model.alerts());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> new AlertCell(model.fresh(), thumbnails));
        list.setPlaceholder(new Label("No alerts"));
        list.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (!syncing && now != null) {
                model.select(now);
            }
        });
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Event>) c -> {
            if (!syncing) {
                model.selection().setAll(list.getSelectionModel().getSelectedItems());
            }
        });
        model.selectedProperty().subscribe(selected -> showSelected(selected, true));
        // a reload keeps the selection but not the guard's place: new alerts above must not pull the list back up
        model.alerts().addListener((ListChangeListener<Event>) c -> showSelected(model.selectedProperty().get(),
                false));
        model.fresh().addListener((SetChangeListener<Long>) change -> {
            if (change.wasAdded()) {
                long id = change.getElementAdded();
                PauseTransition fade = new PauseTransition(Duration.seconds(2));
                fade.setOnFinished(e -> model.fresh().remove(id));
                fade.play();
            }
            list.refresh();
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (keys.handle(e, otherKeys)) {
                e.consume();
            }
        });
        MenuItem exportItem = new MenuItem("Export…");
        exportItem.setOnAction(e -> exportSelected());
        exportItem.visibleProperty().bind(exportAllowed);
        list.setContextMenu(new ContextMenu(exportItem));
        list.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (keys.isNote(e)) {
                note.requestFocus();
                e.consume();
            }
        });
        return list;
    }

    /**
     * Puts the list's selection on the model's selected alert, unless the person's own multi-selection has it;
     * {@code scroll}: and brings it into view.
     */
    private void showSelected(Event selected, boolean scroll) {
        Event shown = list.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        if (shown != null && shown.id() == selected.id() && list.getSelectionModel().getSelectedItems().size() > 1) {
            return;
        }
        int index = -1;
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).id() == selected.id()) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            return;
        }
        syncing = true;
        try {
            list.getSelectionModel().clearAndSelect(index);
            list.getFocusModel().focus(index);
            model.selection().setAll(list.getSelectionModel().getSelectedItems());
        } finally {
            syncing = false;
        }
        if (scroll) {
            scrollIntoView(index);
        }
    }

    private void scrollIntoView(int index) {
        var flow = list.lookup(".virtual-flow");
        if (flow instanceof VirtualFlow<?> vf) {
            var first = vf.getFirstVisibleCell();
            var last = vf.getLastVisibleCell();
            if (first != null && last != null && index >= first.getIndex() && index <= last.getIndex()) {
                return;
            }
        }
        list.scrollTo(Math.max(0, index - 2));
    }

    /** What E, the Export… button and the list's menu do with the chosen events (the main window opens the dialog). */
    public void setOnExport(Consumer<List<Long>> action) {
        onExport = action;
    }

    /** Whether this person may export (bound by the main window to the signed-in role). */
    public BooleanProperty exportAllowedProperty() { return exportAllowed; }

    private void exportSelected() {
        if (!exportAllowed.get()) {
            return;
        }
        List<Long> ids = model.exportTargets();
        if (!ids.isEmpty()) {
            onExport.accept(ids);
        }
    }

    private TextField noteField() {
        note.setId("alerts-note");
        note.setPromptText("Note (N), recorded with the next C or D; Enter returns");
        note.textProperty().bindBidirectional(model.noteProperty());
        note.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                list.requestFocus();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                note.clear();
                list.requestFocus();
                e.consume();
            }
        });
        return note;
    }

    /** The keys in one short line (what each does on hover, and in the window's F1 help). */
    private Label help() {
        Label help = new Label(keys.reminder());
        help.setId("alerts-help");
        help.getStyleClass().add("alerts-help");
        help.setWrapText(true);
        help.setMinHeight(Region.USE_PREF_SIZE); // wraps rather than cut short on a narrow pane
        help.setTooltip(new Tooltip(keys.help()));
        return help;
    }

    private Label errorLine() {
        Label error = new Label();
        error.setId("alerts-error");
        error.getStyleClass().add("form-problem");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        return error;
    }

    private Label noticeLine() {
        Label notice = new Label();
        notice.setId("alerts-notice");
        notice.setWrapText(true);
        notice.textProperty().bind(model.noticeProperty());
        // shown for a few seconds after each review, then out of the way
        BooleanProperty recent = new SimpleBooleanProperty();
        PauseTransition fade = new PauseTransition(Duration.seconds(6));
        fade.setOnFinished(e -> recent.set(false));
        notice.textProperty().subscribe(text -> {
            recent.set(text != null && !text.isEmpty());
            fade.playFromStart();
        });
        notice.visibleProperty().bind(recent);
        notice.managedProperty().bind(recent);
        return notice;
    }

    public ListView<Event> listView() { return list; }

    /** How many new alerts came in above the part of the list in view (0 when none). */
    public int unseenAlerts() { return unseen.get(); }

    /** Lets another pane take the keys the list leaves alone while it has focus (they are consumed when taken). */
    public void onOtherKeys(Predicate<KeyEvent> handler) { otherKeys = handler; }

    /** The list's keys, for the window's key help. */
    public KeySection keys() { return keys.section(); }

    /** Focuses the list so the triage keys work. */
    public void focusList() { list.requestFocus(); }
}
