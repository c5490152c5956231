package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.cli.HostedCommands;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Database;

/** A workstation opened on a data folder whose recorder runs in another process says so, and which process. */
class WorkstationBesideEngineTest {
    @TempDir
    Path data;

    @Test
    void aWorkstationOnTheServicesFolderNamesTheRunningRecorder() throws Exception {
        try (Database database = Database.open(data);
             Engine engine = new Engine(database, new EventBus(), SourceOptions.defaults(), Optional.empty());
             ControlServer control = HostedCommands.serve(engine, "engine", Optional.empty())) {
            assertThatThrownBy(() -> Workstation.open(new LaunchOptions(data, false, Optional.empty())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already runs in another process (pid " + ProcessHandle.current().pid()
                            + ", engine)")
                    .hasMessageContaining("watchroom engine stop --yes");
            assertThat(control.socket()).exists();
        }
    }
}
