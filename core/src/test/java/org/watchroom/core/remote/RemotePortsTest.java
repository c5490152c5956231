package org.watchroom.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.SignIn;
import org.watchroom.core.auth.User;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.InvalidCameraUrlException;
import org.watchroom.core.control.ControlClient;
import org.watchroom.core.control.ControlConnection;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.detect.Box;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventQuery;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.SlowTest;

/**
 * Calls from another process's point of view: a real engine on a real database serves its ports over its real
 * control socket, and a {@link RemotePorts} in this JVM calls them through that socket.
 */
@SlowTest
class RemotePortsTest {
    private static final Operator ADMIN = new Operator("chief", "Chief", Role.ADMIN);
    private static final Operator GUARD = new Operator("night", "Night guard", Role.OPERATOR);

    @TempDir
    Path dir;
    private RemoteEngine engine;
    private RemotePorts ports;

    @BeforeEach
    void start() throws Exception {
        engine = new RemoteEngine(dir, RemoteService.FEED_CAPACITY);
        ports = RemotePorts.connect(engine.data);
    }

    @AfterEach
    void stop() {
        ports.close();
        engine.close();
    }

    @Test
    void camerasRoundTripAsTheRecordsTheDatabaseHolds() {
        TestPorts.Cameras cameras = ports.port(TestPorts.Cameras.class);
        assertThat(cameras.list()).isEmpty();

        Camera added = cameras.add(Camera.create("Gate", "rtsp://admin:hunter2@127.0.0.1:9/gate", null, "North"), ADMIN);
        Camera yard = cameras.add(Camera.create("Yard", "rtsp://127.0.0.1:9/yard", null, null), ADMIN);

        assertThat(added.id()).isPositive();
        assertThat(added.createdAt()).isNotNull();
        assertThat(cameras.list()).as("records, offsets included, equal to what the engine reads")
                .containsExactly(engine.engine.store().find(added.id()).orElseThrow(),
                        engine.engine.store().find(yard.id()).orElseThrow());
        assertThat(cameras.find(added.id())).contains(added);
        assertThat(cameras.find(999)).isEmpty();
        assertThat(cameras.count()).as("a default method, run here over list()").isEqualTo(2);
        assertThat(cameras.remove(yard.id(), ADMIN)).isTrue();
        assertThat(cameras.remove(yard.id(), ADMIN)).isFalse();
        assertThat(engine.engine.store().list()).containsExactly(added);
    }

    @Test
    void sealedResultsEnumsInstantsAndPasswordsRoundTrip() {
        TestPorts.Users users = ports.port(TestPorts.Users.class);
        assertThat(users.none()).isTrue();

        User chief = users.add("chief", "Chief", Role.ADMIN, "open sesame 1".toCharArray(), null);

        assertThat(chief.role()).isEqualTo(Role.ADMIN);
        assertThat(chief.createdAt()).isInstanceOf(Instant.class).isEqualTo(engine.users.find("chief").orElseThrow().createdAt());
        assertThat(users.find("chief")).contains(chief);
        assertThat(users.find("nobody")).isEmpty();
        SignIn ok = users.signIn("chief", "open sesame 1".toCharArray());
        assertThat(ok).isEqualTo(new SignIn.Success(new Operator("chief", "Chief", Role.ADMIN)));
        assertThat(users.signIn("chief", "wrong".toCharArray())).isInstanceOf(SignIn.Refused.class)
                .extracting(r -> ((SignIn.Refused) r).message()).isEqualTo("Wrong user name or password.");
        SignIn again = users.signIn("chief", "open sesame 1".toCharArray());
        assertThat(again).as("a Duration inside a sealed result").isInstanceOfAny(SignIn.Throttled.class,
                SignIn.Success.class);
        if (again instanceof SignIn.Throttled throttled) {
            assertThat(throttled.retryAfter()).isPositive();
        }
    }

    @Test
    void eventsWithOptionalsListsAndQueriesRoundTrip() {
        Instant at = Instant.parse("2026-12-07T06:00:00.123456Z");
        Event stored = engine.engine.events().create(new NewEvent(null, "Gate", "person", at, 0.875f,
                new Box(1, 2, 30, 40), null));
        TestPorts.Events events = ports.port(TestPorts.Events.class);

        assertThat(events.find(stored.id())).contains(engine.engine.events().find(stored.id()).orElseThrow());
        assertThat(events.find(stored.id()).orElseThrow().startedAt()).isEqualTo(stored.startedAt());
        assertThat(events.find(stored.id() + 1)).isEmpty();
        assertThat(events.details(stored.id())).contains(engine.engine.events().details(stored.id()).orElseThrow());
        assertThat(events.list(EventQuery.all().status(EventStatus.PENDING))).containsExactly(stored);
        assertThat(events.list(EventQuery.all().status(EventStatus.CONFIRMED))).isEmpty();
    }

