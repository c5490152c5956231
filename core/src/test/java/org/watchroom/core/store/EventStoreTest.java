package org.watchroom.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.testing.People;

class EventStoreTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void aVersionOneDatabaseIsUpgradedAndKeepsItsCameras() throws Exception {
        String v1;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V1__cameras.sql")) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The database as the first release left it: V1 only.
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("watchroom");
        try (Connection c = DriverManager.getConnection(url, "watchroom", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, name VARCHAR(200) NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            for (String sql : v1.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            s.execute("INSERT INTO schema_version VALUES (1, 'cameras', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO cameras (name, url, created_at, updated_at) VALUES ('Gate', 'rtsp://gate/1', "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        try (Database db = Database.open(dataDir)) {
            assertThat(db.schemaVersion()).isEqualTo(10);
            Camera gate = new CameraStore(db).list().getFirst();
            Event e = new EventStore(db).create(new NewEvent(gate.id(), gate.name(), "person", T0, 0.5f, null, null));
            assertThat(e.cameraId()).isEqualTo(gate.id());
            assertThat(new EventStore(db).model(e.id())).as("an event stored without a model has none").isEmpty();
        }
        try (Database db = Database.open(dataDir)) {
            assertThat(db.schemaVersion()).as("reopen applies nothing twice").isEqualTo(10);
            assertThat(new CameraStore(db).list().getFirst().eventRules()).as("V3 default").isEqualTo("{}");
            assertThat(new EventStore(db).list(EventQuery.all())).hasSize(1);
        }
    }

    @Test
    void lifecycleAndReviewWriteAuditRowsInTheSameTransaction() {
        try (Database db = Database.open(dataDir)) {
            Camera cam = new CameraStore(db).add(Camera.create("Dock", "rtsp://dock/1", null, null), People.ADMIN);
            EventStore events = new EventStore(db);
            ReviewStore reviews = new ReviewStore(db);
            Event e = events.create(new NewEvent(cam.id(), "Dock", "person", T0, 0.41f, new Box(1, 2, 3, 4), null));
            assertThat(e.status()).isEqualTo(EventStatus.PENDING);
            assertThat(e.ongoing()).isTrue();
            assertThat(e.peakBox()).isEqualTo(new Box(1, 2, 3, 4));

            assertThat(events.updatePeak(e.id(), 0.9f, new Box(10, 20, 30, 40), "/snap/1.jpg")).isTrue();
            assertThat(events.updatePeak(e.id(), 0.5f, new Box(0, 0, 1, 1), null)).as("lower score keeps the peak").isFalse();
            float[] marks = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
            assertThat(new DetectionStore(db).addAll(e.id(), List.of(
                    new NewDetection(T0, new Detection("person", 0, 0.41f, new Box(1, 2, 3, 4), null), null),
                    new NewDetection(T0.plusSeconds(1), new Detection("face", 0, 0.8f, new Box(5, 6, 7, 8), marks), "/crops/a.jpg"))))
                    .isEqualTo(2);
            Event ended = events.end(e.id(), T0.plusSeconds(5));
            assertThat(ended.endedAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(ended.peakScore()).isEqualTo(0.9f);
            assertThat(ended.peakBox()).isEqualTo(new Box(10, 20, 30, 40));
            assertThat(ended.snapshotPath()).isEqualTo("/snap/1.jpg");
            assertThatThrownBy(() -> events.end(e.id(), T0.plusSeconds(6))).hasMessageContaining("already ended");

            AuditLog audit = new AuditLog(db.jdbi());
            assertThat(audit.about(Event.subject(e.id()))).as("the engine's own writes are not review actions").isEmpty();

            Event confirmed = reviews.confirm(e.id(), People.as("alice"), "courier, known");
            assertThat(confirmed.status()).isEqualTo(EventStatus.CONFIRMED);
            assertThat(confirmed.reviewedBy()).isEqualTo("alice");
            assertThat(confirmed.reviewedAt()).isNotNull();
            assertThat(confirmed.note()).isEqualTo("courier, known");
            assertThat(confirmed.hold()).as("confirmed events are evidence").isTrue();
            Event dismissed = reviews.dismiss(e.id(), People.as("bob"), "false alarm");
            assertThat(dismissed.status()).isEqualTo(EventStatus.DISMISSED);
            assertThat(dismissed.hold()).as("a dismissal never releases a hold silently").isTrue();
            assertThat(reviews.release(e.id(), People.as("carol"), "case closed").hold()).isFalse();

            List<AuditEntry> rows = audit.about(Event.subject(e.id()));
            assertThat(rows).extracting(AuditEntry::action).containsExactly("event.confirm", "event.dismiss", "event.release");
            assertThat(rows).extracting(AuditEntry::actor).containsExactly("alice", "bob", "carol");
            assertThat(rows.getFirst().detail()).isEqualTo("courier, known");
            assertThat(audit.verify().ok()).isTrue();

            int before = audit.recent(100).size(); // the camera's own audit row (camera.add) counts too
            assertThatThrownBy(() -> reviews.confirm(999, People.as("alice"), null)).hasMessageContaining("No event with id 999");
            assertThat(audit.recent(100)).as("a failed review leaves no audit row").hasSize(before);
            assertThatThrownBy(() -> reviews.release(e.id(), People.OPERATOR, null))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("release");

            EventDetails details = events.details(e.id()).orElseThrow();
            assertThat(details.detections()).hasSize(2);
            StoredDetection face = details.detections().get(1);
            assertThat(face.label()).isEqualTo("face");
            assertThat(face.landmarks()).containsExactly(marks);
            assertThat(face.box()).isEqualTo(new Box(5, 6, 7, 8));
            assertThat(face.cropPath()).isEqualTo("/crops/a.jpg");
            assertThat(details.detections().getFirst().landmarks()).isNull();
        }
    }

    @Test
    void listFiltersByCameraStatusLabelAndTimeWithPaging() {
        try (Database db = Database.open(dataDir)) {
            CameraStore cameras = new CameraStore(db);
            long a = cameras.add(Camera.create("A", "rtsp://a/1", null, null), People.ADMIN).id();
            long b = cameras.add(Camera.create("B", "rtsp://b/1", null, null), People.ADMIN).id();
            EventStore events = new EventStore(db);
            ReviewStore reviews = new ReviewStore(db);
            for (int i = 0; i < 6; i++) {
                long cam = i % 2 == 0 ? a : b;
                events.create(new NewEvent(cam, cam == a ? "A" : "B", i < 4 ? "person" : "car", T0.plusSeconds(60L * i), 0.5f, null, null));
            }
            List<Event> all = events.list(EventQuery.all());
            assertThat(all).hasSize(6);
            assertThat(all.getFirst().startedAt()).as("newest first").isEqualTo(T0.plusSeconds(300));
            assertThat(events.list(EventQuery.all().camera(a))).hasSize(3).allMatch(e -> e.cameraId() == a);
            assertThat(events.list(EventQuery.all().label("car"))).hasSize(2);
            reviews.confirm(all.get(2).id(), People.as("alice"), null);
            assertThat(events.list(EventQuery.all().status(EventStatus.CONFIRMED))).extracting(Event::id)
                    .containsExactly(all.get(2).id());
            assertThat(events.list(EventQuery.all().status(EventStatus.PENDING))).hasSize(5);
            assertThat(events.list(EventQuery.all().between(T0.plusSeconds(60), T0.plusSeconds(180)))).hasSize(2);
            assertThat(events.list(EventQuery.all().page(4, 4))).extracting(Event::id)
                    .containsExactly(all.get(4).id(), all.get(5).id());
            assertThat(events.count(EventQuery.all().camera(b).label("person"))).isEqualTo(2);

            cameras.remove(a, People.ADMIN);
            Event orphan = events.list(EventQuery.all()).getLast();
            assertThat(orphan.cameraId()).as("removing a camera keeps its evidence").isNull();
            assertThat(orphan.cameraName()).isEqualTo("A");
        }
    }

    @Test
    void clipsOpenCloseAndCoverSeveralEvents() {
        try (Database db = Database.open(dataDir)) {
            EventStore events = new EventStore(db);
            ClipStore clips = new ClipStore(db);
            Event e1 = events.create(new NewEvent(null, "Demo", "person", T0, 0.5f, null, null));
            Event e2 = events.create(new NewEvent(null, "Demo", "car", T0.plusSeconds(2), 0.5f, null, null));
            Clip clip = clips.open(null, dataDir.resolve("clips/a.mp4"), T0);
            assertThat(clip.open()).isTrue();
            clips.link(clip.id(), e1.id());
            clips.link(clip.id(), e2.id());
            clips.link(clip.id(), e2.id());
            assertThat(clips.openClips()).extracting(Clip::id).containsExactly(clip.id());
            Clip closed = clips.close(clip.id(), new ClipClose(T0.plusSeconds(30), Duration.ofSeconds(30), 1234,
                    "ab".repeat(32), "h264", true, null));
            assertThat(closed.open()).isFalse();
            assertThat(closed.duration()).isEqualTo(Duration.ofSeconds(30));
            assertThat(closed.bytes()).isEqualTo(1234);
            assertThat(closed.codec()).isEqualTo("h264");
            assertThat(clips.openClips()).isEmpty();
            assertThatThrownBy(() -> clips.close(clip.id(), new ClipClose(T0, Duration.ZERO, 0, null, null, true, null)))
                    .hasMessageContaining("already closed");
            assertThatThrownBy(() -> clips.open(null, dataDir.resolve("clips/a.mp4"), T0))
                    .hasMessageContaining("already recorded");
            assertThat(events.details(e2.id()).orElseThrow().clips()).extracting(Clip::id).containsExactly(clip.id());
            assertThat(clips.forEvents(List.of(e1.id(), e2.id()))).containsOnlyKeys(e1.id(), e2.id());
            assertThat(clips.totalBytes()).isEqualTo(1234);
        }
    }

    @Test
    void listSearchesNotesIgnoringCaseAndWildcards() {
        try (Database db = Database.open(dataDir)) {
            EventStore events = new EventStore(db);
            ReviewStore reviews = new ReviewStore(db);
            long a = events.create(new NewEvent(null, "Demo", "person", T0, 0.8f, null, null)).id();
            long b = events.create(new NewEvent(null, "Demo", "car", T0.plusSeconds(1), 0.8f, null, null)).id();
            long c = events.create(new NewEvent(null, "Demo", "car", T0.plusSeconds(2), 0.8f, null, null)).id();
            reviews.dismiss(a, People.as("guard"), "Delivery VAN");
            reviews.dismiss(b, People.as("guard"), "100% a cat");
            assertThat(events.list(EventQuery.all().noteContains("van"))).extracting(Event::id).containsExactly(a);
            assertThat(events.list(EventQuery.all().noteContains("0%"))).extracting(Event::id).containsExactly(b);
            assertThat(events.list(EventQuery.all().noteContains("_"))).isEmpty();
            assertThat(events.list(EventQuery.all().noteContains(" "))).extracting(Event::id).containsExactly(c, b, a);
            assertThat(events.count(EventQuery.all().noteContains("A"))).isEqualTo(2);
        }
    }

    @Test
    void aContinuationNamesTheEventItGoesOnFromUntilThatOneIsDeleted() {
        try (Database db = Database.open(dataDir)) {
            EventStore events = new EventStore(db);
            Event first = events.create(new NewEvent(null, "Demo", "person", T0, 0.5f, null, null));
            Event next = events.create(new NewEvent(null, "Demo", "person", T0.plusSeconds(600), 0.6f, null, null, null,
                    null, null, first.id()));

            assertThat(events.find(next.id()).orElseThrow().continuesEventId()).isEqualTo(first.id());
            assertThat(events.find(first.id()).orElseThrow().continuesEventId()).isNull();

            db.jdbi().useHandle(h -> h.execute("DELETE FROM events WHERE id = ?", first.id()));
            assertThat(events.find(next.id()).orElseThrow().continuesEventId()).as("the link goes, the event stays").isNull();
        }
    }
}
