package org.watchroom.core.detect;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * A camera's detection settings, stored as JSON in {@code cameras.detect_settings}. Missing fields take the
 * defaults; unknown fields and bad values are clear errors.
 *
 * @param enabled whether the camera runs a detect loop
 * @param fps detector runs per second at most (default 5)
 * @param forceEverySeconds run even without motion this often, so that stationary objects are seen
 * @param faces where to look for faces
 * @param labels object classes to report (empty = all the model knows)
 * @param minScores per-label minimum score (else the detector's default)
 * @param minBoxArea smallest box, in square pixels of the frame the detector sees
 */
public record DetectConfig(boolean enabled, double fps, @JsonProperty("force_every_s") double forceEverySeconds,
                           FaceMode faces, List<String> labels, @JsonProperty("min_scores") Map<String, Float> minScores,
                           @JsonProperty("min_box_area") float minBoxArea) {

    /** Faces: not at all, anywhere in the frame, or only inside person boxes (fewer false faces). */
    public enum FaceMode {
        @JsonProperty("off") OFF,
        @JsonProperty("whole_frame") WHOLE_FRAME,
        @JsonProperty("in_persons") IN_PERSONS
    }

    /** The classes a control room cares about by default. */
    public static final List<String> DEFAULT_LABELS =
            List.of("person", "bicycle", "car", "motorcycle", "bus", "truck", "dog", "cat");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public DetectConfig {
        if (!(fps > 0 && fps <= 30)) {
            throw new IllegalArgumentException("detect fps must be between 0 and 30, not " + fps);
        }
        if (forceEverySeconds < 0) {
            throw new IllegalArgumentException("force_every_s must not be negative");
        }
        faces = faces == null ? FaceMode.WHOLE_FRAME : faces;
        labels = labels == null ? DEFAULT_LABELS : List.copyOf(labels);
        minScores = minScores == null ? Map.of() : Map.copyOf(minScores);
    }

    public static DetectConfig defaults() {
        return new DetectConfig(true, 5, 10, FaceMode.WHOLE_FRAME, DEFAULT_LABELS, Map.of(), 0);
    }

    /** Reads the stored JSON; {@code {}} or blank gives the defaults. */
    public static DetectConfig parse(String json) {
        if (json == null || json.isBlank()) {
            return defaults();
        }
        try {
            DetectConfig base = defaults();
            Builder builder = JSON.readerForUpdating(new Builder(base)).readValue(json);
            return builder.build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Bad detection settings: " + e.getOriginalMessage());
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mutable twin for Jackson, so that absent fields keep their defaults. */
    private static final class Builder {
        public boolean enabled;
        public double fps;
        @JsonProperty("force_every_s") public double forceEverySeconds;
        public FaceMode faces;
        public List<String> labels;
        @JsonProperty("min_scores") public Map<String, Float> minScores;
        @JsonProperty("min_box_area") public float minBoxArea;

        Builder(DetectConfig c) {
            enabled = c.enabled;
            fps = c.fps;
            forceEverySeconds = c.forceEverySeconds;
            faces = c.faces;
            labels = c.labels;
            minScores = c.minScores;
            minBoxArea = c.minBoxArea;
        }

        @SuppressWarnings("unused") // Jackson
        Builder() {
            this(defaults());
        }

        DetectConfig build() {
            return new DetectConfig(enabled, fps, forceEverySeconds, faces, labels, minScores, minBoxArea);
        }
    }
}
