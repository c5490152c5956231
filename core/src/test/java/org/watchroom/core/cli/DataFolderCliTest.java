package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.FolderFingerprint;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.ReadOnly;

/**
 * The data folder as the command line finds it: missing (a typo), holding an empty or damaged database, read-only.
 * Nothing is ever created where a command only reads, nothing is ever replaced, each answer is one line.
 */
class DataFolderCliTest {
    private static final String PASSWORD = "open sesame 1\n";

    @TempDir
    Path temp;

    /** Commands that read, or change only what exists: they never create a database. */
    static Stream<List<String>> needAnExistingDatabase() {
        return Stream.of(List.of("audit", "verify"), List.of("events", "list"), List.of("cameras", "list"),
                List.of("cameras", "remove", "1"), List.of("users", "list"), List.of("users", "disable", "guard"),
                List.of("users", "passwd", "guard", "--password-stdin"), List.of("users", "token", "guard"),
                List.of("settings", "list"), List.of("settings", "get", "api.port"), List.of("token"),
                List.of("token", "--rotate"), List.of("export", "--event", "1", "--out", "PACKAGE"));
    }

    /** Every command that opens the database, the creating ones and the headless start included. */
    static Stream<List<String>> everyCommandThatOpensTheDatabase() {
        return Stream.concat(needAnExistingDatabase(), Stream.of(
                List.of("cameras", "add", "--name", "Gate", "--url", "rtsp://192.0.2.1/x"),
                List.of("users", "add", "--name", "chief", "--role", "admin", "--password-stdin"),
                List.of("settings", "set", "api.port", "8081"),
                List.of("--headless", "--demo", "--no-detect", "--no-api", "--duration", "1")));
    }

    private Cli.Result run(Path dataDir, List<String> command) {
        String[] args = Stream.concat(Stream.of("--data-dir", dataDir.toString()),
                command.stream().map(a -> a.equals("PACKAGE") ? temp.resolve("package").toString() : a))
                .toArray(String[]::new);
        return Cli.withInput(PASSWORD, args);
    }

