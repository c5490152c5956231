package org.watchroom.core.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.control.ControlConnection;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.control.SessionHandler;

/**
 * The engine's side of {@link RemotePorts} and {@link RemoteFeed}: serves attached connections of its
 * {@link ControlServer} ({@code ControlServer.start(dataDir, host, commands, service)}), calling the ports of its
 * {@link PortRegistry} and feeding its {@link EventBus}'s events to subscribers. Who may connect is decided by the
 * control socket's file permissions, as for commands.
 *
 * <p>When the server closes, every session's connection is cut at once (clients fail their waiting calls with
 * {@link EngineGoneException}), then calls already running get up to {@link #CALL_GRACE} to finish, so the engine does
 * not close its database under them.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class RemoteService implements SessionHandler {
    /** Attached clients at once (a workstation holds two: calls and feed); more are refused. */
    public static final int MAX_SESSIONS = 32;
    /** Events waiting for one slow feed client before the oldest are dropped. */
    public static final int FEED_CAPACITY = 4096;
    static final Duration CALL_GRACE = Duration.ofSeconds(10);

    private final PortRegistry registry;
    private final EventBus bus;
    private final int feedCapacity;
    @GuardedBy("this")
    private final Set<ServedSession> sessions = new HashSet<>();
    @GuardedBy("this")
    private int callsRunning;
    @GuardedBy("this")
    private boolean closing;

    public RemoteService(PortRegistry registry, EventBus bus) {
        this(registry, bus, FEED_CAPACITY);
    }

    /** @param feedCapacity events queued per feed client before dropping (tests make it small) */
    public RemoteService(PortRegistry registry, EventBus bus, int feedCapacity) {
        if (feedCapacity < 1) {
            throw new IllegalArgumentException("A feed holds at least one event, not " + feedCapacity + ".");
        }
        this.registry = registry;
        this.bus = bus;
        this.feedCapacity = feedCapacity;
    }

    @Override
    public void serve(ControlConnection connection, ObjectNode attach) throws IOException {
        ServedSession session = new ServedSession(connection, this);
        String refusal = admit(session);
        if (refusal != null) {
            connection.send(ControlConnection.frame("refused").put("message", refusal));
            return;
        }
        try {
            session.run();
        } finally {
            synchronized (this) {
                sessions.remove(session);
            }
        }
    }

    private synchronized String admit(ServedSession session) {
        if (closing) {
            return "the engine is stopping";
        }
        if (sessions.size() >= MAX_SESSIONS) {
            return "the engine serves " + MAX_SESSIONS + " clients already";
        }
        sessions.add(session);
        return null;
    }

    @Override
    public void closing() {
        List<ServedSession> open;
        synchronized (this) {
            closing = true;
            open = List.copyOf(sessions);
        }
        open.forEach(ServedSession::close);
        long deadline = System.nanoTime() + CALL_GRACE.toNanos();
        synchronized (this) {
            try {
                while (callsRunning > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return; // the server cuts what is left; the engine closes under them
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many clients are attached now. */
    public synchronized int sessions() {
        return sessions.size();
    }

    /** Counts a call in; false once the engine stops (the call is not run). */
    synchronized boolean callStarted() {
        if (closing) {
            return false;
        }
        callsRunning++;
        return true;
    }

    synchronized void callFinished() {
        callsRunning--;
        notifyAll();
    }

    PortRegistry registry() { return registry; }

    EventBus bus() { return bus; }

    int feedCapacity() { return feedCapacity; }
}
