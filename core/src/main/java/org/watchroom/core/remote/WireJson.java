package org.watchroom.core.remote;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * How values travel between the engine and its clients: Jackson, with the port method's own generic types on both
 * sides (so {@code List<Camera>}, {@code Optional<Event>}, records, enums, {@code Instant}, {@code Duration} and
 * {@code char[]} come back as what they were).
 *
 * <ul>
 * <li>Records are written and read through their components alone (fields and the canonical constructor): a method
 *     such as {@code isX()} or {@code getX()} never becomes a property, and properties a newer peer adds are
 *     skipped.</li>
 * <li>Only abstract Watchroom types (sealed interfaces such as {@code SignIn} and {@code WatchroomEvent}) carry a
 *     type id ({@code "@type"}: the class name), and an id is accepted only for an {@code org.watchroom.} class
 *     that is a subtype of the declared one: a peer cannot make the reader build any other class.</li>
 * <li>Times are ISO-8601 text (nanoseconds and offsets kept), never floating-point numbers.</li>
 * </ul>
 *
 * <p>Thread-safety: immutable after class initialization; safe from any thread.
 */
final class WireJson {
    static final ObjectMapper MAPPER = mapper();

    private WireJson() {
    }

    /** {@code value} as JSON text for the declared type {@code type}. */
    static String write(Object value, Type type) throws JsonProcessingException {
        if (type == void.class || type == Void.class) {
            return "null";
        }
        return MAPPER.writerFor(MAPPER.constructType(type)).writeValueAsString(value);
    }

    /** {@link #write}, to put into a frame as is. */
    static RawValue raw(Object value, Type type) throws JsonProcessingException {
        return new RawValue(write(value, type));
    }

    /** Whether {@code json} takes at most {@code bytes} bytes as UTF-8 (counted only when it may not). */
    static boolean fits(String json, long bytes) {
        return (long) json.length() * 3 <= bytes || json.getBytes(StandardCharsets.UTF_8).length <= bytes;
    }

    /** {@code node} read as the declared type {@code type}; a JSON null is Java's null (or an empty Optional). */
    static Object read(JsonNode node, Type type) throws IOException {
        if (type == void.class || type == Void.class) {
            return null;
        }
        JavaType javaType = MAPPER.constructType(type);
        return MAPPER.readerFor(javaType).readValue(node == null ? MAPPER.nullNode() : node);
    }

    private static ObjectMapper mapper() {
        PolymorphicTypeValidator watchroomOnly = BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.watchroom.").build();
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .visibility(PropertyAccessor.ALL, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS) // CamerasChanged() has no components
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE) // keep an OffsetDateTime's offset
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a newer peer's extra fields
                .setDefaultTyping(new WatchroomTyping(watchroomOnly).init(JsonTypeInfo.Value.construct(
                        JsonTypeInfo.Id.CLASS, JsonTypeInfo.As.PROPERTY, "@type", null, false, null, null), null))
                .build();
    }

    /** Type ids for abstract Watchroom types only: not for {@code Object}, collections or the JDK's interfaces. */
    private static final class WatchroomTyping extends ObjectMapper.DefaultTypeResolverBuilder {
        private static final long serialVersionUID = 1L;

        WatchroomTyping(PolymorphicTypeValidator validator) {
            super(ObjectMapper.DefaultTyping.NON_FINAL, validator);
        }

        @Override
        public boolean useForType(JavaType type) {
            Class<?> raw = type.getRawClass();
            return !type.isPrimitive() && !type.isEnumType() && !type.isContainerType() && !type.isReferenceType()
                    && (raw.isInterface() || Modifier.isAbstract(raw.getModifiers()))
                    && raw.getName().startsWith("org.watchroom.");
        }
    }
}