    private static void assertOneLine(Cli.Result result, int exit, String says) {
        assertThat(result.exit()).as(result.err()).isEqualTo(exit);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).as("one line").hasSize(1);
        assertThat(result.err()).startsWith("watchroom: ").contains(says)
                .doesNotContainPattern("(?i)org\\.h2|SQL|Exception|\\tat ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("needAnExistingDatabase")
    void aMistypedDataFolderIsAnErrorAndIsNotCreated(List<String> command) throws IOException {
        Path typo = temp.resolve("typo");
        assertOneLine(run(typo, command), 1, "There is no data folder " + typo + " (check --data-dir); nothing was created.");
        assertThat(typo).doesNotExist();

        Files.createDirectories(typo);
        assertOneLine(run(typo, command), 1, "There is no Watchroom database in " + typo);
        assertThat(typo).isEmptyDirectory();
        assertThat(temp.resolve("package")).doesNotExist();
    }

    @Test
    void auditVerifyOnAMistypedFolderNoLongerSaysOk() {
        Cli.Result result = Cli.inDataDir(temp.resolve("typo"), "audit", "verify");
        assertThat(result.out()).doesNotContain("OK");
        assertThat(result.exit()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommandThatOpensTheDatabase")
    void anEmptyDatabaseFileIsRefusedAndNeverReplaced(List<String> command) throws IOException {
        Path data = Files.createDirectories(temp.resolve("data"));
        Path file = Files.createFile(data.resolve(Database.FILE_NAME));
        String folder = FolderFingerprint.of(data);

        assertOneLine(run(data, command), 1, "The database " + file + " is empty (0 bytes). It was left"
                + " as it is: restore it from a backup, or move it away to start a new database.");
        assertThat(file).isEmptyFile();
        assertThat(FolderFingerprint.of(data)).as("no logs, no trace, nothing new").isEqualTo(folder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommandThatOpensTheDatabase")
    void aCutOffDatabaseIsRefusedUnchanged(List<String> command) throws IOException {
        Path data = temp.resolve("data");
        try (Database db = Database.open(data)) {
            for (int i = 0; i < 30; i++) {
                new CameraStore(db).add(Camera.create("Camera " + i, "rtsp://192.0.2.1/" + i, null, null), People.ADMIN);
            }
        }
        Path file = data.resolve(Database.FILE_NAME);
        // both file headers kept, every chunk cut off (H2 itself falls back quietly when only the newest ones are gone)
        byte[] damaged = Arrays.copyOf(Files.readAllBytes(file), 2 * 4096);
        Files.write(file, damaged);

        assertOneLine(run(data, command), 1, "The database " + file + " is damaged");
        assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
    }

    @Test
    void aReadOnlyDataFolderGetsOneLineAndStillReads() throws Exception {
        Path data = temp.resolve("data");
        try (Database db = Database.open(data)) {
            new CameraStore(db).add(Camera.create("Gate", "rtsp://192.0.2.1/x", null, null), People.ADMIN);
        }
        try (ReadOnly _ = ReadOnly.make(data)) {
            assertOneLine(run(data, List.of("cameras", "add", "--name", "Yard", "--url", "rtsp://192.0.2.1/y")), 1,
                    "The data folder " + data + " is read-only; Watchroom needs to write its database, clips and logs"
                            + " there. Nothing was changed.");
            assertOneLine(run(data, List.of("--headless", "--demo", "--no-detect", "--duration", "1")), 1,
                    "The data folder " + data + " is read-only");
            Cli.Result list = run(data, List.of("cameras", "list"));
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out()).contains("Gate");
            assertThat(list.err()).isEmpty();
        }
        assertThat(data.resolve("logs")).doesNotExist();
        assertThat(data.resolve("watchroom.trace.db")).doesNotExist();
    }

    @Test
    void headlessOnAReadOnlyDatabaseFailsBeforePrintingAnApiToken() throws Exception {
        Path data = temp.resolve("data");
        Database.open(data).close();
        Path file = data.resolve(Database.FILE_NAME);
        try (ReadOnly _ = ReadOnly.make(file)) {
            Cli.Result headless = run(data, List.of("--headless", "--demo", "--no-detect", "--duration", "1",
                    "--api-port", "0"));
            assertOneLine(headless, 1, "The database " + file + " is read-only; Watchroom needs to write to it.");
            assertThat(headless.err()).doesNotContain("REST API").doesNotContain("token");

            Cli.Result token = run(data, List.of("token"));
            assertOneLine(token, 1, "The database in " + data + " is read-only; nothing was changed.");

            Cli.Result remove = run(data, List.of("cameras", "remove", "1"));
            assertOneLine(remove, 1, "read-only");
        }
        try (Database db = Database.openExisting(data)) {
            assertThat(new SettingsStore(db).get("api.token")).as("no token was made up").isEmpty();
        }
    }

    @Test
    void commandsAndAHeadlessRunLeaveNoDatabaseIsAlreadyClosedTraces() throws IOException {
        Path data = temp.resolve("data");
        for (List<String> command : List.of(List.of("cameras", "add", "--name", "Gate", "--url", "rtsp://192.0.2.1/x"),
                List.of("cameras", "list"), List.of("audit", "verify"), List.of("settings", "set", "api.port", "8081"),
                List.of("token"), List.of("--headless", "--demo", "--no-detect", "--no-api", "--duration", "1"))) {
            Cli.Result result = run(data, command);
            assertThat(result.exit()).as(command + ": " + result.err()).isZero();
        }
        Path trace = data.resolve("watchroom.trace.db");
        assertThat(Files.exists(trace) ? Files.readString(trace) : "").doesNotContain("already closed").isEmpty();
    }
}
