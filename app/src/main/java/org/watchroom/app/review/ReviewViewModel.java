package org.watchroom.app.review;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
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
import org.watchroom.core.playback.RecordingReader;
import org.watchroom.core.playback.Recordings;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventCatalog;
import org.watchroom.core.store.EventDetails;
import org.watchroom.core.store.StoredDetection;

/**
 * The review pane's state for the selected event: its details, its footage in a {@link ClipPlayer}, the stored boxes
 * on that footage's time line, the pictures (snapshot, crops) and the player's state and position. The footage of an
 * event on a camera recorded continuously is its own range of the recording (pre-roll … post-roll, read across the
 * segments by a {@link RecordingReader}); a camera recorded in events mode, or an event from before, has its clip
 * file (the one that covers its peak). Either way the player opens at the event's start, not at the pre-roll's.
 * Positions are from the start of the footage; {@link #wallTime} gives the wall-clock time of a frame. One player
 * at a time: loading another event closes the previous one (off the FX thread: closing waits for the player thread).
 * {@link EventFootage} finds what an event plays.
 *
 * <p>Thread-safety: FX thread only (the player's callbacks come back through the {@link TaskExecutor}).
 */
public final class ReviewViewModel implements AutoCloseable {
    /** Crops shown beside the snapshot. */
    static final int MAX_CROPS = 11;
    public static final List<Double> SPEEDS = List.of(0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0);
    private final EventFootage footage;
    private final LongFunction<Recordings> recordings;
    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<EventDetails> details = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PlayerState> state = new ReadOnlyObjectWrapper<>(PlayerState.STOPPED);
    private final ReadOnlyLongWrapper position = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyLongWrapper duration = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final DoubleProperty speed = new SimpleDoubleProperty(1);
    private final ObservableList<Path> pictures = FXCollections.observableArrayList();
    private ClipPlayer player;
    /** Players replaced by the next event and closing on the executor; {@link #close} waits for them. */
    private final Set<ClipPlayer> closing = ConcurrentHashMap.newKeySet();
    private ClipFormat format;
    private BoxTrack track;
    private Clip clip;
    /** The event's range of the recording when that is what plays, else null. */
    private Range range;
    /** Where position 0 is: the range's start (micros since the epoch) for a recording, 0 for a clip file. */
    private long base;
    private long loadedId = -1;
    private int loads;
    private final AutoCloseable clipClosed;
    private final List<AutoCloseable> eventNews = new ArrayList<>();
    private final EventCatalog events;
    /** The shown event's row as it is now: its peak and label follow the event while it runs and after it ends. */
    private final ReadOnlyObjectWrapper<Event> current = new ReadOnlyObjectWrapper<>();

    /** The event's stretch of a camera's recording: {@code to} null while the event goes on. */
    public record Range(long cameraId, Instant from, Instant to) { }

    public ReviewViewModel(EventCatalog events, TaskExecutor executor) {
        this(events, null, executor);
    }

    /**
     * @param bus when the shown event's clip closes (bus: {@code ClipClosed}), an event shown without a finished clip
     *            is loaded again so its whole clip plays; null: never
     */
    public ReviewViewModel(EventCatalog events, EventBus bus, TaskExecutor executor) {
        this(events, bus, executor, null);
    }

    /**
     * @param recordings a camera's recording by camera id: an event of a camera with segments over its range plays
     *                   from them; null: clip files only
     */
    public ReviewViewModel(EventCatalog events, EventBus bus, TaskExecutor executor, LongFunction<Recordings> recordings) {
        this.footage = new EventFootage(events, recordings);
        this.events = events;
        this.recordings = recordings;
        this.executor = executor;
        speed.subscribe(s -> {
            if (player != null) {
                player.speed(s.doubleValue());
            }
        });
        clipClosed = bus == null ? null : bus.subscribe(WatchroomEvent.ClipClosed.class,
                c -> executor.onUiThread(() -> clipClosed(c.eventIds())));
        if (bus != null) {
            eventNews.add(bus.subscribe(WatchroomEvent.EventUpdated.class,
                    u -> executor.onUiThread(() -> refreshRow(u.eventId()))));
            eventNews.add(bus.subscribe(WatchroomEvent.EventEnded.class,
                    e -> executor.onUiThread(() -> refreshRow(e.eventId()))));
        }
    }

    /** The shown event's peak rose or it ended: its row again, for the header. */
    private void refreshRow(long eventId) {
        if (eventId != loadedId) {
            return;
        }
        int load = loads;
        executor.submit(() -> events.find(eventId).orElse(null), row -> {
            if (load == loads && row != null) {
                current.set(row);
            }
        }, failure -> { }); // the header keeps what it showed; the executor logs the failure
    }

    /** The shown event as stored now (null when none): for the header, whose peak follows a running event. */
    public ReadOnlyObjectProperty<Event> currentProperty() { return current.getReadOnlyProperty(); }

    private void clipClosed(List<Long> eventIds) {
        boolean waiting = range == null && (clip == null || clip.open());
        boolean playing = state.get() instanceof PlayerState.Playing;
        if (loadedId >= 0 && eventIds.contains(loadedId) && waiting && !playing) {
            long id = loadedId;
            loadedId = -1; // load() skips the event shown already
            load(id);
        }
    }

    /** Shows event {@code id} (null clears); reloading the event shown already does nothing. */
    public void load(Long id) {
        load(id, false);
    }

