package org.watchroom.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Role;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.Cli;

/** {@code watchroom token [--rotate]} and the headless run's {@code --api-port}/{@code --no-api}. */
class ApiCliTest {
    @TempDir
    Path dir;

    @Test
    void tokenPrintsTheSameTokenUntilRotated() {
        Database.open(dir).close(); // an installation: `token` never creates one (DataFolderCliTest)
        Cli.Result first = Cli.inDataDir(dir, "token");
        assertThat(first.exit()).as(first.err()).isZero();
        String token = first.out().strip();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(Cli.inDataDir(dir, "token").out().strip()).isEqualTo(token);
        Cli.Result rotated = Cli.inDataDir(dir, "token", "--rotate");
        assertThat(rotated.out().strip()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(token);
        assertThat(Cli.inDataDir(dir, "token").out().strip()).isEqualTo(rotated.out().strip());
        try (Database db = Database.open(dir)) {
            ApiTokens tokens = new ApiTokens(new SettingsStore(db));
            assertThat(tokens.authenticate(rotated.out().strip())).hasValue(ApiTokens.INSTALLATION);
            assertThat(tokens.authenticate(token)).isEmpty();
            assertThat(new AuditLog(db.jdbi()).recent(10))
                    .extracting(e -> e.action()).containsExactly("api.token.rotate");
        }
    }

    @Test
    void beforeTheFirstAdministratorExistsTheApiStaysOff() {
        Cli.Result fresh = Cli.inDataDir(dir, "--headless", "--demo", "--no-detect", "--duration", "3", "--api-port",
                "0", "--api-bind", "127.0.0.1");
        assertThat(fresh.exit()).as(fresh.err()).isZero();
        assertThat(fresh.err()).doesNotContain("REST API listening")
                .contains("REST API not started: it starts once the first administrator exists")
                .contains("watchroom users add --name NAME --role admin");
    }

    @Test
    void headlessPrintsThePickedPortAndNoApiTurnsItOff() {
        try (Database db = Database.open(dir)) {
            new UserStore(db).add("chief", "Chief", Role.ADMIN, "chief password".toCharArray(), null);
        }
        Cli.Result on = Cli.inDataDir(dir, "--headless", "--demo", "--no-detect", "--duration", "2", "--api-port", "0",
                "--api-bind", "127.0.0.1");
        assertThat(on.exit()).as(on.err()).isZero();
        assertThat(on.err()).containsPattern("REST API listening on http://127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(on.out()).as("stdout stays one JSON summary").startsWith("{").doesNotContain("REST API");
        Cli.Result off = Cli.inDataDir(dir, "--headless", "--demo", "--no-detect", "--duration", "1", "--no-api");
        assertThat(off.exit()).isZero();
        assertThat(off.err()).doesNotContain("REST API listening");
        assertThat(Cli.inDataDir(dir, "--headless", "--api-port", "70000").err()).contains("--api-port");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result clash = Cli.inDataDir(dir, "--headless", "--demo", "--no-detect", "--duration", "1",
                    "--api-port", Integer.toString(taken.getLocalPort()));
            assertThat(clash.exit()).as("the cameras run without the API").isZero();
            assertThat(clash.err()).contains("REST API not started: Cannot start the API on 127.0.0.1:"
                    + taken.getLocalPort()).contains("--api-port");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void storedSettingsAreReadBackAndCommandLineOverridesWin() {
        try (Database db = Database.open(dir)) {
            SettingsStore store = new SettingsStore(db);
            assertThat(ApiSettings.load(store)).isEqualTo(ApiSettings.defaults());
            new ApiSettings(false, "0.0.0.0", 9000, List.of("http://a.example", "http://b.example")).save(store);
            ApiSettings loaded = ApiSettings.load(store);
            assertThat(loaded.enabled()).isFalse();
            assertThat(loaded.corsOrigins()).containsExactly("http://a.example", "http://b.example");
            assertThat(new ApiOverrides("127.0.0.1", 0, false).apply(loaded))
                    .isEqualTo(new ApiSettings(false, "127.0.0.1", 0, loaded.corsOrigins()));
            store.put("api.port", "eighty");
            Assertions.assertThatThrownBy(() -> ApiSettings.load(store))
                    .hasMessageContaining("api.port must be a number");
        }
    }
}
