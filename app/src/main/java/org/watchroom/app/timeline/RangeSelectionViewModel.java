package org.watchroom.app.timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentLookup;

/**
 * The time range a guard selects on the timeline to export: Shift+drag across a camera's strip (or Shift+click its
 * start, then Shift+click its end, panning or changing day in between), Esc to clear, E or "Export range…" to export.
 * The range is for the cameras picked by their names when it is dragged on one of them (and follows the picks while
 * it lasts), else for the camera dragged on. Each moment chosen is rounded to the second and clamped to the view and
 * to now: what is selected is what is seen, and nothing is selected that cannot have been recorded yet. Before the export opens, the store is
 * asked whether the range holds any finished recording; a range over a gap says so instead of exporting an empty
 * package.
 *
 * <p>Thread-safety: FX thread only; the store is read through the {@link TaskExecutor}.
 */
public final class RangeSelectionViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(RangeSelectionViewModel.class);

    private final Supplier<TimelineScale> view;
    private final Clock clock;
    private final ZoneId zone;
    private final ObservableList<Strip> picked;
    private final SegmentLookup segments;
    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<RangeSelection> range = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final BooleanProperty exportAllowed = new SimpleBooleanProperty(true);
    private Consumer<RangeSelection> onExport = r -> { };
    /** The strip the range was begun on: whether it is picked decides which cameras the range is for. */
    private Strip origin;
    /** The end that stays put while the other one moves (the press of a drag, the far end for a Shift+click). */
    private Instant anchor;
    /** True while the store is asked whether the range holds footage (a second E meanwhile does nothing). */
    private boolean checking;

    /**
     * @param view     the window shown, for clamping
     * @param picked   cameras picked by their names (the timeline's), watched for changes
     * @param segments where the footage is looked for before an export
     */
    public RangeSelectionViewModel(Supplier<TimelineScale> view, Clock clock, ObservableList<Strip> picked,
                                   SegmentLookup segments, TaskExecutor executor) {
        this.view = view;
        this.clock = clock;
        this.zone = clock.getZone();
        this.picked = picked;
        this.segments = segments;
        this.executor = executor;
        picked.addListener((ListChangeListener<Strip>) c -> {
            if (origin != null) {
                show(range.get().from(), range.get().to()); // the cameras follow the picks
            }
        });
        exportAllowed.subscribe(allowed -> describe());
    }

    // ---- state ----

    /** The range, or null when none is selected. */
    public ReadOnlyObjectProperty<RangeSelection> rangeProperty() { return range.getReadOnlyProperty(); }

    /** For people: {@code Gate, Yard · 23:59:45 – 00:00:15 (30 s) · E export · Esc clear}; empty without a range. */
    public ReadOnlyStringProperty textProperty() { return text.getReadOnlyProperty(); }

    /** Why the last export did not open (nothing recorded, nothing selected), or empty. */
    public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }

    /**
     * Whether the signed-in person may export (the main window binds it to the role): without it the range can still
     * be selected and looked at, but E and the button do nothing (the core refuses anyway).
     */
    public BooleanProperty exportAllowedProperty() { return exportAllowed; }

    /** What exporting a range does (the main window asks for a folder and opens the export dialog). */
    public void setOnExport(Consumer<RangeSelection> action) { onExport = action == null ? r -> { } : action; }

    // ---- selecting ----

    /** Begins a range on {@code strip} at {@code at} (the press of a Shift+drag): only its start, for now. */
    public void begin(Strip strip, Instant at) {
        if (strip.cameraId() == null) {
            notice.set(strip.name() + " is not a configured camera: it has no recording to export.");
            return;
        }
        origin = strip;
        anchor = clamp(at);
        notice.set("");
        show(anchor, anchor);
    }

    /** Moves the other end to {@code at} (the mouse during a Shift+drag); the range runs between the two, in order. */
    public void dragTo(Instant at) {
        if (origin == null) {
            return;
        }
        Instant t = clamp(at);
        show(min(anchor, t), max(anchor, t));
    }

    /**
     * A Shift+click at {@code at}: begins a range when there is none, else moves its nearer end there (clicking
     * beyond either end extends the range, inside it shortens it). The range's cameras stay.
     */
    public void extend(Strip strip, Instant at) {
        RangeSelection r = range.get();
        if (r == null) {
            begin(strip, at);
            return;
        }
        Instant t = clamp(at);
        // the far end stays: the nearer one is the one the click means
        anchor = Duration.between(r.from(), t).abs().compareTo(Duration.between(r.to(), t).abs()) > 0
                ? r.from() : r.to();
        show(min(anchor, t), max(anchor, t));
    }

    /** Esc: no range any more. Returns whether there was one (so that Esc does nothing else then). */
    public boolean clear() {
        boolean had = range.get() != null;
        origin = null;
        anchor = null;
        range.set(null);
        notice.set("");
        describe();
        return had;
    }

    /** A camera left the timeline (removed): a range on it goes. */
    void stripsChanged(List<Strip> strips) {
        if (origin != null && !strips.contains(origin)) {
            clear();
        }
    }

    // ---- exporting ----

    /**
     * E or "Export range…": when the person may export and the range holds finished recording of any of its cameras,
     * hands it to the export (folder chooser and dialog); otherwise says why not. Does nothing while the store is
     * being asked.
     */
    public void export() {
        if (!exportAllowed.get() || checking) {
            return;
        }
        RangeSelection r = range.get();
        if (r == null || r.isEmpty()) {
            notice.set(r == null ? "Hold Shift and drag across a camera's strip to select a range to export."
                    : "Shift+click where the range ends (or Shift+drag) before exporting.");
            return;
        }
        checking = true;
        notice.set("");
        executor.submit(() -> recorded(r), found -> {
            checking = false;
            if (!r.equals(range.get())) {
                return; // changed or cleared meanwhile: the person has moved on
            }
            if (found.closed() > 0) {
                notice.set("");
                onExport.accept(r);
            } else {
                notice.set(nothingToExport(r, found.open() > 0));
            }
        }, e -> {
            checking = false;
            LOG.warn("Cannot read the recordings of {} from {} to {}", r.cameraNames(), r.from(), r.to(), e);
            notice.set("Cannot read the recordings: " + (e.getMessage() == null ? e : e.getMessage()));
        });
    }

    /** Segments of the range: finished ones (exportable) and ones still being written. */
    private record Found(int closed, int open) {
    }

    /** Off the FX thread. */
    private Found recorded(RangeSelection r) {
        int closed = 0;
        int open = 0;
        for (Strip s : r.cameras()) {
            for (Segment segment : segments.list(s.cameraId(), r.from(), r.to())) {
                if (segment.open()) {
                    open++;
                } else {
                    closed++;
                }
            }
        }
        return new Found(closed, open);
    }

    private String nothingToExport(RangeSelection r, boolean beingWritten) {
        String who = r.cameras().size() == 1 ? r.cameraNames() : "any of " + r.cameraNames();
        String when = r.times(zone, LocalDate.now(clock));
        return beingWritten
                ? "The recording of " + r.cameraNames() + " at " + when + " is still being written; it can be exported "
                        + "once its segment is finished (within a minute or so)."
                : "Nothing was recorded by " + who + " at " + when + ": there is nothing to export.";
    }

    // ---- helpers ----

    /** {@code at} to the nearest whole second (what the label shows is what is exported), within the view, not after now. */
    Instant clamp(Instant at) {
        TimelineScale s = view.get();
        Instant second = at.plusMillis(500).truncatedTo(ChronoUnit.SECONDS);
        Instant t = max(s.viewStart(), min(second, s.viewEnd()));
        Instant now = clock.instant();
        return t.isAfter(now) ? now : t;
    }

    /** Sets the range from {@code from} to {@code to} for the cameras the origin rule gives. */
    private void show(Instant from, Instant to) {
        List<Strip> cameras = new ArrayList<>();
        if (picked.contains(origin)) {
            picked.stream().filter(s -> s.cameraId() != null).forEach(cameras::add);
        } else {
            cameras.add(origin);
        }
        range.set(new RangeSelection(cameras, from, to));
        describe();
    }

    private void describe() {
        RangeSelection r = range.get();
        if (r == null) {
            text.set("");
        } else if (r.isEmpty()) {
            text.set(r.cameraNames() + " · from " + r.start(zone, LocalDate.now(clock))
                    + " · Shift+click the end · Esc clear");
        } else {
            text.set(r.cameraNames() + " · " + r.times(zone, LocalDate.now(clock))
                    + (exportAllowed.get() ? " · E export" : "") + " · Esc clear");
        }
    }

    private static Instant min(Instant a, Instant b) { return a.isBefore(b) ? a : b; }

    private static Instant max(Instant a, Instant b) { return a.isAfter(b) ? a : b; }
}