    /** @param waitForPlayer close the previous player here and now (the window closing), not off the FX thread */
    private void load(Long id, boolean waitForPlayer) {
        if (id != null && id == loadedId) {
            return;
        }
        closePlayer(waitForPlayer);
        loadedId = id == null ? -1 : id;
        int load = ++loads;
        details.set(null);
        current.set(null);
        track = null;
        clip = null;
        range = null;
        base = 0;
        pictures.clear();
        message.set(id == null ? "" : "Loading…");
        if (id == null) {
            return;
        }
        executor.submit(() -> footage.fetch(id), loaded -> {
            if (load == loads) {
                show(loaded);
            }
        }, failure -> {
            if (load == loads) {
                message.set("The event cannot be loaded: " + failure.getMessage());
            }
        });
    }

    private void show(EventFootage.Loaded loaded) {
        if (loaded == null) {
            message.set("The event is gone.");
            return;
        }
        EventDetails d = loaded.details();
        details.set(d);
        current.set(d.event());
        List<Path> shown = new ArrayList<>();
        if (d.event().snapshotPath() != null) {
            shown.add(Path.of(d.event().snapshotPath()));
        }
        // the sharpest look at someone is the best-scored crop: those first, a handful at most
        d.detections().stream().sorted(Comparator.comparingDouble(StoredDetection::score).reversed())
                .map(StoredDetection::cropPath).filter(p -> p != null).distinct().limit(MAX_CROPS)
                .map(Path::of).forEach(shown::add);
        pictures.setAll(shown);
        if (loaded.range() != null) {
            playRecording(d, loaded);
            return;
        }
        clip = EventFootage.clipForPeak(d);
        if (clip == null) {
            message.set(d.event().ongoing() ? "Still going on: its clip shows here once the recorder has written it."
                    : "No clip was recorded for this event.");
            return;
        }
        track = BoxTrack.of(d.event(), d.detections(), clip.startedAt(), loaded.frame());
        message.set(clip.open() ? "Recording in progress: the clip plays up to what is written." : "");
        player = new ClipPlayer(Path.of(clip.path()), new Callbacks(loads));
        player.speed(speed.get());
        long atEvent = Duration.between(clip.startedAt(), d.event().startedAt()).toNanos() / 1000;
        if (atEvent > 0) {
            player.seek(atEvent); // open at the event, not at the pre-roll
        }
    }

    /** Plays the event's range of its camera's recording, from the event's start. */
    private void playRecording(EventDetails d, EventFootage.Loaded loaded) {
        Event e = d.event();
        Range r = loaded.range();
        range = r;
        base = RecordingReader.micros(r.from());
        track = BoxTrack.of(e, d.detections(), r.from(), loaded.frame());
        message.set(e.ongoing() ? "Still going on: plays up to what is recorded so far." : "");
        Recordings source = recordings.apply(r.cameraId());
        String name = e.cameraName();
        player = ClipPlayer.of("event-player " + e.id(),
                () -> RecordingReader.open(source, e.startedAt(), r.from(), r.to(), name, null), new Callbacks(loads), null);
        player.speed(speed.get());
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
                    duration.set(range == null ? opened.durationMicros() : Duration.between(range.from(),
                            range.to() != null ? range.to() : Instant.now()).toNanos() / 1000);
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
            position.set(frame.ptsMicros() - base);
        }
        return frame;
    }

    /** The position of {@code frame}: microseconds from the start of the footage. */
    public long positionOf(FrameExchange.Frame frame) {
        return frame.ptsMicros() - base;
    }

    /** The wall-clock time of the frame at {@code positionMicros}, or null when nothing plays. */
    public Instant wallTime(long positionMicros) {
        if (range != null) {
            return RecordingReader.instant(base + positionMicros);
        }
        return clip == null ? null : clip.startedAt().plusNanos(positionMicros * 1000);
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
            player.seek(base + micros);
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
            player.seek(base + track.peakMicros());
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

    /** The clip played, or null (none, or the event plays from its camera's recording). */
    public Clip clip() { return clip; }

    /** The event's range of its camera's recording when that is what plays, else null. */
    public Range range() { return range; }

    /** The clip's format once the player opened it, or null. */
    public ClipFormat format() { return format; }

    /** The player, for leak checks in tests; null when none is open. */
    public ClipPlayer player() { return player; }

    private void closePlayer(boolean wait) {
        if (player != null) {
            ClipPlayer old = player;
            player = null;
            format = null;
            if (wait) {
                old.close(); // joins the player thread: at most a frame's decode
            } else { // its late news is dropped by the load counter; the next event need not wait for it
                closing.add(old);
                executor.run(() -> {
                    old.close();
                    closing.remove(old);
                }, () -> { }, failure -> { }); // the executor logs a failure
            }
        }
        state.set(PlayerState.STOPPED);
        position.set(-1);
        duration.set(0);
    }

    /** Closes the player and forgets the event (window closing). */
    @Override
    public void close() {
        load(null, true);
        for (ClipPlayer replaced : List.copyOf(closing)) {
            replaced.close(); // a player replaced just before is not left reading while the window's stores close
        }
        List<AutoCloseable> subscriptions = new ArrayList<>(eventNews);
        if (clipClosed != null) {
            subscriptions.add(clipClosed);
        }
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // unsubscribing cannot fail in a way that matters at close
            }
        }
    }
}
