package org.watchroom.core.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.watchroom.core.detect.Box;

/**
 * Conversions between Java values and the event tables' columns.
 *
 * <p>Thread-safety: stateless.
 */
public final class Columns {
    private static final ObjectMapper NAMES = new ObjectMapper();

    private Columns() {
    }

    /** Times are bound as UTC offsets so the stored value never depends on the machine's zone. */
    public static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** {@code {"x":1.0,"y":2.0,"w":3.0,"h":4.0}}; written by hand because the shape is fixed. */
    public static String boxJson(Box box) {
        if (box == null) {
            return null;
        }
        return String.format(Locale.ROOT, "{\"x\":%s,\"y\":%s,\"w\":%s,\"h\":%s}", box.x(), box.y(), box.width(), box.height());
    }

    public static Box box(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        float[] v = numbers(json.replaceAll("\"[a-z]\":", "").replace("{", "[").replace("}", "]"));
        if (v.length != 4) {
            throw new IllegalStateException("Badly stored box: " + json);
        }
        return new Box(v[0], v[1], v[2], v[3]);
    }

    /** A JSON array of names (zones), or null when there are none. */
    public static String namesJson(List<String> names) {
        if (names == null || names.isEmpty()) {
            return null;
        }
        try {
            // as many names as fit the column (2000 characters): an event is never lost for its zones' names
            List<String> kept = new ArrayList<>(names);
            String json = NAMES.writeValueAsString(kept);
            while (json.length() > 2000 && !kept.isEmpty()) {
                kept.removeLast();
                json = NAMES.writeValueAsString(kept);
            }
            return kept.isEmpty() ? null : json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names stored by {@link #namesJson}; empty for null. */
    public static List<String> names(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return List.of(NAMES.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Badly stored names: " + json, e);
        }
    }

    /** A JSON array of numbers, or null. */
    public static String landmarksJson(float[] landmarks) {
        if (landmarks == null) {
            return null;
        }
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (float f : landmarks) {
            j.add(Float.toString(f));
        }
        return j.toString();
    }

    public static float[] landmarks(String json) {
        return json == null || json.isBlank() ? null : numbers(json);
    }

    private static float[] numbers(String array) {
        String body = array.strip();
        body = body.substring(1, body.length() - 1).strip();
        if (body.isEmpty()) {
            return new float[0];
        }
        String[] parts = body.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i].strip());
        }
        return v;
    }

    /** Lower-case hex SHA-256 of a file's bytes, read in a stream. */
    public static String sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
