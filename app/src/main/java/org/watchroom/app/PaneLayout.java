package org.watchroom.app;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import org.watchroom.app.timeline.TimelineView;

/**
 * How the main window's panes share its room, and the toolbar toggles that change it: the wall with the alerts
 * list and the review pane on its right (Alerts hides them), Big review (alerts and a big player where the wall
 * was), and the timeline underneath (Timeline).
 *
 * <p>Thread-safety: FX thread only.
 */
final class PaneLayout {
    private static final double WALL_SHARE = 0.7;
    private static final double ALERTS_SHARE = 0.42;
    /** The wall's share of the width while the alerts are hidden or the review is big (they bring it back). */
    private double wallShare = WALL_SHARE;
    private final SplitPane side;
    private final SplitPane centre;
    private final SplitPane withTimeline;
    private final ToggleButton alerts = toggle("Alerts", "alerts-toggle");
    private final ToggleButton bigReview = toggle("Big review", "review-wide");
    private final ToggleButton timelineToggle = toggle("Timeline", "timeline-toggle");

    private final TimelineView timeline;

    PaneLayout(Node wall, Node alertsPane, Node review, TimelineView timeline) {
        this.timeline = timeline;
        side = new SplitPane(alertsPane, review); // alerts above, the selected one's review below
        side.setOrientation(Orientation.VERTICAL);
        side.setDividerPositions(ALERTS_SHARE);
        centre = new SplitPane(wall, side);
        centre.setDividerPositions(WALL_SHARE);
        SplitPane.setResizableWithParent(side, false);
        withTimeline = new SplitPane(centre);
        withTimeline.setOrientation(Orientation.VERTICAL);

        alerts.setSelected(true);
        alerts.selectedProperty().subscribe(shown -> {
            if (!shown) {
                wallShare = wallShare(); // as dragged, for when the alerts come back
                centre.getItems().remove(side);
            } else if (!centre.getItems().contains(side)) {
                centre.getItems().add(side);
                centre.setDividerPositions(wallShare);
            }
        });
        bigReview.selectedProperty().subscribe(wide -> {
            if (wide) {
                wallShare = wallShare(); // the wall's room, for when the review is small again
            }
            alerts.setSelected(true);
            side.setOrientation(wide ? Orientation.HORIZONTAL : Orientation.VERTICAL);
            side.setDividerPositions(wide ? 0.35 : ALERTS_SHARE);
            if (wide) {
                centre.getItems().setAll(side);
            } else if (!centre.getItems().contains(wall)) {
                centre.getItems().setAll(wall, side);
                centre.setDividerPositions(wallShare);
            }
        });
        timelineToggle.selectedProperty().subscribe(shown -> {
            if (!shown) {
                withTimeline.getItems().remove(timeline);
            } else if (!withTimeline.getItems().contains(timeline)) {
                withTimeline.getItems().add(timeline);
                withTimeline.setDividerPositions(0.55);
            }
            timeline.model().setShown(shown); // reads the day afresh when it appears; hidden, it runs no queries
        });
    }

    private static ToggleButton toggle(String text, String id) {
        ToggleButton button = new ToggleButton(text);
        button.setId(id);
        return button;
    }

    /** The wall's share of the window's width, as the person left it (dragged, or as it was with the alerts). */
    double wallShare() {
        return centre.getItems().size() == 2 && centre.getItems().getFirst() != side ? centre.getDividerPositions()[0]
                : wallShare;
    }

    /** The alerts list's share of the side pane's height (the review pane has the rest). */
    double alertsShare() {
        return side.getOrientation() == Orientation.VERTICAL ? side.getDividerPositions()[0] : ALERTS_SHARE;
    }

    /** Shares the room as a person's workspace says. */
    void arrange(boolean alertsShown, boolean timelineShown, double wallShare, double alertsShare) {
        bigReview.setSelected(false);
        alerts.setSelected(alertsShown);
        timelineToggle.setSelected(timelineShown);
        this.wallShare = wallShare; // after the toggles, which keep the share they found
        if (alertsShown) {
            centre.setDividerPositions(wallShare);
            side.setDividerPositions(alertsShare);
        }
    }

    /** Everything between the toolbar and the status bar. */
    Node node() { return withTimeline; }

    ToggleButton alertsToggle() { return alerts; }

    ToggleButton bigReviewToggle() { return bigReview; }

    ToggleButton timelineToggle() { return timelineToggle; }

    /** An archive has no wall: alerts and player get the room, and the timeline shows from the start. */
    void forArchive() {
        bigReview.setSelected(true);
        timelineToggle.setSelected(true);
    }

    /**
     * Hides the casework (alerts, their notes, crops and review, the timeline) while nobody is signed in or the
     * workstation is locked; the live wall stays, for whoever walks by the control room.
     */
    void hideCasework(boolean hidden) {
        side.setVisible(!hidden);
        timeline.setVisible(!hidden);
    }
}
