package org.watchroom.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.event.internal.StationaryTracker;

/**
 * Turns one camera's detector results into events, per label: a label must be seen positively in
 * {@code min_frames} results in a row (and for {@code min_duration_s}) to start an event, keeps it alive while it
 * stays positive, ends it after {@code end_after_s} without a positive, and then waits {@code cooldown_s} before
 * another event of that label. An event still positive after {@code max_length_s} ends there and a new one that
 * names it goes on at once, so that no event (and no clip) grows without end under continuous activity. A detection is positive when its score, size, zones, masks and suppression regions
 * allow it and its object has not stayed put longer than {@code stationary_s}.
 *
 * <p>Time is the camera's: the captured time of each result, or the time given to {@link #tick}. Nothing here
 * reads a clock, so scripted sequences replay exactly.
 *
 * <p>Thread-safety: not thread-safe; one per camera, fed on that camera's detect thread (tick and simulate too).
 */
public final class EventRules {

    private final long cameraId;
    private EventRuleConfig config;
    private final StationaryTracker tracker = new StationaryTracker();
    private final Map<String, LabelState> states = new LinkedHashMap<>();
    private final Map<UUID, Instant> simulatedEnds = new LinkedHashMap<>();

    /** Where one label stands on this camera; no entry means idle. */
    private sealed interface LabelState {
    }

    /** Positive in {@code frames} results in a row, the first at {@code since}. */
    private record Pending(int frames, Instant since, Instant last) implements LabelState {
    }

    private record Active(UUID key, Instant startedAt, Instant lastPositive, float peakScore) implements LabelState {
    }

    private record Cooling(Instant until) implements LabelState {
    }

    /** A detection that passed score and size, before the stationary test. */
    private record Candidate(float score, Region box) {
    }

    public EventRules(long cameraId, EventRuleConfig config) {
        this.cameraId = cameraId;
        this.config = config;
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
    }

    /** Whether an event of this label (not simulated) is running. */
    boolean isActive(String label) {
        return states.get(label) instanceof Active;
    }

    /** Feeds one detector result; returns what it started, raised or ended, in that order per label. */
    public List<EventSignal> accept(DetectionResult result) {
        if (result.cameraId() != cameraId) {
            throw new IllegalArgumentException("result of camera " + result.cameraId() + " fed to the rules of camera "
                    + cameraId);
        }
        Instant now = result.capturedAt();
        List<EventSignal> out = new ArrayList<>(tick(now));

        Map<String, List<Candidate>> byLabel = new LinkedHashMap<>();
        for (Detection d : result.detections()) {
            if (!config.watches(d.label())) {
                continue;
            }
            LabelRule rule = config.rule(d.label());
            Region box = Region.of(d.box(), result.frameWidth(), result.frameHeight());
            // compared as float, the detector's precision: a threshold of 0.65 must admit a score of 0.65f
            if (d.score() >= (float) rule.minScore() && box.area() >= rule.minBoxArea()) {
                byLabel.computeIfAbsent(d.label(), l -> new ArrayList<>()).add(new Candidate(d.score(), box));
            }
        }

        Set<String> labels = new LinkedHashSet<>(states.keySet());
        labels.addAll(byLabel.keySet());
        labels.addAll(tracker.labels());
        for (String label : labels) {
            LabelRule rule = config.rule(label);
            List<Candidate> candidates = byLabel.getOrDefault(label, List.of());
            List<Duration> settled = null;
            Duration stationary = seconds(rule.stationarySeconds());
            if (!stationary.isZero()) {
                settled = tracker.update(label, candidates.stream().map(Candidate::box).toList(), now, stationary,
                        config.stationaryIou(), config.stationaryMove());
            }
            Candidate best = null;
            for (int i = 0; i < candidates.size(); i++) {
                Candidate c = candidates.get(i);
                boolean stationaryNow = settled != null && settled.get(i).compareTo(stationary) > 0;
                if (!stationaryNow && placed(label, rule, c.box()) && (best == null || c.score() > best.score())) {
                    best = c;
                }
            }
            step(label, rule, best, now, out);
        }
        return out;
    }

