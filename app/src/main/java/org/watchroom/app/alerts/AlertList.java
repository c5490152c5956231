package org.watchroom.app.alerts;

import java.time.Instant;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventCatalog;
import org.watchroom.core.store.EventQuery;
import org.watchroom.core.store.EventStatus;

/**
 * The alerts shown and the one selected, kept in step with the store: loads through the {@link TaskExecutor} (asked
 * for while one runs, they are folded into one more), one alert re-read in place, the pending count, reviewed alerts
 * taken out before the store answers, moving the selection and revealing an event the filters hide.
 *
 * <p>Thread-safety: FX thread only; store calls run through the {@link TaskExecutor}.
 */
final class AlertList {
    static final int LIMIT = 500;

    private final EventCatalog events;
    private final TaskExecutor executor;
    private final AlertFilters filters;
    private final InFlightReviews inFlight;
    private final ErrorText error;
    private final ObservableList<Event> alerts = FXCollections.observableArrayList();
    private final ObjectProperty<Event> selected = new SimpleObjectProperty<>();
    private final ObservableList<Event> selection = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper pendingCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<Instant> loadedAt = new ReadOnlyObjectWrapper<>();
    private boolean loading;
    private boolean reloadAgain;
    /** An event to select once a load brings it (see {@link #reveal(long)}), or null. */
    private Long revealing;

    AlertList(EventCatalog events, TaskExecutor executor, AlertFilters filters, InFlightReviews inFlight, ErrorText error) {
        this.events = events;
        this.executor = executor;
        this.filters = filters;
        this.inFlight = inFlight;
        this.error = error;
    }

    ObservableList<Event> alerts() { return alerts; }

    ObjectProperty<Event> selectedProperty() { return selected; }

    ObservableList<Event> selection() { return selection; }

    ReadOnlyIntegerProperty pendingCountProperty() { return pendingCount.getReadOnlyProperty(); }

    ReadOnlyObjectProperty<Instant> loadedAtProperty() { return loadedAt.getReadOnlyProperty(); }

    // ---- loading ----

    /** Reloads the list from the store; reloads asked for while one runs are folded into one more. */
    void reload() {
        if (loading) {
            reloadAgain = true;
            return;
        }
        loading = true;
        EventQuery query = filters.query(Instant.now(), LIMIT);
        executor.submit(() -> new Loaded(events.list(query),
                        (int) events.count(EventQuery.all().status(EventStatus.PENDING))),
                this::loaded, e -> {
                    loading = false;
                    error.failed(e);
                });
    }

    private record Loaded(List<Event> events, int pending) {
    }

    private void loaded(Loaded result) {
        loading = false;
        List<Event> shown = result.events().stream().filter(e -> !hiddenInFlight(e.id())).toList();
        Long keep = selected.get() == null ? null : selected.get().id();
        int oldIndex = selected.get() == null ? -1 : indexOf(keep);
        alerts.setAll(shown);
        pendingCount.set(result.pending());
        Event again = keep == null ? null : find(keep);
        if (again != null) {
            selected.set(again);
        } else if (!alerts.isEmpty()) {
            selected.set(alerts.get(Math.max(0, Math.min(oldIndex, alerts.size() - 1))));
        } else {
            selected.set(null);
        }
        selection.removeIf(e -> find(e.id()) == null);
        if (revealing != null && find(revealing) != null) {
            selected.set(find(revealing));
            revealing = null;
        } else if (revealing != null && !reloadAgain) {
            error.show("Event #" + revealing + " is not among the newest " + LIMIT + " alerts.");
            revealing = null;
        }
        loadedAt.set(Instant.now());
        if (reloadAgain) {
            reloadAgain = false;
            reload();
        }
    }

    /** A review on its way to a status the list does not show: a load that started before it must not show it. */
    private boolean hiddenInFlight(long id) {
        EventStatus target = inFlight.target(id);
        return target != null && !filters.shows(target);
    }

    /** Re-reads one alert (its peak or end changed) and replaces it in place. */
    void refresh(long id) {
        if (find(id) == null) {
            return;
        }
        executor.submit(() -> events.find(id), found -> found.ifPresent(e -> {
            int i = indexOf(id);
            if (i >= 0) {
                boolean wasSelected = selected.get() != null && selected.get().id() == id;
                alerts.set(i, e);
                if (wasSelected) {
                    selected.set(e);
                }
            }
        }), error::failed);
    }

    // ---- navigation ----

    void select(Event e) { selected.set(e); }

    /**
     * Selects event {@code id}: at once when it is listed; otherwise the filters that hide it are cleared and it is
     * selected when the list has reloaded.
     */
    void reveal(long id) {
        Event listed = find(id);
        if (listed != null) {
            selected.set(listed);
            return;
        }
        executor.submit(() -> events.find(id), found -> {
            if (found.isEmpty()) {
                error.show("No event with id " + id + ".");
                return;
            }
            filters.clearWhatHides(found.get(), Instant.now());
            revealing = id; // after the filter changes: a load they started may not have it yet
            reload();
        }, error::failed);
    }

    /** Moves the selection {@code step} alerts down the list (older), or up when negative; stops at either end. */
    void move(int step) {
        if (alerts.isEmpty()) {
            return;
        }
        int i = selected.get() == null ? -1 : indexOf(selected.get().id());
        int target = i < 0 ? 0 : Math.max(0, Math.min(alerts.size() - 1, i + step));
        selected.set(alerts.get(target));
    }

    /** The multi-selection, else the selected alert, else nothing. */
    List<Event> chosen() {
        return selection.isEmpty() ? (selected.get() == null ? List.of() : List.of(selected.get())) : selection;
    }

    // ---- after a review ----

    /** Takes reviewed alerts out of a list that does not show their new status and selects the next one. */
    void hideReviewed(List<Event> reviewed, EventStatus status) {
        int first = reviewed.stream().mapToInt(e -> indexOf(e.id())).filter(i -> i >= 0).min().orElse(-1);
        if (!filters.shows(status)) {
            reviewed.forEach(e -> alerts.removeIf(a -> a.id() == e.id()));
            selection.clear();
            if (filters.pendingOnly()) {
                pendingCount.set(Math.max(0, pendingCount.get() - reviewed.size()));
            }
            selected.set(alerts.isEmpty() ? null : alerts.get(Math.max(0, Math.min(first, alerts.size() - 1))));
        } else if (reviewed.size() == 1 && first >= 0 && first + 1 < alerts.size()) {
            selected.set(alerts.get(first + 1));
        }
    }

    /** Shows the store's answer for an alert in place (and as the selected one, when it is). */
    void replace(Event e) {
        int i = indexOf(e.id());
        if (i >= 0) {
            alerts.set(i, e);
        }
        if (selected.get() != null && selected.get().id() == e.id()) {
            selected.set(e);
        }
    }

    private int indexOf(long id) {
        for (int i = 0; i < alerts.size(); i++) {
            if (alerts.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    private Event find(long id) {
        int i = indexOf(id);
        return i < 0 ? null : alerts.get(i);
    }
}
