package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.Waits;

/**
 * SIGTERM, as {@code systemctl stop} and {@code kill} send it ({@link Process#destroy()} does too), to a real
 * Watchroom process: the JVM's default answer is exit 143 with the command's own thread cut off mid-close.
 */
class SignalCliTest {
    @TempDir
    Path dir;

    /** Watchroom in a JVM of its own; stdout and stderr go to files, the classes it loads to {@code classes.txt}. */
    private Process start(String... args) throws IOException {
        return watchroom(args).start();
    }

    private ProcessBuilder watchroom(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-Xlog:class+load=info:file=" + dir.resolve("classes.txt"),
                "-cp", System.getProperty("java.class.path"), WatchroomCli.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void headlessStopsCleanlyOnSigtermAndExitsZero() throws Exception {
        Path data = dir.resolve("data");
        Path stderr = dir.resolve("stderr.txt");
        Process watchroom = start("--data-dir", data.toString(), "--headless", "--demo", "--no-detect", "--no-api");
        try {
            Waits.until(Duration.ofSeconds(60), () -> read(stderr).contains("): LIVE") || !watchroom.isAlive());
            assertThat(watchroom.isAlive()).as(read(stderr)).isTrue();

            watchroom.destroy(); // SIGTERM
            assertThat(watchroom.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(watchroom.exitValue()).as(read(stderr)).isZero();
            JsonNode summary = new ObjectMapper().readTree(read(dir.resolve("stdout.txt")));
            assertThat(summary.get("cameras")).as("the summary of a run stopped by the signal").isNotEmpty();
            assertThat(read(data.resolve("watchroom.trace.db"))).isEmpty();
            // closed cleanly: H2 marks its header clean:1 only when the database was closed, not when cut off
            assertThat(new String(Files.readAllBytes(data.resolve(Database.FILE_NAME)), 0, 200,
                    StandardCharsets.ISO_8859_1)).contains(",clean:1,");
        } finally {
            watchroom.destroyForcibly();
        }
    }

    @Test
    void aCommandStuckOnInputEndsWithOneLineAfterItsGrace() throws Exception {
        Path data = dir.resolve("data");
        Path stderr = dir.resolve("stderr.txt");
        // stdin is a pipe from a silent `sleep`: the command waits for a password that never comes (a pipe from this
        // JVM would not do: Process.destroy() closes it, and the command would see the end of its input)
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(new ProcessBuilder("sleep", "120"),
                watchroom("--data-dir", data.toString(), "users", "add", "--name", "chief", "--role", "admin",
                        "--password-stdin")));
        Process watchroom = pipeline.get(1);
        try {
            // Inputs is first used inside the command, after the guard is in place: from then on it waits for stdin
            Waits.until(Duration.ofSeconds(60), () -> read(dir.resolve("classes.txt"))
                    .contains("org.watchroom.core.cli.Inputs ") || !watchroom.isAlive());
            Thread.sleep(300);
            assertThat(watchroom.isAlive()).as(read(stderr)).isTrue();
            long signalled = System.nanoTime();
            watchroom.destroy();
            assertThat(watchroom.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(20));
            assertThat(watchroom.exitValue()).isEqualTo(1);
            assertThat(read(stderr).lines()).containsExactly(
                    "watchroom: stopped before the command finished (it did not end within 3 s of the signal)");
            assertThat(data).as("nothing was created").doesNotExist();
        } finally {
            pipeline.forEach(Process::destroyForcibly);
        }
    }
}
