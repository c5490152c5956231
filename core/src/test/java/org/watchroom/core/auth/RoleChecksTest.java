package org.watchroom.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.evidence.EvidenceExporter;
import org.watchroom.core.evidence.ExportOptions;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.People;

/** The core refuses what a role may not do, whatever the UI shows; audit rows name who did what. Real H2 file. */
class RoleChecksTest {
    @TempDir
    Path dir;

    @Test
    void anOperatorReviewsButCannotExportChangeCamerasOrRulesOrReleaseHolds() {
        try (Database db = Database.open(dir.resolve("data"));
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            Camera gate = engine.store().add(Camera.create("Gate", "rtsp://u:pw@gate/1", null, null), People.ADMIN);
            EventStore events = engine.events();
            long id = events.create(new NewEvent(gate.id(), "Gate", "person", Instant.now(), 0.9f, null, null)).id();
            Operator olga = People.OPERATOR;

            assertThat(engine.reviews().confirm(id, olga, "seen").reviewedBy()).isEqualTo("olga");
            assertThatThrownBy(() -> new EvidenceExporter(db).export(List.of(id), dir.resolve("out"), ExportOptions.defaults(olga)))
                    .isInstanceOf(AccessDeniedException.class).hasMessage("olga (operator) may not export evidence.");
            assertThat(dir.resolve("out")).doesNotExist();
            assertThatThrownBy(() -> engine.store().add(Camera.create("Yard", "rtsp://yard/1", null, null), olga))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("may not change cameras");
            assertThatThrownBy(() -> engine.store().remove(gate.id(), olga)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> engine.store().updateRules(gate.id(), "{}", olga)).isInstanceOf(AccessDeniedException.class);
            engine.reviews().dismiss(id, olga, "cat after all");
            assertThatThrownBy(() -> engine.suppress(id, olga)).isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("event rules");
            assertThatThrownBy(() -> engine.reviews().release(id, olga, null)).isInstanceOf(AccessDeniedException.class);
            assertThat(new CameraStore(db).list()).extracting(Camera::name).containsExactly("Gate");

            // a supervisor may export and change cameras, but not release holds or manage users
            Operator sam = People.SUPERVISOR;
            assertThat(new EvidenceExporter(db).export(List.of(id), dir.resolve("out"), ExportOptions.defaults(sam)).files())
                    .isPositive();
            engine.store().add(Camera.create("Yard", "rtsp://yard/1", null, null), sam);
            assertThatThrownBy(() -> engine.reviews().release(id, sam, null)).isInstanceOf(AccessDeniedException.class);
            assertThat(engine.reviews().release(id, People.ADMIN, "case closed").hold()).isFalse();
            assertThat(events.find(id).orElseThrow().status()).isEqualTo(EventStatus.DISMISSED);

            List<String> rows = new AuditLog(db.jdbi()).recent(50).stream().map(e -> e.actor() + " " + e.action()).toList();
            assertThat(rows).contains("olga event.confirm", "olga event.dismiss", "sam evidence.export", "sam camera.add",
                    "chief event.release", "chief camera.add");
            assertThat(new AuditLog(db.jdbi()).recent(50)).extracting(AuditEntry::detail)
                    .noneMatch(d -> d != null && d.contains("pw@"));
        }
    }

    @Test
    void aSupervisorCannotManageUsers() {
        try (Database db = Database.open(dir.resolve("users"))) {
            UserStore users = new UserStore(db);
            Operator chief = users.add("chief", "Chief", Role.ADMIN, "chief password".toCharArray(), null).operator();
            Operator sam = users.add("sam", "Sam", Role.SUPERVISOR, "sams password".toCharArray(), chief).operator();
            assertThatThrownBy(() -> users.add("eve", "Eve", Role.ADMIN, "eves password".toCharArray(), sam))
                    .isInstanceOf(AccessDeniedException.class).hasMessage("sam (supervisor) may not manage user accounts.");
            assertThatThrownBy(() -> users.changePassword("chief", "taken over!".toCharArray(), sam))
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(users.list()).extracting(User::userName).containsExactly("chief", "sam");
        }
    }
}
