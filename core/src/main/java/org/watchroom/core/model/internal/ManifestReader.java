package org.watchroom.core.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.TreeSet;
import org.watchroom.core.model.ModelException;

/**
 * Reads {@code manifest.json} into {@link ManifestEntry} values and turns Jackson's errors into messages a user
 * can act on (which file, which entry, which field). Unknown fields are errors: a misspelt {@code sha265}
 * must not silently drop the checksum.
 *
 * <p>Thread-safety: stateless; the mapper is configured once and only read.
 */
public final class ManifestReader {
    /** The only manifest layout so far; a newer file is refused rather than half understood. */
    public static final int SCHEMA = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private record ManifestFile(@JsonProperty("schema") Integer schema,
            @JsonProperty("models") List<ManifestEntry> models) {
    }

    private ManifestReader() {
    }

    /**
     * Parses one manifest.
     *
     * @param json   the file's text
     * @param source what to call the file in errors (a path, or "built-in model manifest")
     */
    public static List<ManifestEntry> read(String json, String source) {
        ManifestFile file;
        try {
            file = MAPPER.readValue(json, ManifestFile.class);
        } catch (UnrecognizedPropertyException e) {
            TreeSet<String> known = new TreeSet<>();
            e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            // the path ends with the unknown field itself; name the object that holds it
            List<JsonMappingException.Reference> path = e.getPath();
            throw new ModelException("Model manifest " + source + ": unknown field '" + e.getPropertyName() + "' in "
                    + where(path.subList(0, Math.max(0, path.size() - 1))) + "; known fields: "
                    + String.join(", ", known));
        } catch (JsonProcessingException e) {
            // Jackson wraps syntax errors met inside a list in a mapping exception; unwrap them
            StreamReadException syntax = e instanceof StreamReadException s ? s
                    : e.getCause() instanceof StreamReadException s ? s : null;
            if (syntax != null) {
                throw new ModelException("Model manifest " + source + " is not valid JSON: "
                        + clean(syntax.getOriginalMessage()) + at(syntax.getLocation()));
            }
            String where = e instanceof JsonMappingException m ? " at " + where(m.getPath()) : "";
            throw new ModelException("Model manifest " + source + ": wrong value" + where + ": "
                    + clean(e.getOriginalMessage()) + at(e.getLocation()));
        }
        if (file == null) {
            throw new ModelException("Model manifest " + source + " is empty");
        }
        if (file.schema() == null || file.schema() != SCHEMA) {
            throw new ModelException("Model manifest " + source + ": 'schema' must be " + SCHEMA + ", got "
                    + file.schema());
        }
        if (file.models() == null) {
            throw new ModelException("Model manifest " + source + ": missing 'models' array");
        }
        for (int i = 0; i < file.models().size(); i++) {
            if (file.models().get(i) == null) {
                throw new ModelException("Model manifest " + source + ": models[" + i + "] is null");
            }
        }
        return List.copyOf(file.models());
    }

    // models[2].sha256 rather than Jackson's class-qualified reference chain
    private static String where(List<JsonMappingException.Reference> refs) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.isEmpty() ? "top level" : path.toString();
    }

    // Jackson quotes locations as "[Source: REDACTED (...); line: 1, column: 25]"; keep only line and column
    private static String clean(String message) {
        return message == null ? "" : message.replaceAll("\\[Source: [^;\\]]*; ", "[");
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
