package org.watchroom.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.testing.People;

class CameraStoreTest {
    @TempDir
    Path dataDir;

    @Test
    void migratesAFreshFileAndCamerasSurviveARestart() {
        long id;
        try (Database db = Database.open(dataDir)) {
            assertThat(db.schemaVersion()).isEqualTo(8);
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
            assertThat(db.schemaVersion()).as("re-open applies nothing twice").isEqualTo(8);
            Camera gate = new CameraStore(db).find(id).orElseThrow();
            assertThat(gate.name()).isEqualTo("Gate");
            assertThat(gate.location()).isEqualTo("North gate");
            assertThat(gate.mainUrl().withCredentials()).isEqualTo("rtsp://guard:gate-pw@10.1.1.1/main");
            assertThat(gate.displayUrl().withCredentials()).isEqualTo("rtsp://guard:gate-pw@10.1.1.1/sub");
            assertThat(gate.toString()).doesNotContain("gate-pw");
            int migrations = db.jdbi().withHandle(h ->
                    h.createQuery("SELECT COUNT(*) FROM schema_version").mapTo(Integer.class).one());
            assertThat(migrations).isEqualTo(8);
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
            assertThat(store.remove(yard.id(), People.ADMIN)).isTrue();
            assertThat(store.remove(yard.id(), People.ADMIN)).isFalse();
            var audit = new org.watchroom.core.audit.AuditLog(db.jdbi());
            assertThat(audit.about("camera:" + yard.id())).extracting(org.watchroom.core.audit.AuditEntry::action)
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
}
