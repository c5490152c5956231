package org.watchroom.app.timeline;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.watchroom.core.store.RecordingGap;

/**
 * The timeline's legend: a swatch per kind of label, what the bars' looks mean for the review status, and the
 * colours of footage and of each reason for a gap.
 *
 * <p>Thread-safety: FX thread only.
 */
final class TimelineLegend extends HBox {

    TimelineLegend() {
        super(8);
        setId("timeline-legend");
        setStyle("-fx-font-size: 11px;");
        setAlignment(Pos.CENTER_LEFT);
        for (LabelKind k : LabelKind.values()) {
            Rectangle swatch = new Rectangle(12, 12, Color.web(k.colour()));
            Label l = new Label(k.text(), swatch);
            getChildren().add(l);
        }
        Label statuses = new Label("solid: pending · outlined ✓: confirmed · faded: dismissed");
        statuses.setStyle("-fx-font-size: 11px; -fx-opacity: 0.8;");
        getChildren().add(statuses);
        getChildren().add(new Label("recorded", new Rectangle(12, 6, Color.web(Coverage.FOOTAGE_COLOUR))));
        for (var reason : RecordingGap.Reason.values()) {
            String text = switch (reason) {
                case OFFLINE -> "offline";
                case PAUSED -> "paused (disk)";
                case ENGINE_DOWN -> "not running";
                case DROPPED -> "dropped";
            };
            getChildren().add(new Label(text, new Rectangle(12, 6, Color.web(Coverage.colour(reason)))));
        }
    }
}
