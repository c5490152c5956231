package org.watchroom.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.app.wall.DirectTaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.api.ApiTokens;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.People;

/** The API dialog's ViewModel against a real H2 file, without a Stage. */
class ApiViewModelTest {
    @TempDir
    Path dataDir;

    @Test
    void anAdminSeesTheMaskedTokenRegeneratesItAndSavesTheIdleLock() {
        try (Database db = Database.open(dataDir)) {
            AtomicReference<Duration> applied = new AtomicReference<>();
            ApiViewModel model = new ApiViewModel(new Settings(db), Session.fixed(db, People.ADMIN),
                    new DirectTaskExecutor(), Optional.of("http://127.0.0.1:8080"), applied::set);
            model.load();
            String token = new ApiTokens(new SettingsStore(db)).current();
            assertThat(model.addressProperty().get()).isEqualTo("http://127.0.0.1:8080");
            assertThat(model.tokenProperty().get()).isEqualTo(token);
            assertThat(model.shownTokenBinding().get()).doesNotContain(token.substring(0, 8))
                    .endsWith(token.substring(token.length() - 4));
            model.tokenShownProperty().set(true);
            assertThat(model.shownTokenBinding().get()).isEqualTo(token);
            assertThat(model.idleMinutesProperty().get()).isEqualTo(10);

            model.regenerate();
            String fresh = model.tokenProperty().get();
            assertThat(fresh).isNotEqualTo(token).isEqualTo(new ApiTokens(new SettingsStore(db)).current());
            assertThat(new ApiTokens(new SettingsStore(db)).authenticate(token)).as("the old token is dead").isEmpty();

            model.saveIdleMinutes(3);
            assertThat(applied.get()).isEqualTo(Duration.ofMinutes(3));
            assertThat(new Settings(db).idleLock()).isEqualTo(Duration.ofMinutes(3));
            assertThat(model.messageProperty().get()).contains("3 min");
            model.saveIdleMinutes(721);
            assertThat(model.messageProperty().get()).contains("between 0 (never) and 720");
            assertThat(new Settings(db).idleLock()).isEqualTo(Duration.ofMinutes(3));
            model.saveIdleMinutes(0);
            assertThat(applied.get()).isEqualTo(Duration.ZERO);
            assertThat(model.messageProperty().get()).contains("no longer locks");

            assertThat(new AuditLog(db.jdbi()).recent(20)).extracting(e -> e.actor() + " " + e.action() + " "
                    + e.subject()).contains("chief api.token.rotate setting:api.token",
                    "chief settings.set setting:session.idle_lock_minutes");
        }
    }

    @Test
    void aSupervisorSeesNoTokenAndChangesNothing() {
        try (Database db = Database.open(dataDir)) {
            String token = new ApiTokens(new SettingsStore(db)).current();
            AtomicReference<Duration> applied = new AtomicReference<>();
            ApiViewModel model = new ApiViewModel(new Settings(db), Session.fixed(db, People.SUPERVISOR),
                    new DirectTaskExecutor(), Optional.empty(), applied::set);
            model.load();
            assertThat(model.tokenProperty().get()).isEmpty();
            assertThat(model.messageProperty().get()).isEqualTo("sam (supervisor) may not see or replace API tokens.");
            assertThat(model.addressProperty().get()).startsWith("not running");
            model.regenerate();
            model.saveIdleMinutes(0);
            assertThat(applied.get()).isNull();
            assertThat(new ApiTokens(new SettingsStore(db)).current()).isEqualTo(token);
            assertThat(new Settings(db).idleLock()).isEqualTo(Duration.ofMinutes(10));
            assertThat(new AuditLog(db.jdbi()).recent(20)).extracting(AuditEntry::action)
                    .doesNotContain("api.token.rotate", "settings.set");
        }
    }
}
