package org.watchroom.core.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.watchroom.core.config.ByteSize;

/**
 * How one camera is recorded, stored as JSON in its {@code recording} column like its detection settings:
 * {@code {"mode": "continuous", "keep_days": 30, "keep_size": "500G", "segment_s": 60}}. Missing fields take the
 * defaults ({@code {}} = continuous, kept by the global retention only, one-minute segments); unknown fields and bad
 * values are clear errors.
 *
 * <p>Thread-safety: immutable.
 *
 * @param mode           what is recorded
 * @param keepDays       segments older than this many days are deleted (null: the global retention decides)
 * @param keepSize       the camera's recordings are cut, oldest first, to at most this many bytes (null: no cap)
 * @param segmentSeconds a segment is cut at the first keyframe after this many seconds (10–600)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordingPolicy(Mode mode, @JsonProperty("keep_days") Integer keepDays,
                              @JsonProperty("keep_size") String keepSize,
                              @JsonProperty("segment_s") int segmentSeconds) {

    /** What a camera records. */
    public enum Mode {
        /** Every second of the main stream, in segments. */
        CONTINUOUS,
        /** Segments that hold motion, with pre- and post-roll. */
        MOTION,
        /** Only event clips (pre-roll … post-roll of each event), one file per event. */
        EVENTS,
        /** Nothing. */
        OFF;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("Recording mode must be continuous, motion, events or off, not '"
                        + text + "'.");
            }
        }
    }

    public static final int DEFAULT_SEGMENT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public RecordingPolicy {
        mode = mode == null ? Mode.CONTINUOUS : mode;
        if (keepDays != null && (keepDays < 1 || keepDays > 36_500)) {
            throw new IllegalArgumentException("keep_days must be between 1 and 36500, not " + keepDays);
        }
        if (keepSize != null) {
            keepSize = keepSize.strip();
            parseSize(keepSize); // refuses what it cannot read
        }
        if (segmentSeconds < 10 || segmentSeconds > 600) {
            throw new IllegalArgumentException("segment_s must be between 10 and 600, not " + segmentSeconds);
        }
    }

    /** Continuous, no per-camera limits, one-minute segments. */
    public static RecordingPolicy defaults() {
        return new RecordingPolicy(Mode.CONTINUOUS, null, null, DEFAULT_SEGMENT_SECONDS);
    }

    /** Reads the stored JSON; {@code {}} or blank gives the defaults. */
    public static RecordingPolicy parse(String json) {
        if (json == null || json.isBlank()) {
            return defaults();
        }
        try {
            Builder builder = JSON.readerForUpdating(new Builder(defaults())).readValue(json);
            return builder.build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Bad recording settings: " + e.getOriginalMessage());
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(new Builder(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The size cap in bytes, or null when there is none. */
    public Long keepBytes() {
        return keepSize == null ? null : parseSize(keepSize);
    }

    /** Whether segments are written for this camera (continuous or motion). */
    public boolean segments() {
        return mode == Mode.CONTINUOUS || mode == Mode.MOTION;
    }

    public RecordingPolicy withMode(Mode value) {
        return new RecordingPolicy(value, keepDays, keepSize, segmentSeconds);
    }

    public RecordingPolicy withKeepDays(Integer value) {
        return new RecordingPolicy(mode, value, keepSize, segmentSeconds);
    }

    public RecordingPolicy withKeepSize(String value) {
        return new RecordingPolicy(mode, keepDays, value, segmentSeconds);
    }

    /** Bytes from a size as people write it ({@link ByteSize#parse}: {@code 500G}, {@code 20M}). At least 1 MiB. */
    public static long parseSize(String text) {
        return ByteSize.parse(text);
    }

    /** Mutable twin for Jackson, so that absent fields keep their defaults. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private static final class Builder {
        public String mode;
        @JsonProperty("keep_days") public Integer keepDays;
        @JsonProperty("keep_size") public String keepSize;
        @JsonProperty("segment_s") public int segmentSeconds;

        Builder(RecordingPolicy p) {
            mode = p.mode.json();
            keepDays = p.keepDays;
            keepSize = p.keepSize;
            segmentSeconds = p.segmentSeconds;
        }

        @SuppressWarnings("unused") // Jackson
        Builder() {
            this(defaults());
        }

        RecordingPolicy build() {
            return new RecordingPolicy(Mode.parse(mode), keepDays, keepSize, segmentSeconds);
        }
    }
}
