package org.watchroom.app.review;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.playback.ClipFormat;
import org.watchroom.core.playback.ClipPlayer;
import org.watchroom.core.playback.FrameExchange;
import org.watchroom.core.playback.PlayerState;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.EventDetails;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.FrameSize;
import org.watchroom.core.store.StoredDetection;

/**
 * The review pane's state for the selected event: its details, the clip that covers its peak in a
 * {@link ClipPlayer}, the stored boxes on that clip's time line, the pictures (snapshot, crops) and the player's
 * state and position. One player at a time: loading another event closes the previous one.
 *
 * <p>Thread-safety: FX thread only (the player's callbacks come back through the {@link TaskExecutor}).
 */
public final class ReviewViewModel implements AutoCloseable {
    /** Crops shown beside the snapshot. */
    static final int MAX_CROPS = 11;
    public static final List<Double> SPEEDS = List.of(0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0);
    private final EventStore events;
    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<EventDetails> details = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PlayerState> state = new ReadOnlyObjectWrapper<>(PlayerState.STOPPED);
    private final ReadOnlyLongWrapper position = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyLongWrapper duration = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final DoubleProperty speed = new SimpleDoubleProperty(1);
    private final ObservableList<Path> pictures = FXCollections.observableArrayList();
    private ClipPlayer player;
    private ClipFormat format;
    private BoxTrack track;
    private Clip clip;
    private long loadedId = -1;
    private int loads;
    private final AutoCloseable clipClosed;

    public ReviewViewModel(EventStore events, TaskExecutor executor) {
        this(events, null, executor);
    }

    /**
     * @param bus when the shown event's clip closes (bus: {@code ClipClosed}), an event shown without a finished clip
     *            is loaded again so its whole clip plays; null: never
     */
    public ReviewViewModel(EventStore events, EventBus bus, TaskExecutor executor) {
        this.events = events;
        this.executor = executor;
        speed.subscribe(s -> {
            if (player != null) {
                player.speed(s.doubleValue());
            }
        });
        clipClosed = bus == null ? null : bus.subscribe(WatchroomEvent.ClipClosed.class,
                c -> executor.onUiThread(() -> clipClosed(c.eventIds())));
    }

    private void clipClosed(List<Long> eventIds) {
        boolean waiting = clip == null || clip.open();
        boolean playing = state.get() instanceof PlayerState.Playing;
        if (loadedId >= 0 && eventIds.contains(loadedId) && waiting && !playing) {
            long id = loadedId;
            loadedId = -1; // load() skips the event shown already
            load(id);
        }
    }

    /** Shows event {@code id} (null clears); reloading the event shown already does nothing. */
    public void load(Long id) {
        if (id != null && id == loadedId) {
            return;
        }
        closePlayer();
        loadedId = id == null ? -1 : id;
        int load = ++loads;
        details.set(null);
        track = null;
        clip = null;
        pictures.clear();
        message.set(id == null ? "" : "Loading…");
        if (id == null) {
            return;
        }
        executor.submit(() -> fetch(id), loaded -> {
            if (load == loads) {
                show(loaded);
            }
        }, failure -> {
            if (load == loads) {
                message.set("The event cannot be loaded: " + failure.getMessage());
            }
        });
    }

    /** What one load reads from the database (off the FX thread). */
    private record Loaded(EventDetails details, FrameSize frame) { }

    private Loaded fetch(long id) {
        Optional<EventDetails> found = events.details(id);
        return found.map(d -> new Loaded(d, events.frameSize(id).orElse(new FrameSize(1, 1)))).orElse(null);
    }

    private void show(Loaded loaded) {
        if (loaded == null) {
            message.set("The event is gone.");
            return;
        }
        EventDetails d = loaded.details();
        details.set(d);
        List<Path> shown = new ArrayList<>();
        if (d.event().snapshotPath() != null) {
            shown.add(Path.of(d.event().snapshotPath()));
        }
        // the sharpest look at someone is the best-scored crop: those first, a handful at most
        d.detections().stream().sorted(Comparator.comparingDouble(StoredDetection::score).reversed())
                .map(StoredDetection::cropPath).filter(p -> p != null).distinct().limit(MAX_CROPS)
                .map(Path::of).forEach(shown::add);
        pictures.setAll(shown);
        clip = clipForPeak(d);
        if (clip == null) {
            message.set(d.event().ongoing() ? "Still going on: its clip shows here once the recorder has written it."
                    : "No clip was recorded for this event.");
            return;
        }
        track = BoxTrack.of(d.event(), d.detections(), clip.startedAt(), loaded.frame());
        message.set(clip.open() ? "Recording in progress: the clip plays up to what is written." : "");
        player = new ClipPlayer(Path.of(clip.path()), new Callbacks(loads));
        player.speed(speed.get());
    }

