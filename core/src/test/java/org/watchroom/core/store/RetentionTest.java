package org.watchroom.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.testing.People;

class RetentionTest {
    static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    @TempDir
    Path dataDir;

    private record Recorded(Event event, Clip clip, Path file) {
    }

    /** An ended event with one closed clip of {@code bytes} real bytes, {@code daysAgo} days before NOW. */
    private static Recorded record(Database db, Path dir, String name, int daysAgo, int bytes) throws IOException {
        Instant start = NOW.minus(Duration.ofDays(daysAgo));
        EventStore events = new EventStore(db);
        ClipStore clips = new ClipStore(db);
        Path file = Files.write(dir.resolve(name + ".mp4"), new byte[bytes]);
        Path snapshot = Files.write(dir.resolve(name + ".jpg"), new byte[] {1});
        Event e = events.create(new NewEvent(null, "Demo", "person", start, 0.7f, null, snapshot.toString()));
        new DetectionStore(db).addAll(e.id(), List.of(new NewDetection(start,
                new Detection("person", 0, 0.7f, new Box(0, 0, 1, 1), null), null)));
        events.end(e.id(), start.plusSeconds(10));
        Clip c = clips.open(null, file, start);
        clips.link(c.id(), e.id());
        c = clips.close(c.id(), new ClipClose(start.plusSeconds(10), Duration.ofSeconds(10), bytes, ClipStore.sha256(file),
                "h264", true, null));
        return new Recorded(events.find(e.id()).orElseThrow(), c, file);
    }

    @Test
    void byAgeDeletesOldFootageButKeepsConfirmedAndHeldEvents() throws IOException {
        try (Database db = Database.open(dataDir)) {
            Recorded old = record(db, dataDir, "old", 40, 100);
            Recorded confirmed = record(db, dataDir, "confirmed", 41, 100);
            Recorded held = record(db, dataDir, "held", 42, 100);
            Recorded fresh = record(db, dataDir, "fresh", 2, 100);
            EventStore events = new EventStore(db);
            ReviewStore reviews = new ReviewStore(db);
            reviews.confirm(confirmed.event().id(), People.as("alice"), "theft");
            reviews.hold(held.event().id(), People.as("bob"), "police request");

            Retention retention = new Retention(db);
            RetentionSummary summary = retention.run(new RetentionPolicy(30, 0), NOW);
            assertThat(summary.clipsDeleted()).isEqualTo(1);
            assertThat(summary.eventsDeleted()).isEqualTo(1);
            assertThat(summary.bytesFreed()).isEqualTo(100);
            assertThat(summary.clipsKeptForHold()).isEqualTo(2);
            assertThat(summary.failures()).isEmpty();
            assertThat(summary.bytesAfter()).isEqualTo(300);
            assertThat(old.file()).doesNotExist();
            assertThat(dataDir.resolve("old.jpg")).as("the event's picture goes too").doesNotExist();
            assertThat(events.find(old.event().id())).isEmpty();
            assertThat(new DetectionStore(db).forEvent(old.event().id())).isEmpty();
            for (Recorded kept : List.of(confirmed, held, fresh)) {
                assertThat(kept.file()).exists();
                assertThat(events.details(kept.event().id()).orElseThrow().clips()).hasSize(1);
            }

            AuditLog audit = new AuditLog(db.jdbi());
            List<AuditEntry> clipRows = audit.about(Clip.subject(old.clip().id()));
            assertThat(clipRows).extracting(AuditEntry::action).containsExactly("clip.delete");
            assertThat(clipRows.getFirst().actor()).isEqualTo(Retention.ACTOR);
            assertThat(clipRows.getFirst().detail()).contains("older than 30 days").contains(old.clip().sha256());
            assertThat(audit.about(Event.subject(old.event().id()))).extracting(AuditEntry::action)
                    .containsExactly("event.delete");

            retention.release(confirmed.event().id(), People.as("carol"));
            RetentionSummary second = retention.run(new RetentionPolicy(30, 0), NOW);
            assertThat(second.clipsDeleted()).isEqualTo(1);
            assertThat(second.eventsDeleted()).isEqualTo(1);
            assertThat(confirmed.file()).doesNotExist();
            assertThat(events.find(confirmed.event().id())).isEmpty();
            assertThat(held.file()).exists();
            assertThat(audit.about(Event.subject(confirmed.event().id()))).extracting(AuditEntry::action)
                    .containsExactly("event.confirm", "event.release", "event.delete");
            assertThat(audit.verify().ok()).isTrue();
        }
    }

    @Test
    void byQuotaDeletesOldestClipsFirstUntilUnderQuotaAndSkipsHeldOnes() throws IOException {
        try (Database db = Database.open(dataDir)) {
            Recorded a = record(db, dataDir, "a", 5, 1000);
            Recorded b = record(db, dataDir, "b", 4, 1000);
            Recorded c = record(db, dataDir, "c", 3, 1000);
            Recorded d = record(db, dataDir, "d", 2, 1000);
            new ReviewStore(db).confirm(a.event().id(), People.as("alice"), null);
            Clip open = new ClipStore(db).open(null, dataDir.resolve("recording.mp4"), NOW);

            RetentionSummary summary = new Retention(db).run(new RetentionPolicy(0, 2500), NOW);
            assertThat(summary.clipsDeleted()).as("b and c; a is held").isEqualTo(2);
            assertThat(summary.bytesAfter()).isEqualTo(2000);
            assertThat(a.file()).exists();
            assertThat(b.file()).doesNotExist();
            assertThat(c.file()).doesNotExist();
            assertThat(d.file()).exists();
            assertThat(new ClipStore(db).find(open.id())).as("clips being written are never touched").isPresent();
            assertThat(new EventStore(db).find(b.event().id())).as("quota frees disk; the event row stays").isPresent();
        }
    }

    @Test
    void aMissingFileStillLetsTheRowGo() throws IOException {
        try (Database db = Database.open(dataDir)) {
            Recorded gone = record(db, dataDir, "gone", 40, 10);
            Files.delete(gone.file());
            RetentionSummary summary = new Retention(db).run(new RetentionPolicy(30, 0), NOW);
            assertThat(summary.clipsDeleted()).isEqualTo(1);
            assertThat(summary.filesMissing()).isEqualTo(1);
            assertThat(new ClipStore(db).find(gone.clip().id())).isEmpty();
        }
    }
}
