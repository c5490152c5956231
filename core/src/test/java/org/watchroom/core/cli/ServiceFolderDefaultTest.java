package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.People;

/**
 * Without {@code --data-dir}, a person who may reach the recorder service (a member of its group) works on the
 * service's folder while its recorder runs: the workstation from the menu shows the service's cameras, and commands
 * act on them, saying which folder they use.
 */
class ServiceFolderDefaultTest {
    @TempDir
    Path service;

    @Test
    void commandsWithoutADataFolderActOnTheRunningService() throws Exception {
        String before = System.getProperty("watchroom.service.dir");
        System.setProperty("watchroom.service.dir", service.toString());
        try (Database database = Database.open(service);
             Engine engine = new Engine(database, new EventBus(), SourceOptions.defaults(), Optional.empty());
             ControlServer control = HostedCommands.serve(engine, "service", Optional.empty())) {
            new CameraStore(database).add(Camera.create("Loading bay", "rtsp://127.0.0.1:9/bay", null, ""), People.ADMIN);
            Cli.Result list = Cli.run("cameras", "list");
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out()).contains("Loading bay");
            assertThat(list.err()).contains("using the recorder service's data folder " + service);
            assertThat(control.socket()).exists();
        } finally {
            if (before == null) {
                System.clearProperty("watchroom.service.dir");
            } else {
                System.setProperty("watchroom.service.dir", before);
            }
        }
    }
}
