package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.RtspTest;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.Waits;

/**
 * {@code watchroom engine} in a process of its own, as the service runs it, with an installer's commands typed beside
 * it: a camera added from the command line goes live in the running engine, {@code engine stop --yes} ends it cleanly
 * and is audited, and after a kill -9 the commands find no engine and open the folder themselves.
 */
@RtspTest
@SlowTest
class EngineProcessTest {
    @TempDir
    Path dir;

    private Process engine(Path data) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), WatchroomCli.class.getName(),
                "engine", "--no-demo", "--no-api", "--no-detect", "--data-dir", data.toString()));
        return new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    private String read(String name) {
        try {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean engineAnswers(Path data) {
        return Cli.inDataDir(data, "engine", "status").exit() == 0;
    }

    @Test
    void aCameraAddedBesideTheServiceGoesLiveAndAStopIsCleanAndAudited() throws Exception {
        Path data = dir.resolve("data");
        try (RtspTestServer camera = RtspTestServer.builder().credentials("admin", "hunter2").start()) {
            Process engine = engine(data);
            try {
                Waits.until(Duration.ofSeconds(60), () -> engineAnswers(data) || !engine.isAlive());
                assertThat(engine.isAlive()).as(read("stderr.txt")).isTrue();
                Cli.Result status = Cli.inDataDir(data, "engine", "status");
                assertThat(status.out()).contains("pid " + engine.pid() + " (engine)").contains("0 cameras");

                Cli.Result added = Cli.inDataDir(data, "cameras", "add", "--name", "Gate",
                        "--url", camera.url("test", "admin", "hunter2"), "--record", "off");
                assertThat(added.exit()).as(added.err()).isZero();
                assertThat(added.err()).contains("no administrator exists yet");
                Thread.sleep(2_000); // the engine has reloaded its cameras after the add by now
                Cli.Result waiting = Cli.inDataDir(data, "engine", "status");
                assertThat(waiting.out()).contains("0 cameras").doesNotContain("Gate")
                        .contains("The configured cameras start once the first administrator exists");

                Cli.Result admin = Cli.withInput("chief password\n", "--data-dir", data.toString(), "users", "add",
                        "--name", "chief", "--role", "admin", "--password-stdin"); // beside the engine, through it
                assertThat(admin.exit()).as(admin.err()).isZero();
                Waits.until(Duration.ofSeconds(30), () -> Cli.inDataDir(data, "engine", "status").out()
                        .contains("Gate  LIVE"));
                assertThat(Cli.inDataDir(data, "engine", "status").out()).doesNotContain("first administrator");
                assertThat(Cli.inDataDir(data, "engine", "status").out()).doesNotContain("hunter2");

                Cli.Result stop = Cli.inDataDir(data, "engine", "stop", "--yes");
                assertThat(stop.exit()).as(stop.err()).isZero();
                assertThat(engine.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(engine.exitValue()).as(read("stderr.txt")).isZero();
            } finally {
                engine.destroyForcibly();
            }
            JsonNode summary = new ObjectMapper().readTree(read("stdout.txt"));
            assertThat(summary.get("cameras").get(0).get("frames_decoded").asLong()).isPositive();
            assertThat(read("stderr.txt")).doesNotContain("hunter2");
        }
        assertThat(data.resolve("run/engine.json")).doesNotExist();
        try (Database db = Database.openExisting(data)) {
            String me = "cli:" + System.getProperty("user.name");
            AuditLog audit = new AuditLog(db.jdbi());
            assertThat(audit.about("engine")).singleElement().satisfies(row -> {
                assertThat(row.action()).isEqualTo("engine.stop");
                assertThat(row.actor()).isEqualTo(me);
            });
            assertThat(audit.recent(20)).filteredOn(row -> row.action().equals("camera.add"))
                    .extracting(AuditEntry::actor).containsExactly(me);
        }
    }

    @Test
    void afterAKillTheCommandsOpenTheFolderThemselves() throws Exception {
        Path data = dir.resolve("data");
        Process engine = engine(data);
        try {
            Waits.until(Duration.ofSeconds(60), () -> engineAnswers(data) || !engine.isAlive());
            assertThat(engine.isAlive()).as(read("stderr.txt")).isTrue();
            assertThat(Cli.inDataDir(data, "cameras", "add", "--name", "Yard", "--url", "rtsp://127.0.0.1:9/yard",
                    "--record", "off").exit()).isZero();
            engine.destroyForcibly(); // kill -9: the descriptor and the socket stay behind
            assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            engine.destroyForcibly();
        }
        assertThat(data.resolve("run/engine.json")).exists();

        assertThat(Cli.inDataDir(data, "engine", "status").exit()).isEqualTo(EngineCommand.NOT_RUNNING);
        Cli.Result list = Cli.inDataDir(data, "cameras", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("Yard");
    }
}
