package org.watchroom.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.ClipClose;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.DetectionStore;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewDetection;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.Segment;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.MediaPackets;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestSegments;

/**
 * An event on a continuously recorded camera is its own range of the recording: exporting it alone carries only
 * that range (cut from the segments, not the clip it shared with other events) and its own crops, with an event file
 * whose clip is final and true; {@code events list --json} names the range.
 */
class EventRecordingExportTest {
    private static final Instant T0 = Instant.parse("2026-06-01T21:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void oneEventExportsOnlyItsRangeAndItsOwnCropsWithFinalJson() throws Exception {
        Path data = dir.resolve("data");
        long first;
        long second;
        long firstCrop;
        long secondCrop;
        List<Segment> segments;
        Clip shared;
        try (Database db = Database.open(data)) {
            long gate = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN).id();
            segments = TestSegments.record(db, gate, "Gate", T0, 4, 5);
            EventStore events = new EventStore(db);
            first = events.create(new NewEvent(gate, "Gate", "face", T0.plusSeconds(12), 0.9f, null, null)).id();
            events.end(first, T0.plusSeconds(15));
            second = events.create(new NewEvent(gate, "Gate", "face", T0.plusSeconds(30), 0.8f, null, null)).id();
            events.end(second, T0.plusSeconds(32));
            DetectionStore detections = new DetectionStore(db);
            Path crops = Files.createDirectories(data.resolve("snapshots/cam1-Gate"));
            Path cropA = Files.copy(TestMedia.file("messi5.jpg"), crops.resolve("a.jpg"));
            Path cropB = Files.copy(TestMedia.file("messi5.jpg"), crops.resolve("b.jpg"));
            detections.addAll(first, List.of(new NewDetection(T0.plusSeconds(13), new Detection("face", 0, 0.9f,
                    new Box(10, 10, 40, 40), null), cropA.toString())));
            detections.addAll(second, List.of(new NewDetection(T0.plusSeconds(31), new Detection("face", 0, 0.8f,
                    new Box(10, 10, 40, 40), null), cropB.toString())));
            firstCrop = detections.forEvent(first).getFirst().id();
            secondCrop = detections.forEvent(second).getFirst().id();
            // the old way: one growing clip that every event of the camera joined
            ClipStore clips = new ClipStore(db);
            Path sharedFile = Files.copy(Path.of(segments.get(0).path()), data.resolve("shared.mp4"));
            shared = clips.open(gate, sharedFile, T0);
            shared = clips.close(shared.id(), new ClipClose(T0.plusSeconds(40), Duration.ofSeconds(40),
                    Files.size(sharedFile), Sha256.of(sharedFile), "h264", true, null));
            clips.link(shared.id(), first);
            clips.link(shared.id(), second);
        }

        Path out = dir.resolve("case");
        Cli.Result export = Cli.inDataDir(data, "export", "--event", String.valueOf(first), "--out", out.toString(),
                "--time-zone", "UTC");
        assertThat(export.exit()).as(export.err()).isZero();
        try (Stream<Path> walk = Files.walk(out)) {
            assertThat(walk.filter(Files::isRegularFile).map(p -> out.relativize(p).toString().replace('\\', '/')).sorted())
                    .containsExactly("clips/event-" + first + ".mp4", "crops/detection-" + firstCrop + ".jpg",
                            "events/" + first + ".json", "manifest.json");
        }
        assertThat(out.resolve("crops/detection-" + secondCrop + ".jpg")).doesNotExist();
        Path cut = out.resolve("clips/event-" + first + ".mp4");
        List<MediaPackets.Packet> packets = MediaPackets.of(cut);
        double seconds = packets.stream().mapToDouble(MediaPackets.Packet::pts).max().orElseThrow() + 0.1
                - packets.getFirst().dts();
        assertThat(seconds).as("5 s pre-roll + 3 s event + 10 s post-roll, from the keyframe before").isCloseTo(18, within(2.0));

        String text = Files.readString(out.resolve("events/" + first + ".json"));
        assertThat(text).doesNotContain("\"closed_at\" : null").doesNotContain("\"ended_at\" : null");
        JsonNode doc = JSON.readTree(text);
        assertThat(doc.get("clips")).hasSize(1);
        JsonNode clip = doc.get("clips").get(0);
        assertThat(clip.get("source").asText()).isEqualTo("recording");
        assertThat(clip.get("file").asText()).isEqualTo("clips/event-" + first + ".mp4");
        assertThat(clip.get("requested_from").asText()).isEqualTo(T0.plusSeconds(7).toString());
        assertThat(clip.get("requested_to").asText()).isEqualTo(T0.plusSeconds(25).toString());
        assertThat(clip.get("started_at").asText()).isEqualTo(T0.plusMillis(6200).toString()); // the keyframe before
        assertThat(clip.get("closed_at").asText()).isEqualTo(clip.get("ended_at").asText());
        assertThat(clip.get("complete").asBoolean()).isTrue();
        assertThat(clip.get("stream_copied").asBoolean()).isTrue();
        assertThat(clip.get("codec").asText()).isEqualTo("h264");
        assertThat(clip.get("sha256").asText()).isEqualTo(Sha256.of(cut));
        assertThat(clip.get("bytes").asLong()).isEqualTo(Files.size(cut));
        assertThat(clip.get("segments")).extracting(n -> n.get("id").asLong())
                .containsExactly(segments.get(0).id(), segments.get(1).id(), segments.get(2).id());
        assertThat(clip.get("segments")).extracting(n -> n.get("link").asText()).containsExactly("first", "follows", "follows");
        assertThat(doc.get("detections")).hasSize(1);
        assertThat(Cli.run("verify", out.toString()).exit()).isZero();

        JsonNode listed = JSON.readTree(Cli.inDataDir(data, "events", "list", "--json").out());
        JsonNode firstListed = null;
        for (JsonNode e : listed) {
            if (e.get("id").asLong() == first) {
                firstListed = e;
            }
        }
        assertThat(firstListed).isNotNull();
        assertThat(firstListed.get("clips")).hasSize(1);
        JsonNode named = firstListed.get("clips").get(0);
        assertThat(named.get("source").asText()).isEqualTo("recording");
        assertThat(named.get("from").asText()).isEqualTo(T0.plusSeconds(7).toString());
        assertThat(named.get("to").asText()).isEqualTo(T0.plusSeconds(25).toString());
        assertThat(named.get("duration_s").asDouble()).isEqualTo(18.0);
        assertThat(named.get("segments")).extracting(n -> n.get("path").asText())
                .containsExactly(segments.get(0).path(), segments.get(1).path(), segments.get(2).path());
        assertThat(Cli.inDataDir(data, "events", "list").out()).contains("recording " + T0.plusSeconds(7));
    }
}