    /**
     * Lets time pass without a result: ends events quiet for {@code end_after_s}, finishes simulations, expires
     * cooldowns. Call it regularly (about once a second), since results stop coming when a camera goes quiet.
     */
    public List<EventSignal> tick(Instant now) {
        List<EventSignal> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, LabelState>> it = states.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, LabelState> e = it.next();
            LabelRule rule = config.rule(e.getKey());
            Duration endAfter = seconds(rule.endAfterSeconds());
            switch (e.getValue()) {
                case Active a when !now.isBefore(a.lastPositive().plus(endAfter)) -> {
                    // The event ended when it went quiet, not when someone noticed: ticks may be late or sparse,
                    // and the end time (and the cooldown after it) should not depend on that.
                    Instant endedAt = a.lastPositive().plus(endAfter);
                    out.add(new EventSignal.Ended(a.key(), endedAt, EventSignal.EndReason.QUIET));
                    Instant until = endedAt.plus(seconds(rule.cooldownSeconds()));
                    if (now.isBefore(until)) {
                        e.setValue(new Cooling(until));
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
        for (LabelState s : states.values()) {
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

    private void step(String label, LabelRule rule, Candidate best, Instant now, List<EventSignal> out) {
        LabelState state = states.get(label);
        if (best == null) {
            if (state instanceof Pending) {
                states.remove(label); // the run of positives is broken: start counting again
            }
            return;
        }
        switch (state) {
            case null -> startOrWait(label, rule, new Pending(1, now, now), best, now, out);
            case Pending p -> startOrWait(label, rule, new Pending(p.frames() + 1, p.since(), now), best, now, out);
            case Active a -> {
                Duration maxLength = seconds(config.maxLengthSeconds());
                if (!maxLength.isZero() && !now.isBefore(a.startedAt().plus(maxLength))) {
                    // still there after max_length_s: this event ends and a new one, naming it, goes on
                    UUID next = UUID.randomUUID();
                    out.add(new EventSignal.Ended(a.key(), now, EventSignal.EndReason.MAX_LENGTH));
                    out.add(new EventSignal.Started(next, cameraId, label, best.score(), best.box(), now, false, a.key()));
                    states.put(label, new Active(next, now, now, best.score()));
                    return;
                }
                float peak = a.peakScore();
                if (best.score() > peak) {
                    peak = best.score();
                    out.add(new EventSignal.Updated(a.key(), peak, best.box(), now));
                }
                states.put(label, new Active(a.key(), a.startedAt(), now, peak));
            }
            case Cooling c -> {
                // tick() already removed an expired cooldown; this one still blocks the label
            }
        }
    }

    private void startOrWait(String label, LabelRule rule, Pending p, Candidate best, Instant now,
                             List<EventSignal> out) {
        boolean longEnough = Duration.between(p.since(), now).compareTo(seconds(rule.minDurationSeconds())) >= 0;
        if (p.frames() >= rule.minFrames() && longEnough) {
            UUID key = UUID.randomUUID();
            out.add(new EventSignal.Started(key, cameraId, label, best.score(), best.box(), now, false));
            states.put(label, new Active(key, now, now, best.score()));
        } else {
            states.put(label, p);
        }
    }

    /** Zones and masks test the bottom-centre (where the object stands); suppressions the centre (see config). */
    private boolean placed(String label, LabelRule rule, Region box) {
        double footX = box.centerX();
        double footY = box.bottom();
        if (!rule.zones().isEmpty() && rule.zones().stream().noneMatch(z -> z.contains(footX, footY))) {
            return false;
        }
        if (rule.masks().stream().anyMatch(m -> m.contains(footX, footY))) {
            return false;
        }
        return config.suppressions(label).stream().noneMatch(r -> r.contains(box.centerX(), box.centerY()));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
