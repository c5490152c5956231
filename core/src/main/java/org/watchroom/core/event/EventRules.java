package org.watchroom.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.event.track.ObjectTracker;
import org.watchroom.core.event.track.StationaryMemory;
import org.watchroom.core.event.track.Tracked;
import org.watchroom.core.event.track.TrackedObject;
import org.watchroom.core.event.track.TrackerConfig;

/**
 * Turns one camera's detector results into events, one per tracked object: the camera's {@link ObjectTracker}
 * follows each object from pass to pass, and an object must be seen positively in {@code min_frames} passes in a
 * row (and for {@code min_duration_s}) to start its event, keeps it alive while it stays positive, ends it after
 * {@code end_after_s} without a positive (it left, hid, or stopped as a stationary object), and then waits
 * {@code cooldown_s} before that object may raise another. An event still positive after {@code max_length_s}
 * ends there and a new one that names it goes on at once, so that no event (and no clip) grows without end. A
 * detection is positive when its score, size, zones, masks and suppression regions allow it, its object is not
 * stationary, and (with {@code require_movement}, the default) its object has moved since it was first seen. The event's label is its object's: the vote of its frames, updated when the vote turns.
 *
 * <p>Time is the camera's: the captured time of each result, or the time given to {@link #tick}. Nothing here
 * reads a clock, so scripted sequences replay exactly.
 *
 * <p>Thread-safety: not thread-safe; one per camera, fed on that camera's detect thread (tick and simulate too).
 */
public final class EventRules {

    private final long cameraId;
    private EventRuleConfig config;
    private final ObjectTracker tracker;
    private final Map<Long, TrackState> states = new LinkedHashMap<>();
    private final Map<UUID, Instant> simulatedEnds = new LinkedHashMap<>();
    /** Per track, the zones its feet are in now and since when (for dwell times). */
    private final Map<Long, Map<Zone, Instant>> inZones = new HashMap<>();

    /** Where one tracked object stands on this camera; no entry means idle. */
    private sealed interface TrackState {
        String label();
    }

    /** Positive in {@code frames} passes in a row, the first at {@code since}. */
    private record Pending(String label, int frames, Instant since, Instant last) implements TrackState {
    }

    private record Active(UUID key, String label, Instant startedAt, Instant lastPositive, float peakScore)
            implements TrackState {
    }

    private record Cooling(String label, Instant until) implements TrackState {
    }

    /** Rules whose stationary objects are forgotten when the engine stops. */
    public EventRules(long cameraId, EventRuleConfig config) {
        this(cameraId, config, StationaryMemory.NONE);
    }

    /** @param memory where this camera's stationary objects are kept across restarts */
    public EventRules(long cameraId, EventRuleConfig config, StationaryMemory memory) {
        this.cameraId = cameraId;
        this.config = config;
        this.tracker = new ObjectTracker(trackerConfig(config), label -> this.config.rule(label).stationarySeconds(),
                memory);
    }

    public long cameraId() {
        return cameraId;
    }

    public EventRuleConfig config() {
        return config;
    }

    /**
     * Replaces the rules (e.g. after a suppression region was added). Running events, cooldowns and tracks carry
     * on under the new rules.
     */
    public void setConfig(EventRuleConfig config) {
        this.config = config;
        tracker.setConfig(trackerConfig(config));
    }

    /** Whether an event of this label (not simulated) is running. */
    boolean isActive(String label) {
        return states.values().stream().anyMatch(s -> s instanceof Active a && a.label().equals(label));
    }

    /** Follows the objects of one detector result (each detection gets its track's number and label). */
    public Tracked track(DetectionResult result) {
        if (result.cameraId() != cameraId) {
            throw new IllegalArgumentException("result of camera " + result.cameraId() + " fed to the rules of camera "
                    + cameraId);
        }
        return tracker.update(result);
    }

    /** Tracks one detector result and applies the rules to it; see {@link #accept(Tracked)}. */
    public List<EventSignal> accept(DetectionResult result) {
        return accept(track(result));
    }

    /** Feeds one tracked result; returns what it started, raised or ended, in that order per object. */
    public List<EventSignal> accept(Tracked tracked) {
        Instant now = tracked.result().capturedAt();
        List<EventSignal> out = new ArrayList<>(tick(now));
        Set<Long> live = new HashSet<>();
        for (TrackedObject object : tracked.objects()) {
            live.add(object.id());
            LabelRule rule = config.rule(object.label());
            if (object.seen()) {
                followZones(object, rule, now);
            }
            step(object, rule, positive(object, rule, now), now, out);
        }
        inZones.keySet().retainAll(live);
        return out;
    }

