package org.watchroom.core.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.control.ClientIo;
import org.watchroom.core.control.CommandRequest;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.control.EngineDescriptor;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.EngineShutdown;
import org.watchroom.core.evidence.EvidenceDesk;
import org.watchroom.core.evidence.ExportAudit;
import org.watchroom.core.evidence.LocalEvidenceDesk;
import org.watchroom.core.remote.EngineService;
import org.watchroom.core.store.Database;

/**
 * The command line inside a running engine: {@code watchroom} commands typed beside it (on the service, beside a
 * workstation) arrive over the {@link ControlServer} and run here, against the engine's open database, with the
 * same permissions and audit rows as when they open the database themselves. A command that changed cameras or
 * settings is followed by a reload, so a camera added from the command line starts at once. When the control server
 * closes, commands that run until their client hangs up ({@code events follow}) are told first ({@link #onClosing})
 * and finish, so they never hold the engine's shutdown up.
 *
 * <p>Thread-safety: safe from any thread; each command runs on its connection's thread.
 */
public final class HostedCommands {
    /** Commands after which the engine re-reads its cameras. */
    private static final Set<String> CHANGE_CAMERAS = Set.of("cameras", "settings");

    /** How long a stop asked for over the socket waits, so that its answer reaches the asker first. */
    private static final Duration STOP_AFTER_ANSWER = Duration.ofMillis(300);

    private final Engine engine;
    private final Path dataDir;
    private final Optional<Runnable> stop;
    private volatile ControlServer server;
    /** Set once the control server closes; commands that run until their client hangs up end on it. */
    private volatile boolean closing;
    private final Set<Runnable> closingListeners = ConcurrentHashMap.newKeySet();

    /** A listener's registration; closing it unregisters. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** One command being run for a client. */
    record Invocation(HostedCommands host, CommandRequest request, ClientIo io) { }

    private HostedCommands(Engine engine, Path dataDir, Optional<Runnable> stop) {
        this.engine = engine;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.stop = stop;
    }

    /**
     * Starts taking commands for {@code engine}'s data folder.
     *
     * @param host what runs the engine, said by {@code engine status} ("service", "workstation")
     * @param stop what {@code engine stop --yes} does; empty where the engine cannot be stopped on its own (inside
     *     a workstation window, whose closing stops it)
     */
    public static ControlServer serve(Engine engine, String host, Optional<Runnable> stop) throws IOException {
        HostedCommands commands = new HostedCommands(engine, engine.database().file().getParent(), stop);
        ControlServer server = ControlServer.start(commands.dataDir, host, new ControlServer.Handler() {
            @Override
            public int run(CommandRequest request, ClientIo io) {
                return commands.run(request, io);
            }

            @Override
            public void closing() {
                commands.closing();
            }

            @Override
            public boolean following(List<String> args) {
                return WatchroomCli.isEventsFollow(args); // runs until Ctrl+C
            }
        }, EngineService.of(engine, registry -> { // workstations attach through the same socket
            registry.register(EvidenceDesk.class, new LocalEvidenceDesk(engine.database(), engine.database()));
            // an archive window beside this engine audits its exports here, in the installation's log
            registry.register(ExportAudit.class, ExportAudit.to(engine.database()));
            if (stop.isPresent()) {
                registry.register(EngineShutdown.class, commands::stopFor);
            }
        }));
        commands.server = server;
        return server;
    }

    /** The real cameras that stop recording when this engine stops (none for the demo wall). */
    int recordingCameras() {
        return engine.demo() ? 0 : engine.cameras().size();
    }

    /**
     * Writes the {@code engine.stop} row for {@code by}, who must be allowed to stop the engine; {@code how} ends the
     * row's detail ("" from the command line). Returns how many cameras stop recording.
     */
    int auditStop(Operator by, String how) {
        by.require(Permission.STOP_ENGINE);
        EngineDescriptor descriptor = server.descriptor();
        int cameras = recordingCameras();
        new AuditLog(engine.database().jdbi()).append(by.userName(), "engine.stop", "engine", "pid "
                + descriptor.pid() + " (" + descriptor.host() + "), " + cameras + " cameras recording" + how);
        return cameras;
    }

    /** An attached workstation's administrator stops this engine: audited, then stopped once the answer is out. */
    private int stopFor(Operator by) {
        int cameras = auditStop(by, "; from a workstation");
        Runnable stopping = stop.orElseThrow();
        Thread.ofVirtual().name("engine-stop").start(() -> {
            try {
                Thread.sleep(STOP_AFTER_ANSWER); // the answer goes out before the stop closes the socket
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopping.run();
        });
        return cameras;
    }

    /** {@link #serve}, or empty with the reason logged: the engine runs on without the command line beside it. */
    public static Optional<ControlServer> serveOrWarn(Engine engine, String host, Optional<Runnable> stop) {
        try {
            return Optional.of(serve(engine, host, stop));
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(HostedCommands.class).warn("Commands typed beside this engine cannot reach it: "
                    + "the control socket did not start", e);
            return Optional.empty();
        }
    }

    private int run(CommandRequest request, ClientIo io) {
        int exit = WatchroomCli.runHosted(new Invocation(this, request, io));
        if (exit == 0 && !request.args().isEmpty() && changesCameras(request)) {
            engine.reloadIfStarted();
        }
        return exit;
    }

    /** The engine stops: wakes every command waiting on {@link #onClosing}. */
    private void closing() {
        closing = true;
        for (Runnable listener : closingListeners) {
            listener.run();
        }
    }

    /** Whether the engine stops: a command that runs until its client hangs up (a live feed) returns when it does. */
    boolean isClosing() {
        return closing;
    }

    /**
     * Runs {@code wake} when the engine starts to stop (at once when it already does); close the result when the
     * command ends. {@code wake} runs on the closing thread: it must only signal, never wait.
     */
    Registration onClosing(Runnable wake) {
        closingListeners.add(wake);
        if (closing) {
            wake.run();
        }
        return () -> closingListeners.remove(wake);
    }

    private static boolean changesCameras(CommandRequest request) {
        return request.args().stream().anyMatch(CHANGE_CAMERAS::contains);
    }

    Engine engine() { return engine; }

    Database database() { return engine.database(); }

    Path dataDir() { return dataDir; }

    Optional<Runnable> stop() { return stop; }

    /** The control server's descriptor: pid, start, version, host. */
    Optional<ControlServer> server() { return Optional.ofNullable(server); }
}
