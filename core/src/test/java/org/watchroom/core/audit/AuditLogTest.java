package org.watchroom.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.store.Database;

class AuditLogTest {
    @TempDir
    Path dataDir;

    @Test
    void rowsChainFromGenesisAndSurviveAReopen() {
        try (Database db = Database.open(dataDir)) {
            AuditLog log = new AuditLog(db.jdbi());
            assertThat(log.verify()).isEqualTo(new AuditVerification.Ok(0));
            AuditEntry first = log.append("alice", "settings.change", "settings", "retention 30 → 14 days");
            AuditEntry second = log.append("bob", "export", "event:3", null);
            assertThat(first.id()).isEqualTo(1);
            assertThat(first.prevHash()).isEqualTo(AuditLog.GENESIS);
            assertThat(second.prevHash()).isEqualTo(first.hash());
            assertThat(second.hash()).matches("[0-9a-f]{64}");
            assertThatThrownBy(() -> log.append("", "x", "y", null)).hasMessageContaining("actor");
        }
        try (Database db = Database.open(dataDir)) {
            AuditLog log = new AuditLog(db.jdbi());
            assertThat(log.verify()).isEqualTo(new AuditVerification.Ok(2));
            assertThat(log.recent(1).getFirst().detail()).isNull();
            assertThat(log.append("carol", "export", "event:4", "").id()).isEqualTo(3);
            assertThat(log.verify().ok()).isTrue();
        }
    }

    @Test
    void alteringOneRowWithPlainSqlIsDetectedAndTheRowNamed() {
        try (Database db = Database.open(dataDir)) {
            AuditLog log = new AuditLog(db.jdbi());
            for (int i = 1; i <= 5; i++) {
                log.append("alice", "event.confirm", "event:" + i, "note " + i);
            }
            db.jdbi().useHandle(h -> h.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = 3"));
            AuditVerification result = log.verify();
            assertThat(result).isInstanceOf(AuditVerification.Broken.class);
            assertThat(((AuditVerification.Broken) result).rowId()).isEqualTo(3);
            assertThat(((AuditVerification.Broken) result).reason()).contains("changed");

            // Covering it up by recomputing that row's hash breaks the next row's link instead.
            db.jdbi().useHandle(h -> h.execute("UPDATE audit_log SET actor = 'alice' WHERE id = 3"));
            assertThat(log.verify().ok()).isTrue();
            db.jdbi().useHandle(h -> h.execute("UPDATE audit_log SET hash = '" + "1".repeat(64) + "' WHERE id = 3"));
            assertThat(log.verify()).isEqualTo(new AuditVerification.Broken(3,
                    "its contents were changed after it was written (hash does not match)"));
        }
    }

    @Test
    void deletedAndCutOffRowsAreDetected() {
        try (Database db = Database.open(dataDir)) {
            AuditLog log = new AuditLog(db.jdbi());
            for (int i = 1; i <= 4; i++) {
                log.append("system:retention", "clip.delete", "clip:" + i, null);
            }
            db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE id = 4"));
            AuditVerification cut = log.verify();
            assertThat(cut.ok()).isFalse();
            assertThat(((AuditVerification.Broken) cut).rowId()).isEqualTo(4);
            assertThat(((AuditVerification.Broken) cut).reason()).contains("cut off");

            db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE id = 2"));
            AuditVerification gap = log.verify();
            assertThat(((AuditVerification.Broken) gap).rowId()).isEqualTo(3);
            assertThat(((AuditVerification.Broken) gap).reason()).contains("rows 2 to 2 are missing");
        }
    }

    @Test
    void concurrentAppendsFormOneUnbrokenChain() throws Exception {
        try (Database db = Database.open(dataDir)) {
            AuditLog log = new AuditLog(db.jdbi());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    jobs.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            log.append("t" + thread, "settings.change", "settings", "n" + i);
                        }
                    }));
                }
                for (Future<?> job : jobs) {
                    job.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(log.verify()).isEqualTo(new AuditVerification.Ok(100));
        }
    }
}
