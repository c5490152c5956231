package org.watchroom.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.testing.People;

class CameraStoreTest {
    @TempDir
    Path dataDir;

    @Test
    void migratesAFreshFileAndCamerasSurviveARestart() {
        long id;
        try (Database db = Database.open(dataDir)) {
            assertThat(db.schemaVersion()).isEqualTo(10);
            assertThat(Files.isRegularFile(db.file())).isTrue();
            CameraStore store = new CameraStore(db);
            Camera saved = store.add(Camera.create("Gate", "rtsp://guard:gate-pw@10.1.1.1/main",
                    "rtsp://10.1.1.1/sub", "North gate"), People.ADMIN);
            id = saved.id();
            assertThat(saved.url()).isEqualTo("rtsp://10.1.1.1/main");
            assertThat(saved.username()).isEqualTo("guard");
            assertThat(saved.createdAt()).isNotNull();
        }
        try (Database db = Database.open(dataDir)) {
            assertThat(db.schemaVersion()).as("re-open applies nothing twice").isEqualTo(10);
            Camera gate = new CameraStore(db).find(id).orElseThrow();
            assertThat(gate.name()).isEqualTo("Gate");
            assertThat(gate.location()).isEqualTo("North gate");
            assertThat(gate.mainUrl().withCredentials()).isEqualTo("rtsp://guard:gate-pw@10.1.1.1/main");
            assertThat(gate.displayUrl().withCredentials()).isEqualTo("rtsp://guard:gate-pw@10.1.1.1/sub");
            assertThat(gate.toString()).doesNotContain("gate-pw");
            int migrations = db.jdbi().withHandle(h ->
                    h.createQuery("SELECT COUNT(*) FROM schema_version").mapTo(Integer.class).one());
            assertThat(migrations).isEqualTo(10);
        }
    }

    @Test
    void editDisableAndRemove() {
        try (Database db = Database.open(dataDir)) {
            CameraStore store = new CameraStore(db);
            Camera yard = store.add(Camera.create("Yard", "rtsp://u:p@yard/1", null, null), People.ADMIN);
            Camera edited = store.update(yard.withDetails("Yard east", "rtsp://yard/2", null, "East", "PTZ")
                    .withEnabled(false), People.ADMIN);
            assertThat(edited.name()).isEqualTo("Yard east");
            assertThat(edited.url()).isEqualTo("rtsp://yard/2");
            assertThat(edited.password()).as("kept when the new URL has no credentials").isEqualTo("p");
            assertThat(edited.enabled()).isFalse();
            assertThat(edited.notes()).isEqualTo("PTZ");
            assertThat(store.update(edited.withRtspTransport("udp"), People.ADMIN).rtspTransport()).isEqualTo("udp");
            assertThatThrownBy(() -> edited.withRtspTransport("http")).hasMessageContaining("tcp or udp");
            StationaryStore parked = new StationaryStore(db);
            parked.replace(yard.id(), List.of(new StationaryStore.Row("car", 0.1, 0.6, 0.2, 0.15,
                    Instant.parse("2026-12-07T10:00:00Z"))));
            assertThat(parked.list(yard.id())).hasSize(1);
            assertThat(store.remove(yard.id(), People.ADMIN)).isTrue();
            assertThat(parked.list(yard.id())).as("its parked cars go with it").isEmpty();
            assertThat(store.remove(yard.id(), People.ADMIN)).isFalse();
            var audit = new AuditLog(db.jdbi());
            assertThat(audit.about("camera:" + yard.id())).extracting(AuditEntry::action)
                    .containsExactly("camera.add", "camera.update", "camera.update", "camera.remove");
            assertThat(audit.about("camera:" + yard.id()).toString()).doesNotContain(":p@");
            assertThat(audit.verify().ok()).isTrue();
            assertThat(store.list()).isEmpty();
        }
    }

    @Test
    void duplicateNamesAndBadUrlsAreClearErrorsThatLoseNothing() {
        try (Database db = Database.open(dataDir)) {
            CameraStore store = new CameraStore(db);
            store.add(Camera.create("Lobby", "rtsp://lobby/1", null, null), People.ADMIN);
            assertThatThrownBy(() -> store.add(Camera.create("Lobby", "rtsp://lobby/2", null, null), People.ADMIN))
                    .isInstanceOf(StoreException.class).hasMessageContaining("already exists");
            assertThatThrownBy(() -> Camera.create("Bad", "gopher://x", null, null))
                    .hasMessageContaining("Unsupported URL scheme");
            assertThat(store.list()).extracting(Camera::url).containsExactly("rtsp://lobby/1");
        }
    }

