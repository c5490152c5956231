package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.control.ControlClient;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.engine.DemoWall;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.Cli;

/**
 * {@code watchroom} commands typed while an engine runs for the data folder: before, each failed with "already open
 * in another Watchroom process"; now they run inside the engine, over its control socket, with the same
 * permissions and audit rows, and a camera added starts without a restart.
 */
class CliBesideEngineTest {
    @TempDir
    Path dir;
    private Path data;
    private Database database;
    private Engine engine;
    private ControlServer control;
    private final AtomicInteger stops = new AtomicInteger();

    @BeforeEach
    void startEngine() throws Exception {
        data = dir.resolve("data");
        database = Database.open(data);
        engine = new Engine(database, new EventBus(), SourceOptions.defaults(), Optional.empty());
        engine.start(DemoWall.NEVER);
        control = HostedCommands.serve(engine, "headless", Optional.of(stops::incrementAndGet));
    }

    @AfterEach
    void stopEngine() {
        control.close();
        engine.close();
        database.close();
    }

    @Test
    void aCameraAddedBesideTheEngineStartsInItAndIsAuditedAsTheOsUser() {
        assertThat(engine.cameras()).isEmpty();

        Cli.Result added = Cli.inDataDir(data, "cameras", "add", "--name", "Gate",
                "--url", "rtsp://admin:hunter2@127.0.0.1:9/gate", "--record", "off");

        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("Added camera 1: Gate rtsp://admin:***@127.0.0.1:9/gate")
                .doesNotContain("hunter2");
        assertThat(engine.cameras()).as("started by the running engine, no restart")
                .extracting(c -> c.camera().name()).containsExactly("Gate");
        Cli.Result list = Cli.inDataDir(data, "cameras", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("Gate").doesNotContain("hunter2");
        List<AuditEntry> rows = new AuditLog(database.jdbi()).recent(10);
        assertThat(rows).filteredOn(r -> r.action().startsWith("camera.")).singleElement()
                .satisfies(r -> assertThat(r.actor()).isEqualTo("cli:" + System.getProperty("user.name")));

        assertThat(Cli.inDataDir(data, "cameras", "remove", "1").exit()).isZero();
        assertThat(engine.cameras()).as("stopped by the running engine").isEmpty();
    }

    @Test
    void stdinIsTheTypistsAndTokensAndEventsWork() {
        Cli.Result admin = Cli.withInput("open sesame 1\n", "--data-dir", data.toString(), "users", "add", "--name",
                "chief", "--role", "admin", "--password-stdin");
        assertThat(admin.exit()).as(admin.err()).isZero();
        assertThat(admin.out()).contains("Added admin chief");

        Cli.Result token = Cli.inDataDir(data, "token");
        assertThat(token.exit()).as(token.err()).isZero();
        assertThat(token.out().strip()).isNotBlank();
        Cli.Result events = Cli.inDataDir(data, "events", "list");
        assertThat(events.exit()).as(events.err()).isZero();

    }

    @Test
    void relativePathsMeanTheFolderTheCommandWasTypedIn() {
        Path typedIn = dir.resolve("home");
        assertThat(new PathArgument(typedIn).convert("evidence/case-7")).isEqualTo(typedIn.resolve("evidence/case-7"));
        assertThat(new PathArgument(typedIn).convert("/srv/case-7")).isEqualTo(Path.of("/srv/case-7"));
        assertThat(new PathArgument().convert("case-7")).isEqualTo(Path.of("case-7"));
    }

    @Test
    void withoutATerminalAPasswordIsRefusedWithTheUsualLine() {
        Cli.Result noTerminal = Cli.inDataDir(data, "users", "add", "--name", "chief", "--role", "admin");
        assertThat(noTerminal.exit()).isEqualTo(2);
        assertThat(noTerminal.err()).contains("no terminal to ask for the password");
    }

    @Test
    void engineStatusNamesTheProcessAndItsCameras() {
        Cli.Result status = Cli.inDataDir(data, "engine", "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("Engine running for " + data.toAbsolutePath())
                .contains("pid " + ProcessHandle.current().pid() + " (headless)").contains("0 cameras");
    }

    @Test
    void stoppingTheEngineNeedsYesAndIsAudited() {
        Cli.Result unconfirmed = Cli.inDataDir(data, "engine", "stop");
        assertThat(unconfirmed.exit()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("stops recording on 0 cameras; add --yes");
        assertThat(stops).hasValue(0);

        Cli.Result stopped = Cli.inDataDir(data, "engine", "stop", "--yes");

        assertThat(stopped.exit()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains("Stopping the engine (pid " + ProcessHandle.current().pid() + ")");
        assertThat(stops).hasValue(1);
        assertThat(new AuditLog(database.jdbi()).about("engine")).extracting(AuditEntry::action)
                .containsExactly("engine.stop");
    }

    @Test
    void anEngineInsideAWindowIsNotStoppedFromTheCommandLine() throws Exception {
        control.close();
        control = HostedCommands.serve(engine, "workstation", Optional.empty());
        Cli.Result refused = Cli.inDataDir(data, "engine", "stop", "--yes");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("runs inside the workstation window").contains("Nothing was stopped");
        assertThat(new AuditLog(database.jdbi()).about("engine")).isEmpty();
    }

    @Test
    void aSecondEngineOnTheFolderIsRefusedNamingTheFirst() {
        Cli.Result second = Cli.inDataDir(data, "--headless", "--no-demo", "--no-api", "--no-detect", "--duration", "1");
        assertThat(second.exit()).as(second.out() + second.err()).isNotZero();
        assertThat(second.err()).contains("An engine already runs for").contains("pid " + ProcessHandle.current().pid());
    }

    @Test
    void theSocketAndDescriptorAreTheOwnersOnly() throws Exception {
        Path run = data.resolve("run");
        // the data folder as Database.open made it (0755 under the usual umask): not a group-shared folder
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(control.socket()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve("engine.json"))))
                .isEqualTo("rw-------");
        Map<?, ?> descriptor = new ObjectMapper().readValue(run.resolve("engine.json").toFile(), Map.class);
        assertThat(descriptor.get("pid")).isEqualTo((int) ProcessHandle.current().pid());

        control.close();
        assertThat(run.resolve("engine.json")).doesNotExist();
        assertThat(control.socket()).doesNotExist();
        control = HostedCommands.serve(engine, "headless", Optional.empty()); // for @AfterEach
    }

    @Test
    void onlyDatabaseCommandsRunInTheEngine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ControlClient.connect(data).orElseThrow().run(List.of("--headless"), dir,
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), prompt -> null);
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the engine runs only these commands");
        assertThat(engine.cameras()).isEmpty();
    }

    @Test
    void aDescriptorLeftByADeadEngineIsIgnored() throws Exception {
        control.close();
        engine.close();
        database.close();
        // what kill -9 leaves: the descriptor and a socket nobody listens on
        Files.writeString(data.resolve("run/engine.json"), "{\"pid\":999999,\"started\":\"2026-01-01T00:00:00Z\","
                + "\"version\":\"x\",\"socket\":\"" + data.resolve("run/control.sock") + "\",\"host\":\"headless\"}");
        Files.writeString(data.resolve("run/control.sock"), "");
        Cli.Result list = Cli.inDataDir(data, "cameras", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(Cli.inDataDir(data, "engine", "status").exit()).isEqualTo(EngineCommand.NOT_RUNNING);
        // for @AfterEach
        database = Database.open(data);
        engine = new Engine(database, new EventBus(), SourceOptions.defaults(), Optional.empty());
        control = HostedCommands.serve(engine, "headless", Optional.empty());
    }
}
