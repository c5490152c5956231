package org.watchroom.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;

class RecoveryTest {
    @TempDir
    Path dataDir;

    @Test
    void anOpenClipIsClosedWithTheFilesHashAndItsEventMarkedInterrupted() throws Exception {
        Instant start = Instant.parse("2026-05-01T08:00:00Z");
        Path file = Files.copy(TestMedia.file("vtest.avi"), dataDir.resolve("cam1-0800.mp4"));
        Files.setLastModifiedTime(file, FileTime.from(start.plusSeconds(42)));
        long eventId;
        long clipId;
        long orphanId;
        try (Database db = Database.open(dataDir)) {
            EventStore events = new EventStore(db);
            ClipStore clips = new ClipStore(db);
            eventId = events.create(new NewEvent(null, "Demo", "person", start, 0.6f, null, null)).id();
            clipId = clips.open(null, file, start).id();
            clips.link(clipId, eventId);
            orphanId = events.create(new NewEvent(null, "Demo", "car", start.plusSeconds(5), 0.6f, null, null)).id();
            new DetectionStore(db).addAll(orphanId, List.of(new NewDetection(start.plusSeconds(9),
                    new Detection("car", 2, 0.6f, new Box(0, 0, 1, 1), null), null)));
            // ... and the power goes: no close, no end.
        }
        try (Database db = Database.open(dataDir)) {
            RecoverySummary summary = Recovery.onStartup(db);
            assertThat(summary).isEqualTo(new RecoverySummary(1, 0, 2, List.of()));

            Clip clip = new ClipStore(db).find(clipId).orElseThrow();
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            assertThat(clip.sha256()).isEqualTo(expected);
            assertThat(clip.bytes()).isEqualTo(Files.size(file));
            assertThat(clip.closedAt()).isEqualTo(start.plusSeconds(42));
            assertThat(clip.duration()).isEqualTo(Duration.ofSeconds(42));
            assertThat(clip.interrupted()).isTrue();

            Event event = new EventStore(db).find(eventId).orElseThrow();
            assertThat(event.interrupted()).isTrue();
            assertThat(event.endedAt()).isEqualTo(start.plusSeconds(42));
            Event orphan = new EventStore(db).find(orphanId).orElseThrow();
            assertThat(orphan.interrupted()).isTrue();
            assertThat(orphan.endedAt()).as("its last detection").isEqualTo(start.plusSeconds(9));

            AuditLog audit = new AuditLog(db.jdbi());
            assertThat(audit.about(Clip.subject(clipId))).extracting(AuditEntry::action).containsExactly("clip.recover");
            assertThat(audit.about(Clip.subject(clipId)).getFirst().detail()).contains(expected);
            assertThat(audit.about(Event.subject(eventId))).extracting(AuditEntry::actor).containsExactly(Recovery.ACTOR);
            assertThat(audit.verify().ok()).isTrue();

            assertThat(Recovery.onStartup(db).nothingToDo()).as("a second start-up finds nothing").isTrue();
        }
    }

    @Test
    void aClipWhoseFileIsGoneIsClosedEmpty() {
        try (Database db = Database.open(dataDir)) {
            long id = new ClipStore(db).open(null, dataDir.resolve("never-written.mp4"), Instant.now()).id();
            assertThat(Recovery.onStartup(db)).isEqualTo(new RecoverySummary(1, 1, 0, List.of()));
            Clip clip = new ClipStore(db).find(id).orElseThrow();
            assertThat(clip.open()).isFalse();
            assertThat(clip.bytes()).isZero();
            assertThat(clip.sha256()).isNull();
        }
    }

    @Test
    void aClipFileWrittenJustBeforeACrashWithoutItsRowIsAdoptedAndLinkedToTheEventsOfItsTime() throws Exception {
        Instant start = Instant.parse("2026-12-07T00:26:53.776Z");
        long eventId;
        long otherCameraEvent;
        long cameraId;
        try (Database db = Database.open(dataDir)) {
            cameraId = new CameraStore(db).add(Camera.create("Street", "rtsp://street/1", null, null),
                    People.ADMIN).id();
            EventStore events = new EventStore(db);
            eventId = events.create(new NewEvent(cameraId, "Street", "person", start.plusSeconds(5), 0.7f, null, null)).id();
            otherCameraEvent = events.create(new NewEvent(null, "Demo", "car", start.plusSeconds(5), 0.7f, null, null)).id();
            // the recorder made the file; the kill came before the event writer stored its row
        }
        Path dir = Files.createDirectories(dataDir.resolve("clips").resolve("cam" + cameraId + "-Street"));
        Path file = Files.copy(TestMedia.file("vtest.mp4"), dir.resolve("cam" + cameraId + "-Street-20261207-002653-776.mp4"));
        Files.setLastModifiedTime(file, FileTime.from(start.plusSeconds(9)));

        try (Database db = Database.open(dataDir)) {
            RecoverySummary summary = Recovery.onStartup(db);
            assertThat(summary.clipsAdopted()).isEqualTo(1);
            ClipStore clips = new ClipStore(db);
            Clip adopted = clips.forEvent(eventId).stream().filter(c -> c.path().equals(file.toString())).findFirst()
                    .orElseThrow();
            assertThat(adopted.interrupted()).isTrue();
            assertThat(adopted.startedAt()).isEqualTo(start);
            assertThat(adopted.sha256()).isEqualTo(ClipStore.sha256(file));
            assertThat(clips.forEvent(otherCameraEvent)).as("another camera's event").isEmpty();
            assertThat(new EventStore(db).find(eventId).orElseThrow().interrupted()).isTrue();
            assertThat(new AuditLog(db.jdbi()).about(Clip.subject(adopted.id()))).extracting(AuditEntry::action)
                    .containsExactly("clip.adopt");
            assertThat(Recovery.onStartup(db).clipsAdopted()).as("once").isZero();
        }
    }
}
