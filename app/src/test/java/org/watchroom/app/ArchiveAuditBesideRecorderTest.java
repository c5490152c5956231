package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.cli.HostedCommands;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.engine.DemoWall;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.evidence.EvidenceDesk;
import org.watchroom.core.evidence.EvidenceDesk.ExportJob;
import org.watchroom.core.evidence.EvidenceDesk.ExportRequest;
import org.watchroom.core.evidence.EvidenceExporter;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.Waits;

/**
 * An archive opened for review while the data folder's recorder runs in another process ({@code watchroom replay},
 * File → Open archive): its exports are audited in the recorder's log, the installation's, not in the archive's
 * throwaway session copy.
 */
class ArchiveAuditBesideRecorderTest {
    @TempDir
    Path dir;

    @Test
    void anArchiveExportIsAuditedByTheRunningRecorder() throws Exception {
        Path archive = dir.resolve("from-site-b");
        long id;
        try (Database copy = Database.open(archive)) {
            EventStore events = new EventStore(copy);
            id = events.create(new NewEvent(null, "Yard", "person", Instant.now().minusSeconds(600), 0.7f, null,
                    null)).id();
            events.end(id, Instant.now().minusSeconds(590));
        }
        Path own = dir.resolve("own");
        try (Database database = Database.open(own);
             Engine engine = new Engine(database, new EventBus(), SourceOptions.defaults(), Optional.empty());
             ControlServer control = HostedCommands.serve(engine, "engine", Optional.empty())) {
            engine.start(DemoWall.NEVER);
            Workstation review = Workstation.openArchive(LaunchOptions.replay(own, archive), People.SUPERVISOR, null);
            try {
                EvidenceDesk desk = review.link().evidence();
                String job = desk.startEvents(List.of(id), dir.resolve("case"),
                        new ExportRequest(People.SUPERVISOR, "UTC", false));
                AtomicReference<ExportJob> last = new AtomicReference<>();
                Waits.until(Duration.ofSeconds(30), () -> {
                    last.set(desk.job(job));
                    return last.get().finished();
                });
                assertThat(last.get().failure()).isEmpty();
            } finally {
                review.close();
            }
            assertThat(new AuditLog(database.jdbi()).recent(5)).as("in the installation's log, written by its recorder")
                    .anySatisfy(row -> {
                        assertThat(row.action()).isEqualTo(EvidenceExporter.AUDIT_ACTION);
                        assertThat(row.actor()).isEqualTo(People.SUPERVISOR.userName());
                    });
            assertThat(control.socket()).exists();
        }
    }
}
