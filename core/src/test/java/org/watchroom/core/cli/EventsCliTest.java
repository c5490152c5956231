package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.ClipClose;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.ReviewStore;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.Cli.Result;
import org.watchroom.core.testing.People;

class EventsCliTest {
    @TempDir
    Path dataDir;



    private Result run(String... args) {
        return Cli.inDataDir(dataDir, args);
    }

    @Test
    void eventsListPrintsEventsWithTheirClipsAndFiltersByStatusAndCamera() throws Exception {
        Instant t0 = Instant.parse("2026-04-01T09:00:00Z");
        long dock;
        long confirmedId;
        try (Database db = Database.open(dataDir)) {
            dock = new CameraStore(db).add(Camera.create("Dock", "rtsp://dock/1", null, null), People.ADMIN).id();
            long yard = new CameraStore(db).add(Camera.create("Yard", "rtsp://yard/1", null, null), People.ADMIN).id();
            EventStore events = new EventStore(db);
            ReviewStore reviews = new ReviewStore(db);
            ClipStore clips = new ClipStore(db);
            confirmedId = events.create(new NewEvent(dock, "Dock", "person", t0, 0.8f, null, null)).id();
            events.create(new NewEvent(yard, "Yard", "car", t0.plusSeconds(60), 0.6f, null, null));
            Clip clip = clips.open(dock, dataDir.resolve("clips/dock-0900.mp4"), t0);
            clips.link(clip.id(), confirmedId);
            clips.close(clip.id(), new ClipClose(t0.plusSeconds(12), Duration.ofMillis(12_500), 2048, null, "h264", true, null));
            events.end(confirmedId, t0.plusSeconds(12));
            reviews.confirm(confirmedId, People.as("alice"), "intruder");
        }

        Result all = run("events", "list", "--json");
        assertThat(all.exit()).as(all.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(all.out());
        assertThat(json).hasSize(2);
        JsonNode confirmed = json.get(1);
        assertThat(confirmed.get("id").asLong()).isEqualTo(confirmedId);
        assertThat(confirmed.get("status").asText()).isEqualTo("confirmed");
        assertThat(confirmed.get("reviewed_by").asText()).isEqualTo("alice");
        assertThat(confirmed.get("clips")).hasSize(1);
        assertThat(confirmed.get("clips").get(0).get("path").asText()).endsWith("dock-0900.mp4");
        assertThat(confirmed.get("clips").get(0).get("duration_s").asDouble()).isEqualTo(12.5);
        assertThat(json.get(0).get("clips")).isEmpty();

        JsonNode pending = new ObjectMapper().readTree(run("events", "list", "--status", "pending", "--json").out());
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("label").asText()).isEqualTo("car");
        JsonNode byCamera = new ObjectMapper().readTree(run("events", "list", "--camera", String.valueOf(dock), "--json").out());
        assertThat(byCamera).hasSize(1);

        Result text = run("events", "list", "--status", "confirmed");
        assertThat(text.out()).contains("Dock").contains("person").contains("dock-0900.mp4 (12.5 s)");
        Result bad = run("events", "list", "--status", "maybe");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("pending, confirmed or dismissed");
        assertThat(run("events", "list", "--status", "dismissed").out()).contains("No events.");
    }

    @Test
    void auditVerifySaysOkOrNamesTheFirstBrokenRow() {
        try (Database db = Database.open(dataDir)) {
            AuditLog log = new AuditLog(db.jdbi());
            log.append("alice", "export", "event:1", "usb stick");
            log.append("alice", "export", "event:2", "usb stick");
        }
        Result ok = run("audit", "verify");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("OK: 2 audit rows");

        try (Database db = Database.open(dataDir)) {
            db.jdbi().useHandle(h -> h.execute("UPDATE audit_log SET detail = 'nothing happened' WHERE id = 2"));
        }
        Result broken = run("audit", "verify");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at row 2");
    }
}
