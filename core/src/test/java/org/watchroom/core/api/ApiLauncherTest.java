package org.watchroom.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.FirstAdministrator;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.auth.Role;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Database;

/** The REST API of a fresh installation waits for its first administrator, then starts by itself. Real H2, real HTTP. */
class ApiLauncherTest {
    @TempDir
    Path dataDir;

    @Test
    void aFreshInstallationServesNothingUntilItsFirstAdministratorExists() throws Exception {
        List<String> said = new CopyOnWriteArrayList<>();
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty());
             ApiLauncher launcher = ApiLauncher.launch(engine, new ApiOverrides("127.0.0.1", 0, false),
                     s -> said.add("started " + s.url()), said::add)) {
            assertThat(launcher.server()).isEmpty();
            assertThat(said).containsExactly(ApiLauncher.WAITING);
            Thread.sleep(FirstAdministrator.CHECK_EVERY.toMillis() + 500);
            assertThat(launcher.server()).as("still nobody to sign in").isEmpty();

            new UserStore(db).add("chief", "Chief", Role.ADMIN, "chief password".toCharArray(), null);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (launcher.server().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            ApiServer server = launcher.server().orElseThrow();
            assertThat(said).last().asString().startsWith("started http://127.0.0.1:");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }
}
