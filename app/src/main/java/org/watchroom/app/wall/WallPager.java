package org.watchroom.app.wall;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/**
 * The wall's page controls in the toolbar: previous, "page 2 / 3", next (shown only when the cameras take more than
 * one page), and the tour's period.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class WallPager extends HBox {
    /** Tour periods offered, in seconds; 0 is no tour. */
    static final List<Integer> TOUR_SECONDS = List.of(0, 5, 10, 20, 30, 60);
    /** Held here: a bidirectional binding keeps only weak references. */
    private final ObjectProperty<Integer> tourSeconds;

    public WallPager(WallViewModel model) {
        super(4);
        tourSeconds = model.tourSecondsProperty().asObject();
        setAlignment(Pos.CENTER_LEFT);
        Button previous = new Button("◀");
        previous.setId("page-previous");
        previous.setOnAction(e -> {
            model.interacted();
            model.previousPage();
        });
        Button next = new Button("▶");
        next.setId("page-next");
        next.setOnAction(e -> {
            model.interacted();
            model.nextPage();
        });
        Label page = new Label();
        page.setId("page-label");
        page.setMinWidth(Region.USE_PREF_SIZE);
        page.textProperty().bind(model.pageProperty().add(1).asString("Page %d / ")
                .concat(model.pageCountBinding().asString()));
        ChoiceBox<Integer> tour = new ChoiceBox<>();
        tour.setId("tour-choice");
        tour.getItems().setAll(TOUR_SECONDS);
        tour.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer seconds) {
                return seconds == null || seconds == 0 ? "No tour" : "Tour " + seconds + " s";
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        tour.valueProperty().bindBidirectional(tourSeconds);
        HBox pages = new HBox(4, previous, page, next);
        pages.setAlignment(Pos.CENTER_LEFT);
        pages.visibleProperty().bind(model.pageCountBinding().greaterThan(1));
        pages.managedProperty().bind(pages.visibleProperty());
        getChildren().addAll(pages, tour);
    }
}
