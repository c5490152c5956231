package org.watchroom.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.config.Version;

/**
 * The engine's local control channel: a Unix-domain socket beside the data folder's database through which
 * {@code watchroom} commands typed while the engine runs are run inside it, against its open database, by the
 * {@link Handler}. Who typed them comes from the socket's peer credentials; who may connect at all, from the
 * socket's file permissions ({@link ControlPaths}).
 *
 * <p>Only the process that holds the data folder's database starts one, so a socket or descriptor left by an
 * engine that died is replaced without asking. Each connection runs one command on a virtual thread; at most
 * {@link #MAX_CLIENTS} run at once, the others are told to try again. Connections that open with
 * {@code {"t":"attach"}} instead are long-lived sessions (calls to the engine's ports, its event feed) served by the
 * {@link SessionHandler}, when one was given.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class ControlServer implements AutoCloseable {
    /** Runs one command line; returns its exit code. */
    @FunctionalInterface
    public interface Handler {
        int run(CommandRequest request, ClientIo io);

        /**
         * The server is closing (the engine stops): commands that would run until their client hangs up (a live
         * feed) should finish now, so that closing does not wait for them. Called once, on the closing thread,
         * after new connections are refused and before waiting for the commands in flight.
         */
        default void closing() {
        }

        /**
         * Whether the command line {@code args} runs until its client hangs up (a live feed such as
         * {@code events follow}): such commands take their own slots, so that followers never keep a camera from
         * being added.
         */
        default boolean following(List<String> args) {
            return false;
        }
    }

    static final int MAX_CLIENTS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    private final ControlPaths paths;
    private final ServerSocketChannel server;
    private final Handler handler;
    private final SessionHandler sessions; // null: commands only
    private final EngineDescriptor descriptor;
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);
    private final AtomicInteger attached = new AtomicInteger();
    private final AtomicInteger attachesSoFar = new AtomicInteger();
    /** Slots of commands that run until their client hangs up ({@link Handler#following}). */
    private final Semaphore followers = new Semaphore(MAX_CLIENTS);
    @GuardedBy("this")
    private final Set<SocketChannel> open = new HashSet<>();
    private final Thread acceptor;

    private ControlServer(ControlPaths paths, ServerSocketChannel server, Handler handler, SessionHandler sessions,
                          EngineDescriptor descriptor) {
        this.paths = paths;
        this.server = server;
        this.handler = handler;
        this.sessions = sessions;
        this.descriptor = descriptor;
        this.acceptor = Thread.ofPlatform().name("control-accept").daemon().unstarted(this::acceptLoop);
    }

    /**
     * Listens for commands for {@code dataDir}; call it while holding that folder's database.
     *
     * @param host what runs the engine, for {@code engine status} ("service", "workstation")
     */
    public static ControlServer start(Path dataDir, String host, Handler handler) throws IOException {
        return start(dataDir, host, handler, null);
    }

    /**
     * {@link #start(Path, String, Handler)}, serving attached sessions too, through the same socket and so with the
     * same permissions.
     *
     * @param sessions serves connections that open with {@code {"t":"attach"}}; null: they are refused
     */
    public static ControlServer start(Path dataDir, String host, Handler handler, SessionHandler sessions)
            throws IOException {
        ControlPaths paths = ControlPaths.of(dataDir);
        paths.createFolders();
        Path socket = paths.socket();
        Files.deleteIfExists(socket); // left by an engine that died: we hold the database, so it was not a live one
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            if (ControlPaths.posix(socket.getParent())) {
                Files.setPosixFilePermissions(socket, paths.socketPermissions()); // its folder kept others out so far
            }
            EngineDescriptor descriptor = new EngineDescriptor(ProcessHandle.current().pid(), Instant.now(),
                    Version.current(), socket, host);
            descriptor.write(paths.descriptor(), paths);
            ControlServer control = new ControlServer(paths, server, handler, sessions, descriptor);
            control.acceptor.start();
            return control;
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(socket);
            throw e;
        }
    }

    public EngineDescriptor descriptor() { return descriptor; }

    public Path socket() { return descriptor.socket(); }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("The control socket failed to accept a connection", e);
                continue;
            }
            Thread.ofVirtual().name("control-command").start(() -> serve(channel));
        }
    }

    private void serve(SocketChannel channel) {
        synchronized (this) {
            open.add(channel);
        }
        try (FrameChannel frames = new FrameChannel(channel)) {
            ObjectNode request = frames.receive();
            if (request == null) {
                return;
            }
            if ("attach".equals(request.path("t").asText())) {
                attach(frames, request);
                return;
            }
            Semaphore pool = handler.following(argsOf(request)) ? followers : slots;
            if (!pool.tryAcquire()) {
                frames.send(FrameChannel.frame("err").put("s", "watchroom: the engine is running " + MAX_CLIENTS
                        + (pool == followers ? " live feeds" : " commands") + " already; try again in a moment\n"));
                frames.send(FrameChannel.frame("exit").put("code", 1));
                return;
            }
            try {
                runOne(frames, request);
            } finally {
                pool.release();
            }
        } catch (IOException e) {
            LOG.debug("A control client went away", e); // Ctrl+C on the command line: nothing to tell anybody
        } finally {
            synchronized (this) {
                open.remove(channel);
            }
        }
    }

    private void attach(FrameChannel frames, ObjectNode request) throws IOException {
        if (sessions == null) {
            frames.send(FrameChannel.frame("refused").put("message", "this engine takes command lines only"));
            return;
        }
        attached.incrementAndGet();
        attachesSoFar.incrementAndGet();
        try {
            sessions.serve(new ControlConnection(frames, peerUser(frames.channel()), Optional.of(descriptor)), request);
        } finally {
            attached.decrementAndGet();
        }
    }

    /** Connections of attached clients ever opened, closed ones included (a window that came and went at once). */
    public int attachesSoFar() {
        return attachesSoFar.get();
    }

    /** Connections of attached clients (workstations: two each, calls and feed) open now. */
    public int attachedConnections() {
        return attached.get();
    }

    private static List<String> argsOf(ObjectNode request) {
        List<String> args = new ArrayList<>();
        for (JsonNode arg : request.path("args")) {
            args.add(arg.asText());
        }
        return args;
    }

    private void runOne(FrameChannel frames, ObjectNode request) throws IOException {
        if (!"run".equals(request.path("t").asText()) || !request.path("args").isArray()) {
            frames.send(FrameChannel.frame("err").put("s", "watchroom: the engine did not understand the request\n"));
            frames.send(FrameChannel.frame("exit").put("code", 2));
            return;
        }
        List<String> args = argsOf(request);
        Path cwd = Path.of(request.path("cwd").asText("/")).toAbsolutePath();
        CommandRequest command = new CommandRequest(args, cwd, peerUser(frames.channel())
                .orElse(request.path("user").asText("unknown")));
        ClientIo io = new ClientIo(frames);
        int exit;
        try {
            exit = handler.run(command, io);
        } catch (RuntimeException e) {
            LOG.warn("A command from the command line failed inside the engine", e);
            io.err().println("watchroom: the engine failed to run the command (" + e.getClass().getSimpleName()
                    + "); see its log");
            exit = 1;
        }
        io.flush();
        frames.send(FrameChannel.frame("exit").put("code", exit));
    }

    /** The connecting process's OS account, where the system says (Linux and macOS do). */
    private static Optional<String> peerUser(SocketChannel channel) {
        try {
            UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return Optional.of(principal.user().getName());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops listening, ends the attached sessions, tells the handler ({@link Handler#closing}), waits up to 10 s for
     * commands in flight, then cuts the rest and removes socket and descriptor.
     */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Closing the control socket failed", e);
        }
        if (sessions != null) {
            try {
                sessions.closing();
            } catch (RuntimeException e) {
                LOG.warn("Ending the attached sessions failed; cutting their connections below", e);
            }
        }
        try {
            handler.closing();
        } catch (RuntimeException e) {
            LOG.warn("Telling the commands in flight that the engine stops failed; waiting for them as they are", e);
        }
        try {
            if (slots.tryAcquire(MAX_CLIENTS, 10, TimeUnit.SECONDS)) {
                slots.release(MAX_CLIENTS);
            }
            if (followers.tryAcquire(MAX_CLIENTS, 5, TimeUnit.SECONDS)) {
                followers.release(MAX_CLIENTS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<SocketChannel> left;
        synchronized (this) {
            left = List.copyOf(open);
        }
        for (SocketChannel channel : left) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing a control connection failed", e);
            }
        }
        try {
            Files.deleteIfExists(descriptor.socket());
            Optional<EngineDescriptor> current = EngineDescriptor.read(paths.descriptor());
            if (current.isPresent() && current.get().pid() == descriptor.pid()) {
                Files.deleteIfExists(paths.descriptor());
            }
        } catch (IOException e) {
            LOG.warn("The control socket's files could not be removed; the next engine replaces them", e);
        }
    }
}
