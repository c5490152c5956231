package org.watchroom.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An include zone drawn on a camera's picture: objects count only where their feet are inside a zone. A zone may be
 * named, may be for some labels only, and may ask an object to stay inside for a while first (loitering: a person in
 * the zone for 30 s).
 *
 * <p>Stored in a camera's event rules as {@code {"name": "Driveway", "points": [[x,y],...], "labels": ["person"],
 * "dwell_s": 30}}; a zone with nothing but points is stored as its bare point list, the format of earlier versions,
 * which is read as an unnamed zone for every label.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name         shown in events and settings; empty for an unnamed zone
 * @param polygon      where, normalised
 * @param labels       the labels it is for; empty = every label
 * @param dwellSeconds how long an object must stay inside before it counts (0 = at once)
 */
public record Zone(String name, Polygon polygon, List<String> labels, double dwellSeconds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Zone {
        name = name == null ? "" : name.strip();
        if (name.length() > 100) {
            throw new IllegalArgumentException("a zone name is at most 100 characters");
        }
        if (polygon == null) {
            throw new IllegalArgumentException("a zone needs points");
        }
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (!(dwellSeconds >= 0 && dwellSeconds <= 86_400)) {
            throw new IllegalArgumentException("dwell_s must be between 0 and 86400 seconds, not " + dwellSeconds);
        }
    }

    /** An unnamed zone for every label that counts at once. */
    public static Zone of(Polygon polygon) {
        return new Zone("", polygon, List.of(), 0);
    }

    /** Reads either form: a bare point list, or an object with {@code points}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Zone parse(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("a zone must be a list of [x, y] points or an object with points");
        }
        if (node.isArray()) {
            return of(points(node));
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("a zone must be a list of [x, y] points or an object with points");
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!List.of("name", "points", "labels", "dwell_s").contains(field)) {
                throw new IllegalArgumentException("unknown zone field '" + field
                        + "' (known: name, points, labels, dwell_s)");
            }
        }
        if (!node.path("points").isArray()) {
            throw new IllegalArgumentException("a zone needs \"points\": [[x, y], ...]");
        }
        JsonNode labelList = node.path("labels");
        if (!labelList.isMissingNode() && !labelList.isArray()) {
            throw new IllegalArgumentException("zone labels are a list, like [\"person\"]");
        }
        JsonNode name = node.path("name");
        if (!name.isMissingNode() && !name.isTextual()) {
            throw new IllegalArgumentException("a zone name is text");
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode label : labelList) {
            if (!label.isTextual() || label.asText().isBlank()) {
                throw new IllegalArgumentException("zone labels must be names like \"person\"");
            }
            labels.add(label.asText());
        }
        JsonNode dwell = node.path("dwell_s");
        if (!dwell.isMissingNode() && !dwell.isNumber()) {
            throw new IllegalArgumentException("dwell_s must be a number of seconds");
        }
        return new Zone(name.asText(""), points(node.path("points")), labels, dwell.asDouble(0));
    }

    private static Polygon points(JsonNode array) {
        try {
            return Polygon.of(JSON.treeToValue(array, double[][].class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("zone points must be [x, y] pairs between 0 and 1: " + e.getMessage());
        }
    }

    /** The stored form: the bare point list when there is nothing else to say. */
    @JsonValue
    public Object toJson() {
        if (name.isEmpty() && labels.isEmpty() && dwellSeconds == 0) {
            return polygon.toArray();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (!name.isEmpty()) {
            m.put("name", name);
        }
        m.put("points", polygon.toArray());
        if (!labels.isEmpty()) {
            m.put("labels", labels);
        }
        if (dwellSeconds > 0) {
            m.put("dwell_s", dwellSeconds);
        }
        return m;
    }

    /** Whether this zone is about objects of {@code label}. */
    public boolean isFor(String label) {
        return labels.isEmpty() || labels.contains(label);
    }

    public boolean contains(double x, double y) {
        return polygon.contains(x, y);
    }
}