    private boolean positive(TrackedObject o, LabelRule rule, Instant now) {
        // compared as float, the detector's precision: a threshold of 0.65 must admit a score of 0.65f
        return o.seen() && !o.stationary() && (o.moved() || !config.requireMovement()) && config.watches(o.label())
                && o.score() >= (float) rule.minScore()
                && o.box().area() >= rule.minBoxArea() && placed(o, rule, now);
    }

    /** Notes which of its label's zones an object's feet are in now, keeping when it entered each. */
    private void followZones(TrackedObject o, LabelRule rule, Instant now) {
        if (rule.zones().isEmpty()) {
            inZones.remove(o.id());
            return;
        }
        Map<Zone, Instant> since = inZones.computeIfAbsent(o.id(), id -> new HashMap<>());
        for (Zone zone : rule.zones()) {
            if (zone.isFor(o.label()) && zone.contains(o.box().centerX(), o.box().bottom())) {
                since.putIfAbsent(zone, now);
            } else {
                since.remove(zone);
            }
        }
    }

    /** The named zones an object has been in for their dwell time, for its event. */
    private List<String> zonesOf(TrackedObject o, LabelRule rule, Instant now) {
        Map<Zone, Instant> since = inZones.getOrDefault(o.id(), Map.of());
        return rule.zones().stream().filter(z -> dwelt(since.get(z), z, now)).map(Zone::name)
                .filter(name -> !name.isEmpty()).distinct().toList();
    }

    private static boolean dwelt(Instant entered, Zone zone, Instant now) {
        return entered != null && !Duration.between(entered, now).minus(seconds(zone.dwellSeconds())).isNegative();
    }

    /**
     * Lets time pass without a result: ends events quiet for {@code end_after_s}, finishes simulations, expires
     * cooldowns. Call it regularly (about once a second), since results stop coming when a camera goes quiet.
     */
    public List<EventSignal> tick(Instant now) {
        List<EventSignal> out = new ArrayList<>();
        for (Iterator<Map.Entry<Long, TrackState>> it = states.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, TrackState> e = it.next();
            LabelRule rule = config.rule(e.getValue().label());
            Duration endAfter = seconds(rule.endAfterSeconds());
            switch (e.getValue()) {
                case Active a when !now.isBefore(a.lastPositive().plus(endAfter)) -> {
                    // The event ended when it went quiet, not when someone noticed: ticks may be late or sparse,
                    // and the end time (and the cooldown after it) should not depend on that.
                    Instant endedAt = a.lastPositive().plus(endAfter);
                    out.add(new EventSignal.Ended(a.key(), endedAt, EventSignal.EndReason.QUIET));
                    Instant until = endedAt.plus(seconds(rule.cooldownSeconds()));
                    if (now.isBefore(until)) {
                        e.setValue(new Cooling(a.label(), until));
                    } else {
                        it.remove();
                    }
                }
                case Pending p when !now.isBefore(p.last().plus(endAfter)) -> it.remove();
                case Cooling c when !now.isBefore(c.until()) -> it.remove();
                default -> {
                }
            }
        }
        for (Iterator<Map.Entry<UUID, Instant>> it = simulatedEnds.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<UUID, Instant> e = it.next();
            if (!now.isBefore(e.getValue())) {
                out.add(new EventSignal.Ended(e.getKey(), e.getValue(), EventSignal.EndReason.SIMULATION_DONE));
                it.remove();
            }
        }
        return out;
    }

