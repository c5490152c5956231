package org.watchroom.app.review;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import javafx.beans.property.DoubleProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.StringConverter;
import org.watchroom.app.keys.KeySection;
import org.watchroom.app.keys.Shortcut;

/**
 * The transport controls and keys the review pane and the recording view share: frame steps either side of the
 * play button, the speed choice, and the player's keys ({@link #keys}).
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
        speedProperty.subscribe(s -> speed.setValue(s.doubleValue())); // the speed keys change it too
        return new TransportControls(back, forward, speed);
    }

    /**
     * The player's keys, without modifiers: Space plays or pauses, ← and → step a frame, [ and ] pick the next slower
     * or faster of {@code speeds}.
     */
    static KeySection keys(Runnable togglePlay, IntConsumer step, List<Double> speeds, DoubleProperty speed) {
        return new KeySection("Player (review and recordings)", List.of(
                new Shortcut("Space", "play or pause", bare(KeyCode.SPACE), togglePlay),
                new Shortcut("←", "one frame back", bare(KeyCode.LEFT), () -> step.accept(-1)),
                new Shortcut("→", "one frame on", bare(KeyCode.RIGHT), () -> step.accept(1)),
                new Shortcut("[", "slower", bare(KeyCode.OPEN_BRACKET), () -> speed.set(next(speeds, speed.get(), -1))),
                new Shortcut("]", "faster", bare(KeyCode.CLOSE_BRACKET), () -> speed.set(next(speeds, speed.get(), 1)))));
    }

    /** The speed {@code by} places from {@code now} in {@code speeds} (sorted), held at either end. */
    static double next(List<Double> speeds, double now, int by) {
        int at = 0;
        for (int i = 0; i < speeds.size(); i++) {
            if (Math.abs(speeds.get(i) - now) < Math.abs(speeds.get(at) - now)) {
                at = i;
            }
        }
        return speeds.get(Math.max(0, Math.min(speeds.size() - 1, at + by)));
    }

    private static Predicate<KeyEvent> bare(KeyCode code) {
        return e -> e.getCode() == code && !e.isShortcutDown() && !e.isAltDown() && !e.isShiftDown();
    }
}
