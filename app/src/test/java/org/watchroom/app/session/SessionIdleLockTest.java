package org.watchroom.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.app.wall.DirectTaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.cli.WatchroomCli;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;

/** The idle lock as the setting decides it: stored minutes, 0 = never, a lock audited with the reason. */
class SessionIdleLockTest {
    @TempDir
    Path dataDir;

    @Test
    void theStoredMinutesDecideWhetherAndWhenTheWorkstationLocks() {
        // the installer sets it from the command line, as documented
        int exit = WatchroomCli.run(new String[] {"--data-dir", dataDir.toString(), "settings", "set",
                "session.idle_lock_minutes", "0"}, null, System.out, System.err);
        assertThat(exit).isZero();
        try (Database db = Database.open(dataDir)) {
            SessionViewModel model = new SessionViewModel(Session.fixed(db, People.OPERATOR), new DirectTaskExecutor());
            model.showFixed();
            assertThat(model.idleLockProperty().get()).as("before the setting is read").isEqualTo(Duration.ofMinutes(10));
            model.setIdleLock(new Settings(db).idleLock());
            assertThat(model.idleLockEnabled()).isFalse();
            model.idleTimedOut();
            assertThat(model.stateProperty().get()).as("0 = never").isEqualTo(SessionViewModel.State.SIGNED_IN);

            model.setIdleLock(Duration.ofMinutes(7));
            model.idleTimedOut();
            assertThat(model.stateProperty().get()).isEqualTo(SessionViewModel.State.LOCKED);
            assertThat(model.session().locked()).isTrue();
            assertThat(new AuditLog(db.jdbi()).recent(5)).extracting(e -> e.actor() + " " + e.action() + " " + e.detail())
                    .contains("olga user.lock idle for 7 min");
            model.setIdleLock(null);
            assertThat(model.idleLockProperty().get()).isEqualTo(Duration.ZERO);
        }
    }
}