    /**
     * Starts a made-up event of a label, whole-frame, for installers checking their alerts and for tests; a later
     * {@link #tick} ends it after the label's {@code end_after_s}. It leaves the label's real events, cooldown and
     * tracks alone.
     */
    public EventSignal.Started simulate(String label, float score, Instant at) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a simulated event needs a label");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be between 0 and 1, not " + score);
        }
        UUID key = UUID.randomUUID();
        simulatedEnds.put(key, at.plus(seconds(config.rule(label).endAfterSeconds())));
        return new EventSignal.Started(key, cameraId, label, score, Region.whole(), at, true);
    }

    /** Ends every running event, simulated ones too, for a camera that stops; cooldowns and tracks are dropped. */
    public List<EventSignal> endAll(Instant now) {
        List<EventSignal> out = new ArrayList<>();
        for (TrackState s : states.values()) {
            if (s instanceof Active a) {
                out.add(new EventSignal.Ended(a.key(), now, EventSignal.EndReason.CLOSED));
            }
        }
        for (UUID key : simulatedEnds.keySet()) {
            out.add(new EventSignal.Ended(key, now, EventSignal.EndReason.CLOSED));
        }
        states.clear();
        simulatedEnds.clear();
        return out;
    }

    private void step(TrackedObject object, LabelRule rule, boolean positive, Instant now, List<EventSignal> out) {
        TrackState state = states.get(object.id());
        if (!positive) {
            if (state instanceof Pending) {
                states.remove(object.id()); // the run of positives is broken: start counting again
            }
            return;
        }
        String label = object.label();
        switch (state) {
            case null -> startOrWait(object, rule, new Pending(label, 1, now, now), now, out);
            case Pending p -> startOrWait(object, rule, new Pending(label, p.frames() + 1, p.since(), now), now, out);
            case Active a -> {
                Duration maxLength = seconds(config.maxLengthSeconds());
                if (!maxLength.isZero() && !now.isBefore(a.startedAt().plus(maxLength))) {
                    // still there after max_length_s: this event ends and a new one, naming it, goes on
                    UUID next = UUID.randomUUID();
                    out.add(new EventSignal.Ended(a.key(), now, EventSignal.EndReason.MAX_LENGTH));
                    out.add(new EventSignal.Started(next, cameraId, label, object.score(), object.box(), now, false,
                            a.key(), object.id(), zonesOf(object, rule, now)));
                    states.put(object.id(), new Active(next, label, now, now, object.score()));
                    return;
                }
                float peak = a.peakScore();
                boolean rose = object.score() > peak;
                if (rose || !label.equals(a.label())) {
                    peak = Math.max(peak, object.score());
                    out.add(new EventSignal.Updated(a.key(), peak, object.box(), now, label, rose));
                }
                states.put(object.id(), new Active(a.key(), label, a.startedAt(), now, peak));
            }
            case Cooling c -> {
                // tick() already removed an expired cooldown; this one still holds the object back
            }
        }
    }

    private void startOrWait(TrackedObject object, LabelRule rule, Pending p, Instant now, List<EventSignal> out) {
        boolean longEnough = Duration.between(p.since(), now).compareTo(seconds(rule.minDurationSeconds())) >= 0;
        if (p.frames() >= rule.minFrames() && longEnough) {
            UUID key = UUID.randomUUID();
            out.add(new EventSignal.Started(key, cameraId, object.label(), object.score(), object.box(), now, false,
                    null, object.id(), zonesOf(object, rule, now)));
            states.put(object.id(), new Active(key, object.label(), now, now, object.score()));
        } else {
            states.put(object.id(), p);
        }
    }

    /**
     * Zones and masks test the bottom-centre (where the object stands), zones after their dwell time; suppressions
     * the centre (see config).
     */
    private boolean placed(TrackedObject o, LabelRule rule, Instant now) {
        Region box = o.box();
        String label = o.label();
        double footX = box.centerX();
        double footY = box.bottom();
        if (!rule.zones().isEmpty()) {
            Map<Zone, Instant> since = inZones.getOrDefault(o.id(), Map.of());
            if (rule.zones().stream().noneMatch(z -> dwelt(since.get(z), z, now))) {
                return false;
            }
        }
        if (rule.masks().stream().anyMatch(m -> m.contains(footX, footY))) {
            return false;
        }
        return config.suppressions(label).stream().noneMatch(r -> r.contains(box.centerX(), box.centerY()));
    }

    /** The tracker's settings under these rules: weak detections that may still count continue tracks. */
    private static TrackerConfig trackerConfig(EventRuleConfig config) {
        double weakest = config.minScore();
        for (String label : config.overrides().keySet()) {
            weakest = Math.min(weakest, config.rule(label).minScore());
        }
        TrackerConfig defaults = TrackerConfig.defaults();
        return defaults.withHighScore(Math.min(defaults.highScore(), weakest))
                .withStationary(config.stationaryIou(), config.stationaryMove());
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
