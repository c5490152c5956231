package org.watchroom.core.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.watchroom.core.account.FirstAdministrator;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.control.EngineDescriptor;
import org.watchroom.core.engine.LiveCamera;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom engine [status|stop]}: runs the engine that records the data folder, without a window (as
 * {@code --headless} does; the service runs this), or asks a running one whether it runs and to stop. Status and
 * stop run inside the engine ({@link HostedCommands}); typed where none runs, they say so.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "engine", description = "Run the engine that records this data folder, without a window (Ctrl+C or "
        + "'engine stop --yes' stops it); or ask the running one: status, stop.",
        mixinStandardHelpOptions = true, subcommands = {EngineCommand.Status.class, EngineCommand.Stop.class})
final class EngineCommand implements Callable<Integer> {
    /** Exit code of {@code engine status} when no engine runs (as {@code systemctl status} says "inactive"). */
    static final int NOT_RUNNING = 3;

    @ParentCommand
    WatchroomCli root;

    @Mixin
    EngineOptions options = new EngineOptions();

    @Option(names = "--supervise", description = "Run the engine as a child process and start it again when it "
            + "crashes (the workstation starts it so; a service leaves restarts to systemd).")
    boolean supervise;

    @Override
    public Integer call() throws Exception {
        if (root.hosted().isPresent()) {
            EngineDescriptor running = root.hosted().get().host().server().orElseThrow().descriptor();
            root.err().println("watchroom: an engine already runs for " + root.dataDirectory() + " (pid "
                    + running.pid() + ", " + running.host() + ")");
            return 1;
        }
        options.check(false);
        if (supervise) {
            if (options.durationSeconds != null) {
                throw new IllegalArgumentException("--duration is for one engine run, not a supervised one");
            }
            return root.supervise(options);
        }
        return root.runEngine(options, "engine");
    }

    @Command(name = "status", description = "Say whether an engine runs for the data folder, since when, and its cameras.",
            mixinStandardHelpOptions = true)
    static final class Status implements Callable<Integer> {
        @ParentCommand EngineCommand parent;

        @Override
        public Integer call() {
            WatchroomCli root = parent.root;
            if (root.hosted().isEmpty()) {
                root.out().println("No engine runs for " + root.dataDirectory() + ".");
                return NOT_RUNNING;
            }
            HostedCommands host = root.hosted().get().host();
            EngineDescriptor engine = host.server().orElseThrow().descriptor();
            root.out().println("Engine running for " + host.dataDir() + ": pid " + engine.pid() + " (" + engine.host()
                    + "), since " + engine.started() + ", Watchroom " + engine.version());
            List<LiveCamera> cameras = host.engine().cameras();
            root.out().println(cameras.size() + (cameras.size() == 1 ? " camera" : " cameras")
                    + (host.engine().demo() ? " (demo wall)" : "") + ":");
            for (LiveCamera camera : cameras) {
                root.out().println("  " + camera.camera().id() + "  " + camera.camera().name() + "  "
                        + camera.display().state().label() + "  recording " + camera.recordingMode().json());
            }
            if (host.engine().waitingForAdministrator()) {
                root.out().println("The configured cameras start once the first administrator exists ("
                        + FirstAdministrator.HOW + ").");
            }
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop the engine: every camera stops recording. Admins only; audited.",
            mixinStandardHelpOptions = true)
    static final class Stop implements Callable<Integer> {
        @ParentCommand EngineCommand parent;
        @Option(names = "--yes", description = "Confirm: recording stops on every camera until the engine starts again.")
        boolean yes;

        @Override
        public Integer call() {
            WatchroomCli root = parent.root;
            if (root.hosted().isEmpty()) {
                root.err().println("watchroom: no engine runs for " + root.dataDirectory() + "; nothing was stopped");
                return 1;
            }
            HostedCommands host = root.hosted().get().host();
            Operator by = root.operator().require(Permission.STOP_ENGINE);
            EngineDescriptor engine = host.server().orElseThrow().descriptor();
            int cameras = host.recordingCameras();
            if (host.stop().isEmpty()) {
                root.err().println("watchroom: this engine runs inside the workstation window (pid " + engine.pid()
                        + "); closing that window stops it. Nothing was stopped");
                return 1;
            }
            if (!yes) {
                root.err().println("watchroom: stopping the engine (pid " + engine.pid() + ") stops recording on "
                        + cameras + (cameras == 1 ? " camera" : " cameras") + "; add --yes to stop it");
                return 2;
            }
            host.auditStop(by, "");
            root.out().println("Stopping the engine (pid " + engine.pid() + "): recording stops on " + cameras
                    + (cameras == 1 ? " camera." : " cameras."));
            host.stop().get().run();
            return 0;
        }
    }
}