    /** The clip holding the best detection (the latest clip started before it), else the first. */
    private static Clip clipForPeak(EventDetails d) {
        if (d.clips().isEmpty()) {
            return null;
        }
        Instant peak = d.detections().stream().max(Comparator.comparingDouble(StoredDetection::score))
                .map(StoredDetection::ts).orElse(d.event().startedAt());
        Clip best = d.clips().getFirst();
        for (Clip c : d.clips()) {
            if (!c.startedAt().isAfter(peak)) {
                best = c;
            }
        }
        return best;
    }

    /** Hands the player's news to the FX thread; drops news from a player that was replaced meanwhile. */
    private final class Callbacks implements ClipPlayer.Listener {
        private final int load;

        Callbacks(int load) { this.load = load; }

        @Override
        public void opened(ClipFormat opened) {
            executor.onUiThread(() -> {
                if (load == loads) {
                    format = opened;
                    duration.set(opened.durationMicros());
                }
            });
        }

        @Override
        public void stateChanged(PlayerState next) {
            executor.onUiThread(() -> {
                if (load == loads) {
                    state.set(next);
                    if (next instanceof PlayerState.Failed failed) {
                        message.set(failed.reason());
                    }
                }
            });
        }
    }

    /**
     * The newest picture since the last call, or null; also moves {@link #positionProperty()}. The view calls
     * this once per pulse; allocation-free.
     */
    public FrameExchange.Frame pollFrame() {
        if (player == null) {
            return null;
        }
        FrameExchange.Frame frame = player.frames().takeNewest();
        if (frame != null) {
            position.set(frame.ptsMicros());
        }
        return frame;
    }

    /** The boxes stored for the shown frame, in detector pixels, or null. */
    public DetectionResult boxesAt(long micros) {
        return track == null || format == null ? null : track.at(micros, format.frameMicros());
    }

    public void togglePlay() {
        if (player != null) {
            player.toggle();
        }
    }

    public void play() {
        if (player != null) {
            player.play();
        }
    }

    public void pause() {
        if (player != null) {
            player.pause();
        }
    }

    public void seek(long micros) {
        if (player != null) {
            player.seek(micros);
        }
    }

    /** Pauses and moves one frame: +1 forward, -1 back. */
    public void step(int frames) {
        if (player != null) {
            player.step(frames);
        }
    }

    /** Shows the moment of the best detection. */
    public void jumpToPeak() {
        if (player != null && track != null) {
            player.pause();
            player.seek(track.peakMicros());
        }
    }

    /** Pictures fit in this many pixels (the surface's size). */
    public void requestSize(int width, int height) {
        if (player != null) {
            player.requestSize(width, height);
        }
    }

    public ReadOnlyObjectProperty<EventDetails> detailsProperty() { return details.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<PlayerState> stateProperty() { return state.getReadOnlyProperty(); }

    /** Clip time of the picture shown, microseconds; -1 before the first. */
    public ReadOnlyLongProperty positionProperty() { return position.getReadOnlyProperty(); }

    public ReadOnlyLongProperty durationProperty() { return duration.getReadOnlyProperty(); }

    /** Loading, no clip, recording in progress or why the clip cannot play; empty when all is well. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Playback speed factor, one of {@link #SPEEDS}. */
    public DoubleProperty speedProperty() { return speed; }

    /** The event's snapshot, then its best-scored face and person crops (at most {@value #MAX_CROPS}). */
    public ObservableList<Path> pictures() { return pictures; }

    /** The boxes and scores of the shown clip, or null before it is known. */
    public BoxTrack track() { return track; }

    /** The clip played, or null. */
    public Clip clip() { return clip; }

    /** The clip's format once the player opened it, or null. */
    public ClipFormat format() { return format; }

    /** The player, for leak checks in tests; null when none is open. */
    public ClipPlayer player() { return player; }

    private void closePlayer() {
        if (player != null) {
            ClipPlayer old = player;
            player = null;
            format = null;
            old.close(); // joins the player thread: at most a frame's decode
        }
        state.set(PlayerState.STOPPED);
        position.set(-1);
        duration.set(0);
    }

    /** Closes the player and forgets the event (window closing). */
    @Override
    public void close() {
        load(null);
        if (clipClosed != null) {
            try {
                clipClosed.close();
            } catch (Exception ignored) {
                // unsubscribing cannot fail in a way that matters at close
            }
        }
    }
}
