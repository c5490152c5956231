package org.watchroom.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SettingsStore;

/** CORS is off unless origins are configured, and then only those origins are allowed; a real server over HTTP. */
class ApiCorsTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> health(String base, String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/health"))
                .header("Origin", origin).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onlyConfiguredOriginsGetCorsHeaders() throws Exception {
        try (Database db = Database.open(dir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            ApiTokens tokens = new ApiTokens(new SettingsStore(db));
            ApiServer off = ApiServer.start(engine, new ApiSettings(true, "127.0.0.1", 0, List.of()), tokens);
            try {
                HttpResponse<String> r = health(off.url(), "http://vms.local");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as("off by default").isEmpty();
            } finally {
                off.close();
            }
            ApiServer on = ApiServer.start(engine, new ApiSettings(true, "127.0.0.1", 0, List.of("http://vms.local")), tokens);
            try {
                assertThat(health(on.url(), "http://vms.local").headers().firstValue("Access-Control-Allow-Origin"))
                        .hasValue("http://vms.local");
                assertThat(health(on.url(), "http://elsewhere.example").headers().firstValue("Access-Control-Allow-Origin"))
                        .as("an origin not configured").isEmpty();
            } finally {
                on.close();
            }
        }
    }
}
