package org.watchroom.app.review;

import java.util.List;
import java.util.function.IntConsumer;
import javafx.beans.property.DoubleProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.StringConverter;

/**
 * The transport controls and keys the review pane and the recording view share: frame steps either side of the
 * play button, the speed choice, and Space / ← / → without modifiers.
 *
 * <p>Thread-safety: FX thread only.
 *
 * @param back    one frame back ({@code <prefix>-step-back})
 * @param forward one frame on ({@code <prefix>-step-forward})
 * @param speed   the playback speed ({@code <prefix>-speed}), bound to the view model's speed
 */
record TransportControls(Button back, Button forward, ChoiceBox<Double> speed) {

    /** The controls with ids prefixed {@code prefix}; {@code play} (the caller's, its text follows the state) too. */
    static TransportControls of(String prefix, Button play, Runnable togglePlay, IntConsumer step,
            List<Double> speeds, DoubleProperty speedProperty) {
        play.setId(prefix + "-play");
        play.setOnAction(e -> togglePlay.run());
        Button back = new Button("◀|");
        back.setId(prefix + "-step-back");
        back.setOnAction(e -> step.accept(-1));
        Button forward = new Button("|▶");
        forward.setId(prefix + "-step-forward");
        forward.setOnAction(e -> step.accept(1));
        ChoiceBox<Double> speed = new ChoiceBox<>();
        speed.setId(prefix + "-speed");
        speed.getItems().setAll(speeds);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double s) {
                return s == null ? "" : (s == Math.floor(s) ? String.valueOf(s.intValue()) : s) + "×";
            }

            @Override
            public Double fromString(String s) {
                return null;
            }
        });
        speed.setValue(speedProperty.get());
        speed.valueProperty().subscribe(s -> speedProperty.set(s == null ? 1 : s));
        return new TransportControls(back, forward, speed);
    }

    /** Space plays or pauses, ← and → step a frame; true when {@code e} was one of them (no modifier held). */
    static boolean handleKey(KeyEvent e, Runnable togglePlay, IntConsumer step) {
        if (e.isShortcutDown() || e.isAltDown() || e.isShiftDown()) {
            return false;
        }
        if (e.getCode() == KeyCode.SPACE) {
            togglePlay.run();
        } else if (e.getCode() == KeyCode.LEFT) {
            step.accept(-1);
        } else if (e.getCode() == KeyCode.RIGHT) {
            step.accept(1);
        } else {
            return false;
        }
        return true;
    }
}
