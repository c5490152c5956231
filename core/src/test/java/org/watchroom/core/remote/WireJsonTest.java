package org.watchroom.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.watchroom.core.auth.SignIn;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.detect.FaceCrop;

class WireJsonTest {
    /** A record with derived methods that look like bean getters: none of them may become a property. */
    record Reading(String name, boolean enabled) {
        public boolean isEmpty() { return name.isEmpty(); }

        public String getShout() { return name.toUpperCase(Locale.ROOT); }
    }

    private static Object roundTrip(Object value, Type type) throws Exception {
        return WireJson.read(WireJson.MAPPER.readTree(WireJson.write(value, type)), type);
    }

    @Test
    void recordsTravelAsTheirComponentsOnly() throws Exception {
        String json = WireJson.write(new Reading("gate", true), Reading.class);
        assertThat(WireJson.MAPPER.readTree(json).properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("name", "enabled");
        assertThat(WireJson.read(WireJson.MAPPER.readTree("{\"name\":\"gate\",\"enabled\":true,\"newer\":1}"),
                Reading.class)).as("a newer peer's extra property is skipped").isEqualTo(new Reading("gate", true));
    }

    @Test
    void genericTypesTimesAndSealedTypesRoundTrip() throws Exception {
        Instant at = Instant.parse("2026-12-07T06:00:00.123456789Z");
        assertThat(roundTrip(at, Instant.class)).isEqualTo(at);
        assertThat(roundTrip(Duration.ofMillis(1500), Duration.class)).isEqualTo(Duration.ofMillis(1500));
        OffsetDateTime local = OffsetDateTime.of(2026, 12, 7, 7, 0, 0, 0, ZoneOffset.ofHours(1));
        assertThat(roundTrip(local, OffsetDateTime.class)).isEqualTo(local);
        assertThat(roundTrip(Optional.empty(), new TypeReference<Optional<Instant>>() { }.getType()))
                .isEqualTo(Optional.empty());
        assertThat(roundTrip(Optional.of(at), new TypeReference<Optional<Instant>>() { }.getType()))
                .isEqualTo(Optional.of(at));
        assertThat(roundTrip("pw".toCharArray(), char[].class)).isEqualTo("pw".toCharArray());
        List<SignIn> outcomes = List.of(new SignIn.Refused("no"), new SignIn.Throttled(Duration.ofSeconds(3)));
        assertThat(roundTrip(outcomes, new TypeReference<List<SignIn>>() { }.getType())).isEqualTo(outcomes);
    }

    @Test
    void detectionsKeepTheirArrays() throws Exception {
        Detection face = new Detection("face", 0, 0.9f, new Box(1, 2, 3, 4), new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        WatchroomEvent event = new WatchroomEvent.DetectionsReady(new DetectionResult(1, "Gate", 42, Instant.EPOCH,
                640, 480, List.of(face), List.of(new FaceCrop(face, new byte[] {1, 2, 3}))));
        WatchroomEvent.DetectionsReady back = (WatchroomEvent.DetectionsReady) roundTrip(event, WatchroomEvent.class);
        assertThat(back.result().detections().getFirst().landmarks()).containsExactly(face.landmarks());
        assertThat(back.result().faceCrops().getFirst().jpeg()).containsExactly(1, 2, 3);
        assertThat(back.result().frameSequence()).isEqualTo(42);
    }

    @Test
    void typeIdsOutsideWatchroomOrOutsideTheDeclaredTypeAreRefused() throws Exception {
        JsonNode gadget = WireJson.MAPPER.readTree("{\"@type\":\"java.lang.ProcessBuilder\",\"command\":[\"true\"]}");
        assertThatThrownBy(() -> WireJson.read(gadget, WatchroomEvent.class))
                .isInstanceOf(JsonProcessingException.class);
        JsonNode wrongFamily = WireJson.MAPPER.readTree("{\"@type\":\"org.watchroom.core.auth.SignIn$Refused\","
                + "\"message\":\"x\"}");
        assertThatThrownBy(() -> WireJson.read(wrongFamily, WatchroomEvent.class))
                .isInstanceOf(JsonProcessingException.class);
        JsonNode untyped = WireJson.MAPPER.readTree("{\"@type\":\"java.util.ArrayList\"}");
        assertThat(WireJson.read(untyped, Object.class)).as("Object is not typed: a plain map, nothing built")
                .isInstanceOf(Map.class);
    }
}
