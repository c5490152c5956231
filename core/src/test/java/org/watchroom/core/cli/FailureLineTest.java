package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.StoreException;

/** Real H2 failures and refused input, as the one line the command line prints. */
class FailureLineTest {
    private static final String SECRET = "s3cret" + "p".repeat(600);

    @TempDir
    Path dir;

    @Test
    void anH2ErrorLosesItsSqlAndItsValuesAndExitsOne() {
        try (Database db = Database.open(dir)) {
            RuntimeException tooLong = catchRuntimeException(() -> db.jdbi().useHandle(h -> h.createUpdate(
                    "INSERT INTO cameras (name, url, password, created_at, updated_at) VALUES ('x', 'rtsp://h', :p,"
                            + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").bind("p", SECRET).execute()));
            assertThat(tooLong.getMessage()).as("what H2 says").contains("SQL statement").contains(SECRET);

            FailureLine line = FailureLine.of(tooLong, dir);
            assertThat(line).isEqualTo(new FailureLine(1,
                    "A value is too long for the database (password holds at most 500 characters); nothing was changed."));
            // the way CameraStore wraps it: its message quotes H2's
            assertThat(FailureLine.of(new StoreException("Cannot save camera 'x': " + tooLong.getMessage(), tooLong), dir))
                    .isEqualTo(line);

            db.jdbi().useHandle(h -> h.execute("INSERT INTO settings VALUES ('k', 'v', CURRENT_TIMESTAMP)"));
            RuntimeException duplicate = catchRuntimeException(() -> db.jdbi().useHandle(h ->
                    h.execute("INSERT INTO settings VALUES ('k', 'v', CURRENT_TIMESTAMP)")));
            assertThat(FailureLine.of(duplicate, dir))
                    .isEqualTo(new FailureLine(1, "That already exists in the database; nothing was changed."));
        }
    }

    @Test
    void aPlainMessageStaysButLongValuesControlCharactersAndPasswordsGo() {
        FailureLine line = FailureLine.of(new IllegalArgumentException("Unknown model '" + "a".repeat(10_000)
                + "'.\nKnown: x\u001b[31m, rtsp://ops:" + "pw" + "@10.0.0.1/h"), null);
        assertThat(line.exitCode()).isEqualTo(2);
        assertThat(line.text()).startsWith("Unknown model '" + "a".repeat(Inputs.QUOTED - 1))
                .contains("…(10003 characters) Known: x[31m, rtsp://ops:***@10.0.0.1/h")
                .doesNotContain("a".repeat(Inputs.QUOTED + 1)).doesNotContain("\n").doesNotContain("\u001b");
        assertThat(FailureLine.of(new StoreException("The database in /x is gone."), null))
                .isEqualTo(new FailureLine(1, "The database in /x is gone."));
        assertThat(FailureLine.of(new IllegalArgumentException("word ".repeat(500)), null).text())
                .hasSize(FailureLine.MAX_LENGTH + 1).endsWith("…");
    }
}
