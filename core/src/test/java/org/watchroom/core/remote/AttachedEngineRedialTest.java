package org.watchroom.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.cli.HostedCommands;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.engine.DemoWall;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventCatalog;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.Waits;

/**
 * An attached client outlives a restart of its engine: while the engine is away its calls fail at once with
 * {@link EngineGoneException}; when an engine answers again for the data folder, the same ports and bus work again
 * (the client dialled it by itself) and the client hears {@link FeedSignal.Connected}.
 */
class AttachedEngineRedialTest {
    @TempDir
    Path data;

    private record Running(Database database, Engine engine, ControlServer control) implements AutoCloseable {
        static Running start(Path data) throws Exception {
            Database database = Database.open(data);
            Engine engine = new Engine(database, new EventBus(), SourceOptions.defaults(), Optional.empty());
            engine.start(DemoWall.NEVER);
            return new Running(database, engine, HostedCommands.serve(engine, "engine", Optional.empty()));
        }

        @Override
        public void close() {
            control.close();
            engine.close();
            database.close();
        }
    }

    @Test
    void theSamePortsWorkAgainWhenTheEngineIsBack() throws Exception {
        List<FeedSignal> signals = new CopyOnWriteArrayList<>();
        List<WatchroomEvent> heard = new CopyOnWriteArrayList<>();
        Running first = Running.start(data);
        try (AttachedEngine attached = AttachedEngine.attach(data, signals::add)) {
            attached.ports().bus().subscribe(WatchroomEvent.CamerasChanged.class, heard::add);
            EventCatalog events = attached.ports().events();
            long before = first.engine().events().create(new NewEvent(null, "Gate", "person",
                    Instant.now().minusSeconds(5), 0.7f, null, null)).id();
            assertThat(events.find(before)).isPresent();

            first.close(); // as a crash looks from here: the engine's side of both connections closes
            Waits.until(Duration.ofSeconds(5), () -> !attached.connected());
            assertThat(signals).anyMatch(s -> s instanceof FeedSignal.Lost lost && !lost.closedHere());
            assertThatThrownBy(() -> events.find(before)).isInstanceOf(EngineGoneException.class);

            long restartedAt = System.nanoTime();
            try (Running second = Running.start(data)) {
                Waits.until(Duration.ofSeconds(10), attached::connected);
                assertThat(Duration.ofNanos(System.nanoTime() - restartedAt)).as("back within a few redials")
                        .isLessThan(Duration.ofSeconds(5));
                assertThat(signals.getLast()).isInstanceOf(FeedSignal.Connected.class);
                assertThat(events.find(before)).as("the same port object, a new connection").isPresent();
                heard.clear();
                second.engine().reload(); // the restarted engine's events reach the same bus
                Waits.until(Duration.ofSeconds(5), () -> !heard.isEmpty());
            }
        }
    }
}
