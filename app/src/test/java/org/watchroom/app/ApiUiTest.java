package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.api.ApiOverrides;
import org.watchroom.core.api.ApiServer;
import org.watchroom.core.api.ApiTokens;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.People;

/**
 * Reviews travel both ways between the REST API and the open workstation: one done over HTTP leaves the alert
 * list at once, one done with the keyboard reaches an SSE client. Real window on Monocle, real HTTP.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
class ApiUiTest {
    private Workstation workstation;
    private final List<Long> ids = new ArrayList<>(); // oldest first

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("watchroom-api-ui");
        try (Database db = Database.open(dataDir)) { // the API runs once an administrator exists
            new UserStore(db).add(People.ADMIN.userName(), "Chief", Role.ADMIN, "test password".toCharArray(), null);
        }
        workstation = Workstation.open(new LaunchOptions(dataDir, true, Optional.empty(), false, 1,
                new ApiOverrides("127.0.0.1", 0, false)));
        ids.addAll(UiTests.endedEvents(workstation.engine().events(), 3));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    @Test
    void aReviewOverHttpShowsInTheWindowAndAKeyboardReviewReachesTheFeed(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR);
        ApiServer api = workstation.api().orElseThrow();
        String token = new ApiTokens(new SettingsStore(workstation.engine().database())).current();
        HttpClient http = HttpClient.newHttpClient();
        List<String> feed = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(api.url() + "/api/v1/events/stream")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread.ofVirtual().start(() -> {
            try {
                stream.join().body().forEach(feed::add);
            } catch (RuntimeException cancelled) {
                // closed by the test
            }
        });
        waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().alerts().listView().getItems().size() == 3));
        Label status = fx(() -> robot.lookup("#status-api").queryAs(Label.class));
        assertThat(fx(status::getText)).isEqualTo("API 127.0.0.1:" + api.port());
        assertThat(fx(() -> status.getTooltip().getText())).contains(api.url())
                .as("the status bar is in front of every role: never the admin token").doesNotContain(token);

        HttpResponse<String> dismissed = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/api/v1/events/"
                        + ids.get(2) + "/dismiss")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\": \"cleaner\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(200);
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().alerts().listView().getItems().size() == 2
                && robot.lookup("#alerts-badge").queryLabeled().getText().equals("2 pending")));

        WaitForAsyncUtils.asyncFx(() -> workstation.window().alerts().focusList()).get(5, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().alerts().listView().isFocused()));
        long selected = fx(() -> workstation.window().alerts().listView().getSelectionModel().getSelectedItem().id());
        robot.type(KeyCode.C);
        waitFor(Duration.ofSeconds(10), () -> workstation.engine().events().find(selected).orElseThrow().status()
                == EventStatus.CONFIRMED);
        waitFor(Duration.ofSeconds(5), () -> feed.stream().anyMatch(l -> l.contains("\"event_id\":" + selected)
                && l.contains("\"status\":\"confirmed\"") && l.contains("\"actor\":\"olga\"")));
        assertThat(feed).anyMatch(l -> l.contains("\"event_id\":" + ids.get(2)) && l.contains("\"status\":\"dismissed\"")
                && l.contains("\"actor\":\"api\""));
        stream.cancel(true);
    }
}
