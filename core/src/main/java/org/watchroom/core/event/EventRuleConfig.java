package org.watchroom.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.watchroom.core.detect.DetectConfig;

/**
 * A camera's event rules, stored as JSON next to its detection settings. Missing fields take the defaults;
 * unknown fields and bad values are clear errors. The top-level values apply to every label; {@code overrides}
 * replaces some of them for one label (e.g. a higher {@code min_score} for {@code car}).
 *
 * <pre>{@code
 * {"min_score": 0.65, "min_frames": 5, "end_after_s": 5, "cooldown_s": 10,
 *  "zones": [[[0,0.5],[1,0.5],[1,1],[0,1]]], "masks": [],
 *  "stationary_s": 60, "overrides": {"car": {"min_score": 0.8}},
 *  "suppressions": {"car": [{"x": 0.1, "y": 0.6, "width": 0.2, "height": 0.15}]}}
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param enabled            whether the camera makes events at all
 * @param labels             labels that make events (empty = every label the detectors report)
 * @param stationaryIou      a box stays put while its overlap with where it settled is at least this ...
 * @param stationaryMove     ... or its centre moved less than this fraction of the frame (small, far-away boxes
 *                           jitter too much for overlap alone)
 * @param overrides          per-label replacements; absent fields keep the camera's value
 * @param suppressions       per label, regions (usually boxes of dismissed events) where that label never counts;
 *                           a box is inside when its centre is, so detector jitter around the same object stays inside
 * @param maxLengthSeconds   an event still going after this long ends and a new event that names it goes on (0 = no
 *                           limit; at least 10 otherwise): bounded events, each reviewed and exported on its own
 * @param requireMovement    an object raises an event only once it has moved from where it was first seen, so that a
 *                           car parked before the engine started, or a statue taken for a person, never alerts
 * @param motionMasks        parts of the picture whose motion does not wake the detector (a timestamp, trees)
 * @see LabelRule for the meaning of the other values
 */
