package org.watchroom.app.timeline;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The timeline's controls over the strips: previous day, date picker, next day, today, zoom out, the zoom, zoom in,
 * "Play together", "Export range…", the selected range, notices and problems; the legend under them.
 *
 * <p>Thread-safety: FX thread only.
 */
final class TimelineHeader extends VBox {

    TimelineHeader(TimelineViewModel model) {
        super(2);
        Button prev = new Button("◀");
        prev.setId("timeline-prev");
        prev.setOnAction(e -> model.previousDay());
        DatePicker date = new DatePicker();
        date.setId("timeline-date");
        date.setPrefWidth(150);
        date.valueProperty().bindBidirectional(model.dayProperty());
        Button next = new Button("▶");
        next.setId("timeline-next");
        next.setOnAction(e -> model.nextDay());
        Button today = new Button("Today");
        today.setId("timeline-today");
        today.setOnAction(e -> model.today());
        Button out = new Button("−");
        out.setId("timeline-zoom-out");
        out.setOnAction(e -> model.zoomOut(0.5));
        Button in = new Button("+");
        in.setId("timeline-zoom-in");
        in.setOnAction(e -> model.zoomIn(0.5));
        Label zoom = new Label();
        zoom.setId("timeline-zoom");
        zoom.setMinWidth(60);
        zoom.setAlignment(Pos.CENTER);
        zoom.textProperty().bind(model.zoomLabelProperty());
        Label capped = new Label();
        capped.setId("timeline-capped");
        capped.setStyle("-fx-text-fill: #f85149;");
        capped.textProperty().bind(model.cappedProperty().map(c -> c ? "Only the first " + TimelineViewModel.limit()
                + " events around the view are shown" : ""));
        Label error = new Label();
        error.setId("timeline-error");
        error.setStyle("-fx-text-fill: #f85149;");
        error.textProperty().bind(model.errorProperty());
        Button together = new Button("Play together");
        together.setId("timeline-play-together");
        together.setTooltip(new Tooltip("Play the cameras picked by their names (up to four) at one time, 2×2"));
        together.disableProperty().bind(Bindings.size(model.selected()).lessThan(2));
        together.setOnAction(e -> model.playSelected());
        RangeSelectionViewModel range = model.rangeSelection();
        Button export = new Button("Export range…");
        export.setId("timeline-export");
        export.setTooltip(new Tooltip("Export the selected time range as evidence (E). Hold Shift and drag across a "
                + "camera's strip to select one (or Shift+click its start and its end); Esc clears it. Dragged on a "
                + "camera picked by its name, it is for all the picked cameras."));
        export.visibleProperty().bind(range.exportAllowedProperty());
        export.managedProperty().bind(range.exportAllowedProperty());
        export.disableProperty().bind(range.rangeProperty().map(RangeSelection::isEmpty).orElse(true));
        export.setOnAction(e -> range.export());
        Label selection = new Label();
        selection.setId("timeline-range");
        selection.setStyle("-fx-text-fill: #58a6ff;");
        selection.textProperty().bind(range.textProperty());
        Label notice = new Label();
        notice.setId("timeline-notice");
        notice.setStyle("-fx-text-fill: #d29922;");
        notice.textProperty().bind(range.noticeProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        for (var control : List.of(prev, date, next, today, out, zoom, in, together, export)) {
            control.setMinWidth(Region.USE_PREF_SIZE); // the legend gives way first
        }
        HBox bar = new HBox(6, prev, date, next, today, out, zoom, in, together, export, selection, notice, capped, error,
                spring);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox legend = new TimelineLegend();
        legend.setMinWidth(0);
        getChildren().addAll(bar, legend);
        setStyle("-fx-padding: 4 6 2 6;");
    }
}
