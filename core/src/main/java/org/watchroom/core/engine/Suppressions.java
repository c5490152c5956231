package org.watchroom.core.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.event.Region;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.FrameSize;
import org.watchroom.core.store.StoreException;

/**
 * Per-camera suppression regions: a dismissed event's box becomes a region its label is ignored in, stored in
 * the camera's event rules (so it is listed and removable in settings) and applied to the running camera.
 *
 * <p>Thread-safety: rule changes are serialised on this object; safe from any thread (does I/O).
 */
final class Suppressions {
    private final CameraStore store;
    private final EventStore events;
    private final AuditLog audit;
    private final Runnable reloadIfStarted;
    private final DemoRules demoRules;
    private final Supplier<List<Camera>> demoCameras;

    /**
     * @param demoRules   where demo cameras' rules are kept
     * @param demoCameras the demo cameras running now (none while real cameras run)
     */
    Suppressions(CameraStore store, EventStore events, AuditLog audit, Runnable reloadIfStarted, DemoRules demoRules,
                 Supplier<List<Camera>> demoCameras) {
        this.store = store;
        this.events = events;
        this.audit = audit;
        this.reloadIfStarted = reloadIfStarted;
        this.demoRules = demoRules;
        this.demoCameras = demoCameras;
    }

    /**
     * "Never again here": adds the peak box of a dismissed event as a suppression region for its label to its
     * camera's event rules, saves the camera (audited {@code camera.update}), appends {@code event.suppress} and
     * applies the rules to the running camera.
     *
     * @return what was added (the same region again when it was there already)
     * @throws IllegalStateException when the event is not dismissed, has no camera or box, or its box's frame size
     *                               was not recorded (events from before that)
     */
    Suppression suppress(long eventId, Operator by) {
        String actor = by.require(Permission.EDIT_RULES).userName();
        Event event = events.find(eventId)
                .orElseThrow(() -> new StoreException("No event with id " + eventId + "."));
        if (event.status() != EventStatus.DISMISSED) {
            throw new IllegalStateException("Only a dismissed event can be suppressed; event " + eventId + " is "
                    + event.status().dbValue() + ".");
        }
        // a demo camera's events name no stored camera; the demo camera of that name takes the region
        Long cameraId = event.cameraId() != null ? event.cameraId() : demoCameras.get().stream()
                .filter(c -> c.name().equals(event.cameraName())).map(Camera::id).findFirst().orElse(null);
        if (cameraId == null) {
            throw new IllegalStateException("Event " + eventId + " is from camera '" + event.cameraName()
                    + "', which is no longer configured, so there is no camera to suppress it on.");
        }
        if (event.peakBox() == null) {
            throw new IllegalStateException("Event " + eventId + " has no box to suppress.");
        }
        FrameSize size = events.frameSize(eventId).orElseThrow(() -> new IllegalStateException(
                "Event " + eventId + " was stored without its frame size, so its box cannot be placed."));
        Region region = Region.of(event.peakBox(), size.width(),
                size.height());
        Suppression added = new Suppression(cameraId, event.label(), region);
        changeRules(cameraId, rules -> rules.withSuppression(added.label(), region), by);
        audit.append(actor, "event.suppress",
                Event.subject(eventId), added.describe());
        return added;
    }

    /** Removes one suppression region from a camera's event rules; audited {@code event.unsuppress}. */
    boolean remove(long cameraId, String label, Region region, Operator by) {
        String actor = by.require(Permission.EDIT_RULES).userName();
        boolean[] had = new boolean[1];
        changeRules(cameraId, rules -> {
            had[0] = rules.suppressions(label).contains(region);
            return rules.withoutSuppression(label, region);
        }, by);
        if (had[0]) {
            audit.append(actor, "event.unsuppress",
                    "camera:" + cameraId, new Suppression(cameraId, label, region).describe());
        }
        return had[0];
    }

    /** The suppression regions of one camera, as label -> regions (empty when none or the rules are bad). */
    Map<String, List<Region>> of(long cameraId) {
        return EventRuleConfig.parse(camera(cameraId).eventRules()).suppressions();
    }

    private synchronized void changeRules(long cameraId,
                                          UnaryOperator<EventRuleConfig> change, Operator by) {
        Camera camera = camera(cameraId);
        EventRuleConfig before = EventRuleConfig.parse(camera.eventRules());
        EventRuleConfig after = change.apply(before);
        if (!after.equals(before)) {
            if (cameraId < 0) {
                demoRules.put(camera.name(), after.toJson());
            } else {
                store.updateRules(cameraId, after.toJson(), by);
            }
            reloadIfStarted.run();
        }
    }

    /** A stored camera, or a running demo camera (negative id). */
    private Camera camera(long cameraId) {
        Optional<Camera> camera = cameraId < 0
                ? demoCameras.get().stream().filter(c -> c.id() == cameraId).findFirst()
                : store.find(cameraId);
        return camera.orElseThrow(() -> new StoreException("No camera with id " + cameraId + "."));
    }
}