public record EventRuleConfig(boolean enabled, List<String> labels,
                              @JsonProperty("min_score") double minScore,
                              @JsonProperty("min_frames") int minFrames,
                              @JsonProperty("min_duration_s") double minDurationSeconds,
                              @JsonProperty("end_after_s") double endAfterSeconds,
                              @JsonProperty("cooldown_s") double cooldownSeconds,
                              @JsonProperty("min_box_area") double minBoxArea,
                              List<Zone> zones, List<Polygon> masks,
                              @JsonProperty("stationary_s") double stationarySeconds,
                              @JsonProperty("stationary_iou") double stationaryIou,
                              @JsonProperty("stationary_move") double stationaryMove,
                              Map<String, LabelOverride> overrides,
                              Map<String, List<Region>> suppressions,
                              @JsonProperty("max_length_s") double maxLengthSeconds,
                              @JsonProperty("require_movement") boolean requireMovement,
                              @JsonProperty("motion_masks") List<Polygon> motionMasks) {

    /** Ten minutes: long enough for any one visit, short enough to review and export as one piece. */
    public static final double DEFAULT_MAX_LENGTH_S = 600;

    /** The default labels that make events: the detector's defaults plus faces. */
    public static final List<String> DEFAULT_LABELS;

    static {
        List<String> labels = new ArrayList<>(DetectConfig.DEFAULT_LABELS);
        labels.add("face");
        DEFAULT_LABELS = List.copyOf(labels);
    }

    /**
     * Part of a rule for one label; {@code null} fields keep the camera's value.
     *
     * <p>Thread-safety: immutable.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LabelOverride(@JsonProperty("min_score") Double minScore,
                                @JsonProperty("min_frames") Integer minFrames,
                                @JsonProperty("min_duration_s") Double minDurationSeconds,
                                @JsonProperty("end_after_s") Double endAfterSeconds,
                                @JsonProperty("cooldown_s") Double cooldownSeconds,
                                @JsonProperty("min_box_area") Double minBoxArea,
                                List<Zone> zones, List<Polygon> masks,
                                @JsonProperty("stationary_s") Double stationarySeconds) {

        public LabelOverride {
            zones = zones == null ? null : List.copyOf(zones);
            masks = masks == null ? null : List.copyOf(masks);
        }

        /** Only a different score threshold. */
        public static LabelOverride minScore(double minScore) {
            return new LabelOverride(minScore, null, null, null, null, null, null, null, null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public EventRuleConfig {
        // [null] in the JSON arrives as a null element: a clear error, not a NullPointerException from List.copyOf
        for (List<?> list : Arrays.asList(labels, zones, masks, motionMasks)) {
            if (list != null && list.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("labels, zones, masks and motion_masks must not contain null");
            }
        }
        labels = labels == null ? DEFAULT_LABELS : List.copyOf(labels);
        zones = zones == null ? List.of() : List.copyOf(zones);
        masks = masks == null ? List.of() : List.copyOf(masks);
        motionMasks = motionMasks == null ? List.of() : List.copyOf(motionMasks);
        if (!(stationaryIou >= 0 && stationaryIou <= 1)) {
            throw new IllegalArgumentException("stationary_iou must be between 0 and 1, not " + stationaryIou);
        }
        if (!(stationaryMove >= 0 && stationaryMove <= 1)) {
            throw new IllegalArgumentException("stationary_move is a fraction of the frame, between 0 and 1, not "
                    + stationaryMove);
        }
        if (!(maxLengthSeconds == 0 || (maxLengthSeconds >= 10 && maxLengthSeconds <= 86_400))) {
            throw new IllegalArgumentException("max_length_s must be 0 (no limit) or between 10 and 86400, not "
                    + maxLengthSeconds);
        }
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        Map<String, List<Region>> copied = new LinkedHashMap<>();
        if (suppressions != null) {
            suppressions.forEach((label, regions) -> {
                if (regions != null && !regions.isEmpty()) {
                    copied.put(label, List.copyOf(regions));
                }
            });
        }
        suppressions = Map.copyOf(copied);
        // Resolve every rule now, so that a bad value (top level or override) fails when the settings are read,
        // not on the detect thread later. (Static: the fields are not assigned yet in a compact constructor.)
        LabelRule base = new LabelRule(minScore, minFrames, minDurationSeconds, endAfterSeconds, cooldownSeconds,
                minBoxArea, zones, masks, stationarySeconds);
        for (Map.Entry<String, LabelOverride> e : overrides.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("override for " + e.getKey() + " is empty");
            }
            try {
                apply(base, e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("override for " + e.getKey() + ": " + ex.getMessage());
            }
        }
    }

    public static EventRuleConfig defaults() {
        return new EventRuleConfig(true, DEFAULT_LABELS, 0.65, 5, 0, 5, 10, 0, List.of(), List.of(),
                60, 0.7, 0.02, Map.of(), Map.of(), DEFAULT_MAX_LENGTH_S, true, List.of());
    }

    /** Reads the stored JSON; {@code {}} or blank gives the defaults. */
    public static EventRuleConfig parse(String json) {
        if (json == null || json.isBlank()) {
            return defaults();
        }
        try {
            Builder builder = JSON.readerForUpdating(new Builder(defaults())).readValue(json);
            return builder.build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Bad event rules: " + e.getOriginalMessage());
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether detections of this label can make events on this camera. */
    public boolean watches(String label) {
        return enabled && (labels.isEmpty() || labels.contains(label));
    }

    /** The rule for one label: the camera's values with that label's override applied. */
    public LabelRule rule(String label) {
        LabelRule base = new LabelRule(minScore, minFrames, minDurationSeconds, endAfterSeconds, cooldownSeconds,
                minBoxArea, zones, masks, stationarySeconds);
        LabelOverride o = overrides.get(label);
        return o == null ? base : apply(base, o);
    }

    /** The suppression regions of one label (empty when none). */
    public List<Region> suppressions(String label) {
        return suppressions.getOrDefault(label, List.of());
    }

    /** These rules with one more suppression region for a label (e.g. the box of a dismissed event). */
    public EventRuleConfig withSuppression(String label, Region region) {
        Map<String, List<Region>> copy = new LinkedHashMap<>(suppressions);
        List<Region> regions = new ArrayList<>(suppressions(label));
        if (!regions.contains(region)) {
            regions.add(region);
        }
        copy.put(label, regions);
        return withSuppressions(copy);
    }

    /** These rules without one suppression region of a label; unchanged when it is not there. */
    public EventRuleConfig withoutSuppression(String label, Region region) {
        Map<String, List<Region>> copy = new LinkedHashMap<>(suppressions);
        List<Region> regions = new ArrayList<>(suppressions(label));
        regions.remove(region);
        copy.put(label, regions);
        return withSuppressions(copy);
    }

    /** These rules with other include zones, object masks and motion masks (drawn in the camera dialog). */
    public EventRuleConfig withZonesAndMasks(List<Zone> newZones, List<Polygon> newMasks,
                                             List<Polygon> newMotionMasks) {
        return new EventRuleConfig(enabled, labels, minScore, minFrames, minDurationSeconds, endAfterSeconds,
                cooldownSeconds, minBoxArea, newZones, newMasks, stationarySeconds, stationaryIou, stationaryMove,
                overrides, suppressions, maxLengthSeconds, requireMovement, newMotionMasks);
    }

    /**
     * These rules with each label's minimum score and minimum box area (fractions) as given, replacing those two
     * values in every override (other override values stay); a label in neither map takes the camera's values.
     */
    public EventRuleConfig withThresholds(Map<String, Double> minScores, Map<String, Double> minAreas) {
        Map<String, LabelOverride> copy = new LinkedHashMap<>();
        Set<String> labelsNamed = new LinkedHashSet<>(overrides.keySet());
        labelsNamed.addAll(minScores.keySet());
        labelsNamed.addAll(minAreas.keySet());
        for (String label : labelsNamed) {
            LabelOverride o = overrides.getOrDefault(label, new LabelOverride(null, null, null, null, null, null, null,
                    null, null));
            LabelOverride changed = new LabelOverride(minScores.get(label), o.minFrames(), o.minDurationSeconds(),
                    o.endAfterSeconds(), o.cooldownSeconds(), minAreas.get(label), o.zones(), o.masks(),
                    o.stationarySeconds());
            if (!changed.equals(new LabelOverride(null, null, null, null, null, null, null, null, null))) {
                copy.put(label, changed);
            }
        }
        return new EventRuleConfig(enabled, labels, minScore, minFrames, minDurationSeconds, endAfterSeconds,
                cooldownSeconds, minBoxArea, zones, masks, stationarySeconds, stationaryIou, stationaryMove, copy,
                suppressions, maxLengthSeconds, requireMovement, motionMasks);
    }

    /** These rules with one label's override replaced ({@code null} removes it). */
    public EventRuleConfig withOverride(String label, LabelOverride override) {
        Map<String, LabelOverride> copy = new LinkedHashMap<>(overrides);
        if (override == null) {
            copy.remove(label);
        } else {
            copy.put(label, override);
        }
        return new EventRuleConfig(enabled, labels, minScore, minFrames, minDurationSeconds, endAfterSeconds,
                cooldownSeconds, minBoxArea, zones, masks, stationarySeconds, stationaryIou, stationaryMove, copy,
                suppressions, maxLengthSeconds, requireMovement, motionMasks);
    }

    private EventRuleConfig withSuppressions(Map<String, List<Region>> copy) {
        return new EventRuleConfig(enabled, labels, minScore, minFrames, minDurationSeconds, endAfterSeconds,
                cooldownSeconds, minBoxArea, zones, masks, stationarySeconds, stationaryIou, stationaryMove, overrides,
                copy, maxLengthSeconds, requireMovement, motionMasks);
    }

    private static LabelRule apply(LabelRule b, LabelOverride o) {
        return new LabelRule(
                o.minScore() != null ? o.minScore() : b.minScore(),
                o.minFrames() != null ? o.minFrames() : b.minFrames(),
                o.minDurationSeconds() != null ? o.minDurationSeconds() : b.minDurationSeconds(),
                o.endAfterSeconds() != null ? o.endAfterSeconds() : b.endAfterSeconds(),
                o.cooldownSeconds() != null ? o.cooldownSeconds() : b.cooldownSeconds(),
                o.minBoxArea() != null ? o.minBoxArea() : b.minBoxArea(),
                o.zones() != null ? o.zones() : b.zones(),
                o.masks() != null ? o.masks() : b.masks(),
                o.stationarySeconds() != null ? o.stationarySeconds() : b.stationarySeconds());
    }

    /** Mutable twin for Jackson, so that absent fields keep their defaults. */
    private static final class Builder {
        public boolean enabled;
        public List<String> labels;
        @JsonProperty("min_score") public double minScore;
        @JsonProperty("min_frames") public int minFrames;
        @JsonProperty("min_duration_s") public double minDurationSeconds;
        @JsonProperty("end_after_s") public double endAfterSeconds;
        @JsonProperty("cooldown_s") public double cooldownSeconds;
        @JsonProperty("min_box_area") public double minBoxArea;
        public List<Zone> zones;
        public List<Polygon> masks;
        @JsonProperty("stationary_s") public double stationarySeconds;
        @JsonProperty("stationary_iou") public double stationaryIou;
        @JsonProperty("stationary_move") public double stationaryMove;
        public Map<String, LabelOverride> overrides;
        public Map<String, List<Region>> suppressions;
        @JsonProperty("max_length_s") public double maxLengthSeconds;
        @JsonProperty("require_movement") public boolean requireMovement;
        @JsonProperty("motion_masks") public List<Polygon> motionMasks;

        Builder(EventRuleConfig c) {
            enabled = c.enabled;
            labels = c.labels;
            minScore = c.minScore;
            minFrames = c.minFrames;
            minDurationSeconds = c.minDurationSeconds;
            endAfterSeconds = c.endAfterSeconds;
            cooldownSeconds = c.cooldownSeconds;
            minBoxArea = c.minBoxArea;
            zones = c.zones;
            masks = c.masks;
            stationarySeconds = c.stationarySeconds;
            stationaryIou = c.stationaryIou;
            stationaryMove = c.stationaryMove;
            overrides = c.overrides;
            suppressions = c.suppressions;
            maxLengthSeconds = c.maxLengthSeconds;
            requireMovement = c.requireMovement;
            motionMasks = c.motionMasks;
        }

        @SuppressWarnings("unused") // Jackson
        Builder() {
            this(defaults());
        }

        EventRuleConfig build() {
            return new EventRuleConfig(enabled, labels, minScore, minFrames, minDurationSeconds, endAfterSeconds,
                    cooldownSeconds, minBoxArea, zones, masks, stationarySeconds, stationaryIou, stationaryMove,
                    overrides, suppressions, maxLengthSeconds, requireMovement, motionMasks);
        }
    }
}
