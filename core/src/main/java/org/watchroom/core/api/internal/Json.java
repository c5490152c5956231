package org.watchroom.core.api.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The API's JSON: snake_case fields, and for request bodies strict reading (unknown fields, wrong types and
 * nulls for numbers are refused with a message naming the field, never coerced).
 *
 * <p>Thread-safety: the mapper is configured once and then only used, which Jackson allows from any thread.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    static {
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
    }

    private Json() {
    }

    /** Writes {@code value} as the response with {@code status}. */
    public static void send(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static void ok(Context ctx, Object value) {
        send(ctx, 200, value);
    }

    /** The request body as {@code type}; an empty body reads as {@code empty} when that is not null. */
    public static <T> T body(Context ctx, Class<T> type, T empty) {
        byte[] bytes = RequestBody.read(ctx);
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            if (empty != null) {
                return empty;
            }
            throw ApiProblem.badRequest("Missing body", "This request needs a JSON body.");
        }
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw ApiProblem.badRequest("Missing body", "This request needs a JSON object, not null.");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw ApiProblem.badRequest("Unknown field", "Unknown field '" + e.getPropertyName() + "'"
                    + (known.isEmpty() ? "." : "; known fields are: " + known + "."));
        } catch (MismatchedInputException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw ApiProblem.badRequest("Malformed JSON", "The body has more after its JSON value" + at(e) + ".");
            }
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
            throw ApiProblem.badRequest("Wrong type", field.isEmpty()
                    ? "The body must be a JSON object."
                    : "Field '" + field + "' must be " + expected + ".");
        } catch (JsonProcessingException e) {
            if (tooComplex(e)) {
                StreamReadConstraints limits = MAPPER.getFactory().streamReadConstraints();
                throw ApiProblem.badRequest("JSON too complex", "The body nests deeper than " + limits.getMaxNestingDepth()
                        + " levels or has a number longer than " + limits.getMaxNumberLength() + " digits.");
            }
            // Jackson's own text names parser features and Java types: say where, not what it thought
            throw ApiProblem.badRequest("Malformed JSON", "The body is not valid JSON" + at(e) + ".");
        } catch (IOException e) {
            throw ApiProblem.badRequest("Unreadable body", "The body could not be read.");
        }
    }

    /** Past a parser limit (nesting, number length); databind wraps the parser's exception. */
    private static boolean tooComplex(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return false;
    }

    private static String at(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        return where == null || where.getLineNr() < 1 ? ""
                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (JsonNode.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "of another type";
    }
}
