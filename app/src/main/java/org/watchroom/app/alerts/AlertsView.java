package org.watchroom.app.alerts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;

/**
 * The alerts pane: pending badge, filters, the list (thumbnail, camera, label, local time, peak, status) and
 * keyboard triage on the list: C confirm, D dismiss, J/K next/previous, N note field (Enter goes back to the
 * list), Ctrl+Z undo, Delete or Shift+D dismisses the multi-selection. New alerts are highlighted for two seconds.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class AlertsView extends VBox {
    private static final PseudoClass FRESH = PseudoClass.getPseudoClass("fresh");
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter OLDER = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.getDefault());
    private static final String ALL_STATUSES = "All statuses";

    private final AlertsViewModel model;
    private final TaskExecutor executor;
    private final ListView<Event> list = new ListView<>();
    private final TextField note = new TextField();
    /** Thumbnails by snapshot path, least recently used dropped. */
    private final Map<String, Image> thumbnails = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > 300;
        }
    };
    private boolean syncing;
    private Consumer<List<Long>> onExport = ids -> { };
    /** Off for roles that may not export: the button, menu item and E key go away (the core refuses anyway). */
    private final javafx.beans.property.BooleanProperty exportAllowed = new javafx.beans.property.SimpleBooleanProperty(true);
    /** Keys the list does not use itself go here (the review player's Space, Left, Right); true means handled. */
    private java.util.function.Predicate<KeyEvent> otherKeys = e -> false;

    public AlertsView(AlertsViewModel model, TaskExecutor executor) {
        this.model = model;
        this.executor = executor;
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
        sound.setTooltip(new javafx.scene.control.Tooltip("Play a chime when a new alert arrives"));
        sound.selectedProperty().bindBidirectional(model.soundProperty());
        HBox header = new HBox(8, title, spring, sound, export, badge);
        header.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(header, filters(), list(), noteField(), help(), errorLine(), noticeLine());
        VBox.setVgrow(list, Priority.ALWAYS);
    }

    private FlowPane filters() {
        ChoiceBox<String> status = new ChoiceBox<>();
        status.setId("alerts-status");
        status.getItems().add(ALL_STATUSES);
        for (EventStatus s : EventStatus.values()) {
            status.getItems().add(capitalised(s));
        }
        status.setValue(model.statusFilterProperty().get() == null ? ALL_STATUSES : capitalised(model.statusFilterProperty().get()));
        status.valueProperty().subscribe(v -> model.statusFilterProperty().set(
                v == null || v.equals(ALL_STATUSES) ? null : EventStatus.parse(v)));
        // the model may change it too (reveal from the timeline)
        model.statusFilterProperty().subscribe(s -> status.setValue(s == null ? ALL_STATUSES : capitalised(s)));

        ChoiceBox<Camera> camera = new ChoiceBox<>();
        camera.setId("alerts-camera");
        camera.setConverter(new StringConverter<>() {
            @Override
            public String toString(Camera c) { return c == null ? "All cameras" : c.name(); }

            @Override
            public Camera fromString(String s) { return null; }
        });
        Runnable fillCameras = () -> {
            Long chosen = model.cameraFilterProperty().get();
            camera.getItems().setAll((Camera) null);
            camera.getItems().addAll(model.cameras());
            camera.setValue(model.cameras().stream().filter(c -> chosen != null && c.id() == chosen).findFirst().orElse(null));
        };
        model.cameras().addListener((ListChangeListener<Camera>) c -> fillCameras.run());
        fillCameras.run();
        camera.valueProperty().subscribe(c -> model.cameraFilterProperty().set(c == null ? null : c.id()));
        model.cameraFilterProperty().subscribe(id -> {
            if (id == null && camera.getValue() != null) {
                camera.setValue(null);
            }
        });

        TextField label = new TextField();
        label.setId("alerts-label");
        label.setPromptText("label");
        label.setPrefColumnCount(7);
        label.textProperty().bindBidirectional(model.labelFilterProperty());

        ChoiceBox<TimeRange> time = new ChoiceBox<>();
        time.setId("alerts-time");
        time.getItems().setAll(TimeRange.values());
        time.valueProperty().bindBidirectional(model.timeRangeProperty());

        TextField search = new TextField();
        search.setId("alerts-search");
        search.setPromptText("search notes");
        search.setPrefColumnCount(10);
        search.textProperty().bindBidirectional(model.noteSearchProperty());

        FlowPane filters = new FlowPane(6, 6, status, camera, label, time, search);
        filters.setPrefWrapLength(300);
        return filters;
    }

    private ListView<Event> list() {
        list.setId("alerts-list");
        list.setItems(model.alerts());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> new AlertCell());
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
        model.selectedProperty().subscribe(this::showSelected);
        model.alerts().addListener((ListChangeListener<Event>) c -> showSelected(model.selectedProperty().get()));
        model.fresh().addListener((SetChangeListener<Long>) change -> {
            if (change.wasAdded()) {
                long id = change.getElementAdded();
                PauseTransition fade = new PauseTransition(Duration.seconds(2));
                fade.setOnFinished(e -> model.fresh().remove(id));
                fade.play();
            }
            list.refresh();
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        MenuItem exportItem = new MenuItem("Export…");
        exportItem.setOnAction(e -> exportSelected());
        exportItem.visibleProperty().bind(exportAllowed);
        list.setContextMenu(new ContextMenu(exportItem));
        list.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.N && !e.isShortcutDown() && !e.isAltDown()) {
                note.requestFocus();
                e.consume();
            }
        });
        return list;
    }

    /** Puts the list's selection on the model's selected alert, unless the person's own multi-selection has it. */
    private void showSelected(Event selected) {
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
        scrollIntoView(index);
    }

    private void scrollIntoView(int index) {
        var flow = list.lookup(".virtual-flow");
        if (flow instanceof javafx.scene.control.skin.VirtualFlow<?> vf) {
            var first = vf.getFirstVisibleCell();
            var last = vf.getLastVisibleCell();
            if (first != null && last != null && index >= first.getIndex() && index <= last.getIndex()) {
                return;
            }
        }
        list.scrollTo(Math.max(0, index - 2));
    }

    private void onKey(KeyEvent e) {
        if (e.isShortcutDown() && e.getCode() == KeyCode.Z) {
            model.undo();
        } else if (e.isShortcutDown() || e.isAltDown()) {
            return;
        } else if (e.getCode() == KeyCode.C) {
            model.confirm(null);
        } else if (e.getCode() == KeyCode.D && !e.isShiftDown() && list.getSelectionModel().getSelectedItems().size() <= 1) {
            model.dismiss(null);
        } else if (e.getCode() == KeyCode.D || e.getCode() == KeyCode.DELETE) {
            model.dismissSelected();
        } else if (e.getCode() == KeyCode.S && !e.isShiftDown()) {
            model.dismissAndSuppress(null);
        } else if (e.getCode() == KeyCode.E) {
            exportSelected();
        } else if (e.getCode() == KeyCode.J) {
            model.next();
        } else if (e.getCode() == KeyCode.K) {
            model.previous();
        } else if (e.getCode() == KeyCode.N) {
            // the note field takes focus on release, so that this key's own "n" is typed into the list, not the note
        } else if (!otherKeys.test(e)) {
            return;
        }
        e.consume();
    }

    /** What E, the Export… button and the list's menu do with the chosen events (the main window opens the dialog). */
    public void setOnExport(Consumer<List<Long>> action) {
        onExport = action;
    }

    /** Whether this person may export (bound by the main window to the signed-in role). */
    public javafx.beans.property.BooleanProperty exportAllowedProperty() { return exportAllowed; }

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

    private static Label help() {
        Label help = new Label("C confirm · D dismiss · S dismiss and suppress this spot for this label · "
                + "J/K next/previous · E export · N note · Ctrl+Z undo (keeps a suppression; remove it in Cameras) · "
                + "Shift+click, then Delete or Shift+D: dismiss all selected");
        help.getStyleClass().add("alerts-help");
        help.setWrapText(true);
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
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        return notice;
    }

    public ListView<Event> listView() { return list; }

    /** Lets another pane take the keys the list leaves alone while it has focus (they are consumed when taken). */
    public void onOtherKeys(java.util.function.Predicate<KeyEvent> handler) { otherKeys = handler; }

    /** Focuses the list so the triage keys work. */
    public void focusList() { list.requestFocus(); }

    private static String capitalised(EventStatus s) {
        String v = s.dbValue();
        return Character.toUpperCase(v.charAt(0)) + v.substring(1);
    }

    static String time(java.time.Instant at) {
        ZonedDateTime local = at.atZone(ZoneId.systemDefault());
        return (local.toLocalDate().equals(LocalDate.now()) ? TODAY : OLDER).format(local);
    }

    /** One alert: thumbnail, camera and label, time, peak and status. */
    private final class AlertCell extends ListCell<Event> {
        private final ImageView thumb = new ImageView();
        private final Label title = new Label();
        private final Label meta = new Label();
        private final Label status = new Label();
        private final HBox box;

        AlertCell() {
            getStyleClass().add("alert-cell");
            thumb.setFitWidth(96);
            thumb.setFitHeight(54);
            thumb.setPreserveRatio(true);
            Region frame = new Region();
            frame.setMinSize(96, 54);
            javafx.scene.layout.StackPane thumbBox = new javafx.scene.layout.StackPane(frame, thumb);
            title.getStyleClass().add("alert-camera");
            meta.getStyleClass().add("alert-meta");
            status.getStyleClass().add("alert-status");
            box = new HBox(8, thumbBox, new VBox(2, title, meta, status));
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Event e, boolean empty) {
            super.updateItem(e, empty);
            if (empty || e == null) {
                setGraphic(null);
                setText(null);
                pseudoClassStateChanged(FRESH, false);
                return;
            }
            title.setText(e.cameraName() + " · " + e.label());
            meta.setText(time(e.startedAt()) + " · peak " + Math.round(e.peakScore() * 100) + "%"
                    + (e.ongoing() ? " · ongoing" : ""));
            status.setText(e.status().dbValue() + (e.reviewedBy() == null ? "" : " by " + e.reviewedBy())
                    + (e.note() == null ? "" : ": " + e.note()));
            status.getStyleClass().removeAll("pending", "confirmed", "dismissed");
            status.getStyleClass().add(e.status().dbValue());
            pseudoClassStateChanged(FRESH, model.fresh().contains(e.id()));
            showThumbnail(e.snapshotPath());
            setText(null);
            setGraphic(box);
        }

        private void showThumbnail(String path) {
            thumb.setImage(path == null ? null : thumbnails.get(path));
            if (path == null || thumbnails.containsKey(path)) {
                return;
            }
            executor.submit(() -> Files.exists(Path.of(path))
                            ? new Image(Path.of(path).toUri().toString(), 96, 54, true, true, false) : null,
                    image -> {
                        if (image == null || image.isError()) {
                            return;
                        }
                        thumbnails.put(path, image);
                        if (getItem() != null && path.equals(getItem().snapshotPath())) {
                            thumb.setImage(image);
                        }
                    }, failure -> { });
        }
    }
}
