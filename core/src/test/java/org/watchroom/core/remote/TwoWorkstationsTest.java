package org.watchroom.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.SignIn;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.cli.HostedCommands;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.engine.DemoWall;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.Waits;

/**
 * Two workstations attached to one engine through its control socket, as {@link HostedCommands} serves it: each signs
 * its person in against the engine's accounts, a camera one of them adds starts in the engine, and a review made at
 * one shows at the other at once (its feed hears it; its next read sees it).
 */
class TwoWorkstationsTest {
    @TempDir
    Path data;
    private Database database;
    private Engine engine;
    private ControlServer control;
    private AttachedEngine first;
    private AttachedEngine second;
    private final List<WatchroomEvent> heardBySecond = new CopyOnWriteArrayList<>();

    @BeforeEach
    void attachTwo() throws Exception {
        database = Database.open(data);
        UserStore users = new UserStore(database);
        users.add("chief", "Chief", Role.ADMIN, "chief password".toCharArray(), null);
        users.add("olga", "Olga", Role.OPERATOR, "olga password".toCharArray(),
                users.find("chief").orElseThrow().operator());
        engine = new Engine(database, new EventBus(), SourceOptions.defaults(), Optional.empty());
        engine.start(DemoWall.NEVER);
        control = HostedCommands.serve(engine, "engine", Optional.empty());
        first = AttachedEngine.attach(data, signal -> { });
        second = AttachedEngine.attach(data, signal -> { });
        second.ports().bus().subscribe(WatchroomEvent.class, heardBySecond::add);
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
        control.close();
        engine.close();
        database.close();
    }

    @Test
    void aReviewAtOneShowsAtTheOtherAtOnce() throws Exception {
        long id = engine.events().create(new NewEvent(null, "Gate", "person", Instant.now().minusSeconds(30), 0.8f,
                null, null)).id();
        SignIn chief = first.accounts().signIn("chief", "chief password".toCharArray());
        SignIn olga = second.accounts().signIn("olga", "olga password".toCharArray());
        assertThat(chief).isInstanceOf(SignIn.Success.class);
        assertThat(olga).isInstanceOf(SignIn.Success.class);

        first.ports().reviews().confirm(id, ((SignIn.Success) chief).operator(), "seen at the gate");

        Waits.until(Duration.ofSeconds(5), () -> heardBySecond.stream()
                .anyMatch(e -> e instanceof WatchroomEvent.EventReviewed r && r.eventId() == id));
        assertThat(second.ports().events().find(id).orElseThrow().status()).isEqualTo(EventStatus.CONFIRMED);
        assertThat(engine.events().find(id).orElseThrow().status()).isEqualTo(EventStatus.CONFIRMED);
    }

    @Test
    void aCameraAddedAtOneStartsInTheEngineAndTheOtherSeesIt() throws Exception {
        SignIn chief = first.accounts().signIn("chief", "chief password".toCharArray());
        Camera added = first.ports().cameras().add(Camera.create("Yard", "rtsp://127.0.0.1:9/yard", null, null),
                ((SignIn.Success) chief).operator());
        first.ports().control().reload();

        assertThat(engine.cameras()).extracting(c -> c.camera().id()).containsExactly(added.id());
        Waits.until(Duration.ofSeconds(5), () -> heardBySecond.stream()
                .anyMatch(e -> e instanceof WatchroomEvent.CamerasChanged));
        assertThat(second.ports().cameras().list()).extracting(Camera::name).containsExactly("Yard");
    }

    @Test
    void theEngineKeepsItsRolesForEachPerson() {
        SignIn olga = second.accounts().signIn("olga", "olga password".toCharArray());
        assertThatThrownBy(() -> second.ports().cameras().add(Camera.create("Yard", "rtsp://127.0.0.1:9/yard", null,
                null), ((SignIn.Success) olga).operator()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(first.accounts().signIn("olga", "wrong".toCharArray())).isNotInstanceOf(SignIn.Success.class);
        assertThat(engine.store().list()).isEmpty();
    }
}