    /** Values longer than their column: a clear message naming the field and the limit, never the value, and H2 never sees them. */
    @Test
    void overLongFieldsAreRefusedBeforeTheDatabaseAndNeverEchoed() throws Exception {
        String password = "P4ss" + "w".repeat(600);
        try (Database db = Database.open(dataDir)) {
            CameraStore store = new CameraStore(db);
            assertThatThrownBy(() -> store.add(Camera.create("Gate", "rtsp://admin:" + password + "@cam/x", null, null),
                    People.ADMIN)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("password").hasMessageContaining("500").hasMessageNotContaining("wwwww");
            assertThatThrownBy(() -> add(store, "Gate", "rtsp://" + "u".repeat(201) + ":pw@cam/x", null, null))
                    .hasMessageContaining("user name").hasMessageContaining("200").hasMessageNotContaining("uuuuu");
            assertThatThrownBy(() -> add(store, "N".repeat(201), "rtsp://cam/x", null, null))
                    .hasMessageContaining("name").hasMessageContaining("200").hasMessageNotContaining("NNNNN");
            assertThatThrownBy(() -> add(store, "Gate", "rtsp://cam/" + "p".repeat(2000), null, null))
                    .hasMessageContaining("URL").hasMessageContaining("2000").hasMessageNotContaining("ppppp");
            assertThatThrownBy(() -> add(store, "Gate", "rtsp://cam/x", "rtsp://cam/" + "p".repeat(2000), null))
                    .hasMessageContaining("sub-stream URL").hasMessageContaining("2000");
            assertThatThrownBy(() -> add(store, "Gate", "rtsp://cam/x", null, "L".repeat(501)))
                    .hasMessageContaining("location").hasMessageContaining("500");
            Camera gate = store.add(Camera.create("Gate", "rtsp://admin:short@cam/x", null, null), People.ADMIN);
            assertThatThrownBy(() -> store.update(gate.withDetails("Gate", "rtsp://admin:" + password + "@cam/x", null,
                    null, null), People.ADMIN)).hasMessageContaining("password").hasMessageNotContaining("wwwww");
            assertThatThrownBy(() -> store.update(gate.withDetails("Gate", "rtsp://cam/x", null, null, "n".repeat(4001)),
                    People.ADMIN)).hasMessageContaining("notes").hasMessageContaining("4000");
            assertThatThrownBy(() -> store.update(gate.withDetectSettings("{\"x\": \"" + "d".repeat(8000) + "\"}"),
                    People.ADMIN)).hasMessageContaining("detection settings").hasMessageContaining("8000");
            assertThatThrownBy(() -> store.updateRules(gate.id(), "{\"x\": \"" + "r".repeat(32000) + "\"}",
                    People.ADMIN)).hasMessageContaining("event rules").hasMessageContaining("32000");
            assertThat(store.list()).extracting(Camera::password).containsExactly("short");
            assertThatThrownBy(() -> store.add(Camera.create("Gate", "rtsp://admin:Dup-S3cret@cam/y", null, null),
                    People.ADMIN)).hasMessageContaining("already exists").hasMessageNotContaining("Dup-S3cret");
        }
        Path trace = dataDir.resolve("watchroom.trace.db");
        if (Files.exists(trace)) {
            assertThat(Files.readString(trace)).doesNotContain("wwwww").doesNotContain("Dup-S3cret");
        }
    }

    private static Camera add(CameraStore store, String name, String url, String subUrl, String location) {
        return store.add(Camera.create(name, url, subUrl, location), People.ADMIN);
    }

    /** The store checks a camera built field by field as it checks typed input; unchanged stored URLs are not re-judged. */
    @Test
    void theStoreRefusesSourcesTheParserRefuses() {
        try (Database db = Database.open(dataDir)) {
            CameraStore store = new CameraStore(db);
            Camera raw = new Camera(0, "Raw", "lavfi:movie=/etc/passwd", null, null, null, "tcp", true, null, null,
                    "{}", "{}", "{}", null, null);
            assertThatThrownBy(() -> store.add(raw, People.ADMIN)).hasMessageContaining("filter 'movie' is not allowed");
            Camera ok = store.add(Camera.create("Ok", "lavfi:testsrc2", null, null), People.ADMIN);
            Camera changed = new Camera(ok.id(), "Ok", "v4l2:/dev/watchdog", null, null, null, "tcp", true, null, null,
                    "{}", "{}", "{}", null, null);
            assertThatThrownBy(() -> store.update(changed, People.ADMIN)).hasMessageContaining("video device");
            assertThat(store.list()).extracting(Camera::url).containsExactly("lavfi:testsrc2");
        }
    }
}
