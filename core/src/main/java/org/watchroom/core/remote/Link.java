package org.watchroom.core.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.control.ControlConnection;

/**
 * A client's attached connection to the engine: opens it, says hello ({@code attach}/{@code attached}), then hands
 * every frame the engine sends to a {@link Listener} on a reader thread of its own, and tells it once, with the
 * reason, when the connection ends (the engine went away, or {@link #close}).
 *
 * <p>Thread-safety: {@link #send} and {@link #close} from any thread; the listener runs on the reader thread.
 */
final class Link implements AutoCloseable {
    /** Hears what arrives; runs on the reader thread, so it must return quickly. */
    interface Listener {
        void frame(ObjectNode frame);

        /** The connection ended; called once. */
        void lost(EngineGoneException why);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Link.class);
    static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(10);

    private final ControlConnection connection;
    private final String engineName;
    private final AtomicBoolean closedHere = new AtomicBoolean();
    private final AtomicBoolean lost = new AtomicBoolean();
    private Listener listener;

    private Link(ControlConnection connection, String engineName) {
        this.connection = connection;
        this.engineName = engineName;
    }

    /**
     * Attaches to the engine running for {@code dataDir}; {@link #start} then starts hearing it.
     *
     * @throws EngineGoneException when none runs there, or it refused
     */
    static Link attach(Path dataDir) {
        ControlConnection connection = ControlConnection.open(dataDir).orElseThrow(() -> new EngineGoneException(
                "No engine is running for " + dataDir.toAbsolutePath() + "."));
        String name = connection.engine().map(e -> "The engine (pid " + e.pid() + ")").orElse("The engine");
        AtomicBoolean settled = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        // a hung engine must not hang its clients: no answer in time cuts the connection, and receive() ends
        CompletableFuture.delayedExecutor(ATTACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (settled.compareAndSet(false, true)) {
                timedOut.set(true);
                connection.close();
            }
        });
        try {
            connection.send(ControlConnection.frame("attach").put("protocol", RemotePorts.PROTOCOL)
                    .put("user", System.getProperty("user.name", "unknown")));
            ObjectNode answer = connection.receive();
            if (!settled.compareAndSet(false, true)) {
                throw new IOException("no answer in time"); // the timer closed the connection meanwhile
            }
            if (answer == null) {
                throw new EngineGoneException(name + " hung up before answering.");
            }
            if (!"attached".equals(answer.path("t").asText())) {
                // "refused", or an engine from before attaching existed (it answers with a command's error)
                throw new EngineGoneException(name + " refused the connection: "
                        + answer.path("message").asText(answer.path("s").asText("it does not serve clients")).strip());
            }
            if (answer.path("protocol").asInt() != RemotePorts.PROTOCOL) {
                throw new EngineGoneException(name + " speaks protocol " + answer.path("protocol").asInt()
                        + ", this client " + RemotePorts.PROTOCOL + ": run the same version of both.");
            }
            return new Link(connection, name);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e instanceof EngineGoneException gone ? gone : new EngineGoneException(name + (timedOut.get()
                    ? " did not answer within " + ATTACH_TIMEOUT.toSeconds() + " s."
                    : " could not be attached to: " + e.getMessage()), e);
        }
    }

    /** Starts the reader thread, handing frames to {@code to}. */
    void start(Listener to, String threadName) {
        this.listener = to;
        Thread.ofVirtual().name(threadName).start(this::read);
    }

    String engineName() { return engineName; }

    ControlConnection connection() { return connection; }

    private void read() {
        EngineGoneException why;
        try {
            while (true) {
                ObjectNode frame = connection.receive();
                if (frame == null) {
                    why = gone(null);
                    break;
                }
                try {
                    listener.frame(frame);
                } catch (RuntimeException e) {
                    LOG.warn("Handling a frame from the engine failed", e);
                }
            }
        } catch (IOException e) {
            why = gone(e);
        }
        connection.close();
        if (lost.compareAndSet(false, true)) {
            listener.lost(why);
        }
    }

    private EngineGoneException gone(IOException cause) {
        if (closedHere.get()) {
            return new EngineGoneException("The connection to the engine was closed by this client.", cause);
        }
        return new EngineGoneException(engineName + " went away.", cause);
    }

    /** Sends {@code frame}; an {@link EngineGoneException} when the connection is gone. */
    void send(ObjectNode frame) {
        try {
            connection.send(frame);
        } catch (IOException e) {
            connection.close(); // the reader ends and tells the listener
            throw gone(e);
        }
    }

    /** Whether this side closed it. */
    boolean closedHere() { return closedHere.get(); }

    /** Hangs up; the listener hears it as lost, closed by this client. */
    @Override
    public void close() {
        closedHere.set(true);
        connection.close();
    }
}
