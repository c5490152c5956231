package org.watchroom.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.cli.HostedCommands;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.engine.DemoWall;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.evidence.EvidenceDesk;
import org.watchroom.core.evidence.EvidenceDesk.ExportJob;
import org.watchroom.core.evidence.EvidenceDesk.ExportRequest;
import org.watchroom.core.evidence.EvidenceExporter;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.Waits;

/**
 * Evidence export from a workstation attached to the engine: the engine writes the package (it holds the database)
 * into the folder the analyst chose, audits it, and the client follows the job to its result; a guard without the
 * export permission is refused at once, and a failure comes back in words.
 */
class AttachedExportTest {
    @TempDir
    Path dir;
    private Database database;
    private Engine engine;
    private ControlServer control;
    private AttachedEngine attached;
    private long event;

    @BeforeEach
    void attach() throws Exception {
        Path data = dir.resolve("data");
        database = Database.open(data);
        engine = new Engine(database, new EventBus(), SourceOptions.defaults(), Optional.empty());
        engine.start(DemoWall.NEVER);
        event = engine.events().create(new NewEvent(null, "Gate", "person", Instant.now().minusSeconds(60), 0.8f,
                null, null)).id();
        engine.events().end(event, Instant.now().minusSeconds(50));
        control = HostedCommands.serve(engine, "engine", Optional.empty());
        attached = AttachedEngine.attach(data, signal -> { });
    }

    @AfterEach
    void close() {
        attached.close();
        control.close();
        engine.close();
        database.close();
    }

    private static ExportJob follow(EvidenceDesk desk, String id) {
        AtomicReference<ExportJob> last = new AtomicReference<>();
        Waits.until(Duration.ofSeconds(30), () -> {
            last.set(desk.job(id));
            return last.get().finished();
        });
        return last.get();
    }

    @Test
    void theEngineWritesAndAuditsThePackageTheAttachedWindowAskedFor() throws Exception {
        EvidenceDesk desk = attached.port(EvidenceDesk.class);
        Path out = dir.resolve("case-17");
        String id = desk.startEvents(List.of(event), out, new ExportRequest(People.SUPERVISOR, "Europe/Berlin", true));
        ExportJob done = follow(desk, id);

        assertThat(done.failure()).isEmpty();
        assertThat(done.result().eventIds()).containsExactly(event);
        assertThat(done.result().folder()).isEqualTo(out);
        assertThat(out.resolve("manifest.json")).isRegularFile();
        assertThat(done.result().zip()).isRegularFile();
        assertThat(new AuditLog(database.jdbi()).recent(5)).anySatisfy(row -> {
            assertThat(row.action()).isEqualTo(EvidenceExporter.AUDIT_ACTION);
            assertThat(row.actor()).isEqualTo(People.SUPERVISOR.userName());
        });
        assertThatThrownBy(() -> desk.job(id)).as("a finished job is read once")
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aGuardWithoutExportIsRefusedAndAFailureComesBackInWords() throws Exception {
        EvidenceDesk desk = attached.port(EvidenceDesk.class);
        assertThatThrownBy(() -> desk.startEvents(List.of(event), dir.resolve("x"),
                new ExportRequest(People.OPERATOR, "UTC", false))).isInstanceOf(AccessDeniedException.class);

        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "not evidence");
        ExportJob failed = follow(desk, desk.startEvents(List.of(event), used,
                new ExportRequest(People.SUPERVISOR, "UTC", false)));
        assertThat(failed.result()).isNull();
        assertThat(failed.failure()).contains("is not empty").doesNotContain("Exception");
        assertThat(Files.readString(used.resolve("notes.txt"))).isEqualTo("not evidence");
    }
}
