package org.watchroom.app.timeline;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchroom.core.playback.SyncedPlayers;

/**
 * What the timeline plays: one camera at a moment (a click on its strip), or the cameras picked by their names
 * played together at the playhead, else at the middle of the view. The window's recording player does the playing.
 *
 * <p>Thread-safety: FX thread only.
 */
final class TimelinePlayback {
    private final ObservableList<Strip> selected = FXCollections.observableArrayList();
    private final ObjectProperty<Instant> playhead = new SimpleObjectProperty<>();
    private final Supplier<Instant> middle;
    private final Consumer<String> problem;
    private BiConsumer<List<Strip>, Instant> onPlay = (cameras, at) -> { };

    /**
     * @param middle  the middle of the view, where picked cameras play when nothing plays yet
     * @param problem shows why something cannot play; null clears it
     */
    TimelinePlayback(Supplier<Instant> middle, Consumer<String> problem) {
        this.middle = middle;
        this.problem = problem;
    }

    ObservableList<Strip> selected() { return selected; }

    ObjectProperty<Instant> playheadProperty() { return playhead; }

    void setOnPlay(BiConsumer<List<Strip>, Instant> action) { onPlay = action == null ? (c, t) -> { } : action; }

    void play(Strip strip, Instant at) {
        if (strip.cameraId() == null) {
            problem.accept(notConfigured(strip));
            return;
        }
        problem.accept(null);
        onPlay.accept(List.of(strip), at);
    }

    void toggleSelected(Strip strip) {
        if (selected.contains(strip)) {
            selected.remove(strip);
        } else if (strip.cameraId() == null) {
            problem.accept(notConfigured(strip));
        } else if (selected.size() < SyncedPlayers.MAX) {
            selected.add(strip);
            problem.accept(null);
        } else {
            problem.accept("At most " + SyncedPlayers.MAX + " cameras play together.");
        }
    }

    void playSelected() {
        if (selected.isEmpty()) {
            return;
        }
        Instant at = playhead.get() != null ? playhead.get() : middle.get();
        onPlay.accept(List.copyOf(selected), at);
    }

    private static String notConfigured(Strip strip) {
        return strip.name() + " is not a configured camera: it has no recording to play.";
    }
}