    @Test
    void abstractWatchroomTypesTravelWithTheirType() {
        TestPorts.Probe probe = ports.port(TestPorts.Probe.class);
        List<WatchroomEvent> sent = List.of(
                new WatchroomEvent.CameraStateChanged(3, "Gate", new CameraState.Reconnecting(2,
                        Instant.parse("2026-12-07T06:00:01.5Z"), "connection refused")),
                new WatchroomEvent.CameraStateChanged(3, "Gate", new CameraState.Live()),
                new WatchroomEvent.EventEnded(7, 3, Instant.parse("2026-12-07T06:00:02Z"), Duration.ofMillis(1500), null),
                new WatchroomEvent.ClipClosed(4, 3, "/clips/a.mp4", Duration.ofSeconds(12), List.of(7L, 8L)),
                new WatchroomEvent.CamerasChanged());
        for (WatchroomEvent event : sent) {
            assertThat(probe.echo(event)).isEqualTo(event);
        }
    }

    @Test
    void aStoresRefusalArrivesAsItsOwnTypeWithItsMessage() {
        TestPorts.Cameras cameras = ports.port(TestPorts.Cameras.class);
        Camera tooLong = Camera.create("x".repeat(201), "rtsp://127.0.0.1:9/a", null, null);

        assertThatThrownBy(() -> cameras.add(tooLong, ADMIN)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("The camera's name is too long: at most 200 characters.");
        Camera refused = new Camera(0, "Odd", "gopher://127.0.0.1/x", null, null, null, "tcp", true, null, null, "{}", "{}",
                "{}", null, null);
        assertThatThrownBy(() -> cameras.add(refused, ADMIN)).isExactlyInstanceOf(InvalidCameraUrlException.class)
                .message().isNotBlank();
        assertThatThrownBy(() -> cameras.add(Camera.create("Gate", "rtsp://127.0.0.1:9/a", null, null), GUARD))
                .isExactlyInstanceOf(AccessDeniedException.class)
                .hasMessage("night (operator) may not change cameras.")
                .satisfies(e -> assertThat(((AccessDeniedException) e).permission()).isEqualTo(Permission.CONFIGURE_CAMERAS));
        assertThat(engine.engine.store().list()).isEmpty();
    }

    @Test
    void messagesAreRedactedAndUnknownTypesArriveAsRemoteCallException() {
        TestPorts.Probe probe = ports.port(TestPorts.Probe.class);

        assertThatThrownBy(() -> probe.fail("cannot open rtsp://admin:hunter2@10.0.0.9/live"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("cannot open rtsp://admin:***@10.0.0.9/live");
        ObjectNode frame = ControlConnection.frame("error").put("type", "com.example.Gadget").put("message", "boom");
        assertThat(RemoteErrors.rebuild(frame, TestPorts.Probe.class.getMethods()[0]))
                .isInstanceOf(RemoteCallException.class).hasMessage("boom")
                .satisfies(e -> assertThat(((RemoteCallException) e).remoteType()).isEqualTo("com.example.Gadget"));
        frame.put("type", "java.lang.OutOfMemoryError");
        assertThat(RemoteErrors.rebuild(frame, TestPorts.Probe.class.getMethods()[0]))
                .as("an Error in the engine is not thrown as one here").isInstanceOf(RemoteCallException.class);
    }

    @Test
    void onlyRegisteredPortsAndTheirOwnMethodsCanBeCalled() throws Exception {
        TestPorts.Unregistered unregistered = ports.port(TestPorts.Unregistered.class);
        assertThatThrownBy(unregistered::anything).isExactlyInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("no port " + TestPorts.Unregistered.class.getName());

        try (ControlConnection raw = ControlConnection.open(engine.data).orElseThrow()) {
            raw.send(ControlConnection.frame("attach").put("protocol", RemotePorts.PROTOCOL));
            assertThat(raw.receive().path("t").asText()).isEqualTo("attached");
            String cameras = TestPorts.Cameras.class.getName();
            for (String method : List.of("count()", "toString()", "wait()", "getClass()", "list(int)", "nonsense")) {
                raw.send(ControlConnection.frame("call").put("id", 1).put("port", cameras).put("method", method)
                        .set("args", RemoteEngineJson.array()));
                ObjectNode answer = raw.receive();
                assertThat(answer.path("t").asText()).as(method).isEqualTo("error");
                assertThat(answer.path("type").asText()).isEqualTo(UnsupportedOperationException.class.getName());
            }
            // a type id naming a class outside Watchroom is never instantiated
            raw.send(ControlConnection.frame("call").put("id", 2).put("port", TestPorts.Probe.class.getName())
                    .put("method", "echo(" + WatchroomEvent.class.getName() + ")")
                    .set("args", RemoteEngineJson.array("{\"@type\":\"java.lang.ProcessBuilder\",\"command\":[\"touch\",\""
                            + dir.resolve("pwned") + "\"]}")));
            ObjectNode answer = raw.receive();
            assertThat(answer.path("t").asText()).isEqualTo("error");
            assertThat(answer.path("type").asText()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(dir.resolve("pwned")).doesNotExist();
        }
        assertThat(ports.port(TestPorts.Cameras.class).list()).as("the connection lives on").isEmpty();
    }

    @Test
    void callsFromManyThreadsShareTheConnectionAndASlowOneHoldsUpNoOther() throws Exception {
        TestPorts.Cameras cameras = ports.port(TestPorts.Cameras.class);
        TestPorts.Probe probe = ports.port(TestPorts.Probe.class);
        List<Camera> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(cameras.add(Camera.create("Cam " + i, "rtsp://127.0.0.1:9/c" + i, null, null), ADMIN));
        }
        Future<Integer> slow = CompletableFuture.supplyAsync(() -> probe.await("slow"));
        assertThat(engine.probe.waiting.await(10, TimeUnit.SECONDS)).isTrue();

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        Camera expected = added.get((offset + i) % added.size());
                        if (!cameras.find(expected.id()).equals(Optional.of(expected))
                                || cameras.list().size() != added.size()) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(slow.isDone()).as("still waiting in the engine while 400 other calls were answered").isFalse();
        engine.probe.gate.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void aCallNotAnsweredInTimeNamesThePortAndMethod() {
        try (RemotePorts impatient = RemotePorts.connect(engine.data, Duration.ofMillis(300))) {
            TestPorts.Probe probe = impatient.port(TestPorts.Probe.class);
            assertThatThrownBy(() -> probe.await("impatient")).isExactlyInstanceOf(CallTimeoutException.class)
                    .hasMessage("The engine did not answer Probe.await within 300 ms.");
            engine.probe.gate.countDown(); // its late answer is dropped
            assertThatThrownBy(() -> probe.fail("still there")).as("the connection outlives a timeout")
                    .isExactlyInstanceOf(IllegalStateException.class).hasMessage("still there");
            assertThat(impatient.connected()).isTrue();
        }
    }

    @Test
    void whenTheEngineGoesAwayWaitingCallsFailAtOnceAndLaterOnesToo() throws Exception {
        TestPorts.Probe probe = ports.port(TestPorts.Probe.class);
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> probe.await("closing"));
        assertThat(engine.probe.waiting.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> engine.control.close());
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isExactlyInstanceOf(EngineGoneException.class).hasMessageContaining("went away");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 30 s timeout, nor the close's grace")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(closing).as("close waits for the call still running in the engine").isNotDone();
        engine.probe.gate.countDown();
        closing.get(10, TimeUnit.SECONDS);

        assertThat(ports.connected()).isFalse();
        assertThatThrownBy(() -> ports.port(TestPorts.Cameras.class).list())
                .isExactlyInstanceOf(EngineGoneException.class);
        assertThatThrownBy(() -> RemotePorts.connect(engine.data)).isExactlyInstanceOf(EngineGoneException.class)
                .hasMessageContaining("No engine is running");
        engine.control = ControlServer.start(engine.data, "test", (request, io) -> 0); // for @AfterEach
    }

    @Test
    void commandsAndCallsShareTheOwnerOnlySocket() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(engine.control.socket())))
                .isEqualTo("rw-------");
        assertThat(ports.engine().socket()).isEqualTo(engine.control.socket());
        assertThat(ports.engine().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(engine.service.sessions()).isEqualTo(1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ControlClient.connect(engine.data).orElseThrow().run(List.of("cameras", "list"), dir,
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), prompt -> null);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ran cameras list\n");
        assertThat(ports.port(TestPorts.Cameras.class).list()).isEmpty();
    }

    @Test
    void anEngineServingCommandsOnlyRefusesToBeAttached() throws Exception {
        ports.close();
        engine.control.close();
        engine.control = ControlServer.start(engine.data, "test", (request, io) -> 0);

        assertThatThrownBy(() -> RemotePorts.connect(engine.data)).isExactlyInstanceOf(EngineGoneException.class)
                .hasMessageContaining("refused the connection: this engine takes command lines only");
    }
}
