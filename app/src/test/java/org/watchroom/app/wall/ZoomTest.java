package org.watchroom.app.wall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** The digital zoom's arithmetic: the point under the cursor stays there, the view never leaves the picture. */
class ZoomTest {

    @Test
    void zoomingKeepsThePointUnderTheCursorWhereItWas() {
        Zoom zoom = Zoom.NONE.at(0.25, 0.75, 4); // four notches in, over the lower left
        assertThat(zoom.factor()).isCloseTo(Math.pow(1.25, 4), within(1e-9));
        // the picture point under the cursor: left + x / factor, before and after
        assertThat(zoom.left() + 0.25 / zoom.factor()).isCloseTo(0.25, within(1e-9));
        assertThat(zoom.top() + 0.75 / zoom.factor()).isCloseTo(0.75, within(1e-9));

        Zoom further = zoom.at(0.5, 0.5, 2);
        double pointX = zoom.left() + 0.5 / zoom.factor();
        assertThat(further.left() + 0.5 / further.factor()).isCloseTo(pointX, within(1e-9));
    }

    @Test
    void theViewStaysInsideThePictureAndZoomStaysBetweenOneAndTheMaximum() {
        Zoom corner = Zoom.NONE.at(1, 1, 10).pan(-5, -5); // dragged far past the lower right corner
        assertThat(corner.factor()).isEqualTo(Zoom.MAX);
        Rectangle2D view = corner.viewport(1920, 1080);
        assertThat(view.getMaxX()).isCloseTo(1920, within(1e-6));
        assertThat(view.getMaxY()).isCloseTo(1080, within(1e-6));
        assertThat(view.getWidth()).isCloseTo(1920 / Zoom.MAX, within(1e-6));

        Zoom out = corner.at(0.5, 0.5, -100);
        assertThat(out.zoomed()).isFalse();
        assertThat(out.viewport(640, 360)).isEqualTo(new Rectangle2D(0, 0, 640, 360));
    }

    @Test
    void draggingMovesThePictureWithTheHand() {
        Zoom zoom = new Zoom(2, 0.5, 0.5);
        Zoom dragged = zoom.pan(0.2, 0); // hand moved right by a fifth of the view: the picture's left comes in
        assertThat(dragged.centreX()).isCloseTo(0.4, within(1e-9));
        assertThat(dragged.centreY()).isEqualTo(0.5);
    }
}
