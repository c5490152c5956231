package org.watchroom.app.alerts;

import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventQuery;
import org.watchroom.core.store.EventStatus;

/**
 * The alerts list's filters (camera, label, status, time range, note search) and the store query they make.
 * Pending alerts are shown by default.
 *
 * <p>Thread-safety: FX thread only.
 */
final class AlertFilters {
    private final ObjectProperty<Long> camera = new SimpleObjectProperty<>();
    private final StringProperty label = new SimpleStringProperty("");
    private final ObjectProperty<EventStatus> status = new SimpleObjectProperty<>(EventStatus.PENDING);
    private final ObjectProperty<TimeRange> timeRange = new SimpleObjectProperty<>(TimeRange.ANY);
    private final StringProperty noteSearch = new SimpleStringProperty("");

    ObjectProperty<Long> cameraProperty() { return camera; }

    StringProperty labelProperty() { return label; }

    /** Null shows every status. */
    ObjectProperty<EventStatus> statusProperty() { return status; }

    ObjectProperty<TimeRange> timeRangeProperty() { return timeRange; }

    StringProperty noteSearchProperty() { return noteSearch; }

    /** Runs {@code changed} now, once per filter, and again whenever one of them changes. */
    void subscribe(Runnable changed) {
        camera.subscribe(ignored -> changed.run());
        label.subscribe(ignored -> changed.run());
        status.subscribe(ignored -> changed.run());
        timeRange.subscribe(ignored -> changed.run());
        noteSearch.subscribe(ignored -> changed.run());
    }

    /** The newest {@code limit} events the filters let through, as of {@code now}. */
    EventQuery query(Instant now, int limit) {
        EventQuery q = EventQuery.all().page(limit, 0).camera(camera.get()).status(status.get())
                .noteContains(noteSearch.get());
        String wanted = label.get() == null ? "" : label.get().strip();
        if (!wanted.isEmpty()) {
            q = q.label(wanted);
        }
        Instant from = timeRange.get() == null ? null : timeRange.get().from(now);
        return from == null ? q : q.between(from, null);
    }

    /** Whether the status filter lets events with status {@code s} through. */
    boolean shows(EventStatus s) {
        return status.get() == null || status.get() == s;
    }

    /** Whether the list shows pending alerts only (then its length moves with the pending count). */
    boolean pendingOnly() {
        return status.get() == EventStatus.PENDING;
    }

    /**
     * Clears the filters that hide {@code e} and leaves the others as they are: status to all statuses, and camera,
     * label, time or note search when they hide it too.
     */
    void clearWhatHides(Event e, Instant now) {
        if (!shows(e.status())) {
            status.set(null);
        }
        if (camera.get() != null && !camera.get().equals(e.cameraId())) {
            camera.set(null);
        }
        if (label.get() != null && !label.get().isBlank() && !label.get().strip().equals(e.label())) {
            label.set("");
        }
        Instant from = timeRange.get() == null ? null : timeRange.get().from(now);
        if (from != null && e.startedAt().isBefore(from)) {
            timeRange.set(TimeRange.ANY);
        }
        String search = noteSearch.get() == null ? "" : noteSearch.get().strip().toLowerCase(Locale.ROOT);
        if (!search.isEmpty() && (e.note() == null || !e.note().toLowerCase(Locale.ROOT).contains(search))) {
            noteSearch.set("");
        }
    }
}
