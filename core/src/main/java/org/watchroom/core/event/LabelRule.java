package org.watchroom.core.event;

import java.util.List;

/**
 * The rule for one label on one camera after per-label overrides are applied to the camera's values
 * ({@link EventRuleConfig#rule(String)}).
 *
 * <p>Thread-safety: immutable.
 *
 * @param minScore           a detection counts from this score on (0..1)
 * @param minFrames          consecutive positive detector results before an event starts (at least 1)
 * @param minDurationSeconds and the positives must have lasted this long (0 = frames alone decide); set
 *                           {@code minFrames} to 1 to go by duration alone
 * @param endAfterSeconds    the event ends after this long without a positive
 * @param cooldownSeconds    after an object's event ends, no new event of that object (track) for this long
 * @param minBoxArea         smallest box as a fraction of the frame area (0..1), so it does not depend on resolution
 * @param zones              include zones: when any, a box counts only with its bottom-centre inside one that is
 *                           for its label, after the zone's dwell time there
 * @param masks              exclude masks: a box with its bottom-centre inside one never counts
 * @param stationarySeconds  a box that stays put longer than this stops counting (0 = never)
 */
public record LabelRule(double minScore, int minFrames, double minDurationSeconds, double endAfterSeconds,
                        double cooldownSeconds, double minBoxArea, List<Zone> zones, List<Polygon> masks,
                        double stationarySeconds) {

    public LabelRule {
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("min_score must be between 0 and 1, not " + minScore);
        }
        if (minFrames < 1) {
            throw new IllegalArgumentException("min_frames must be at least 1, not " + minFrames);
        }
        requireSeconds("min_duration_s", minDurationSeconds);
        requireSeconds("end_after_s", endAfterSeconds);
        if (endAfterSeconds == 0) {
            throw new IllegalArgumentException("end_after_s must be more than 0");
        }
        requireSeconds("cooldown_s", cooldownSeconds);
        requireSeconds("stationary_s", stationarySeconds);
        if (!(minBoxArea >= 0 && minBoxArea <= 1)) {
            throw new IllegalArgumentException("min_box_area is a fraction of the frame, between 0 and 1, not " + minBoxArea);
        }
        zones = zones == null ? List.of() : List.copyOf(zones);
        masks = masks == null ? List.of() : List.copyOf(masks);
    }

    private static void requireSeconds(String name, double seconds) {
        if (!(seconds >= 0 && seconds <= 86_400)) {
            throw new IllegalArgumentException(name + " must be between 0 and 86400 seconds, not " + seconds);
        }
    }
}
