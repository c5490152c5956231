package org.watchroom.core.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.engine.DemoWall;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Database;

/**
 * A real engine on a real H2 database in a test folder, serving its ports and event feed over a real control
 * socket, as the service will; commands on the same socket just print their arguments.
 */
final class RemoteEngine implements AutoCloseable {
    final Path data;
    final Database database;
    final Engine engine;
    final UserStore users;
    final TestPorts.GatedProbe probe = new TestPorts.GatedProbe();
    final RemoteService service;
    ControlServer control;

    RemoteEngine(Path dir, int feedCapacity) throws IOException {
        data = dir.resolve("data");
        database = Database.open(data);
        engine = new Engine(database, new EventBus(), SourceOptions.defaults(), Optional.empty());
        engine.start(DemoWall.NEVER);
        users = new UserStore(database);
        PortRegistry registry = new PortRegistry()
                .register(TestPorts.Cameras.class, TestPorts.cameras(engine.store()))
                .register(TestPorts.Users.class, TestPorts.users(users))
                .register(TestPorts.Events.class, TestPorts.events(engine.events()))
                .register(TestPorts.Probe.class, probe);
        service = new RemoteService(registry, engine.bus(), feedCapacity);
        control = ControlServer.start(data, "test", (request, io) -> {
            io.out().println("ran " + String.join(" ", request.args()));
            return 0;
        }, service);
    }

    @Override
    public void close() {
        probe.gate.countDown();
        control.close();
        engine.close();
        database.close();
    }
}
