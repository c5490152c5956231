package org.watchroom.core.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.control.ControlConnection;
import org.watchroom.core.control.EngineDescriptor;
import org.watchroom.core.redaction.RedactedThrowable;

/**
 * One attached client in the engine: reads its frames on the connection's thread and runs each call on a virtual
 * thread of its own, so calls from several client threads run side by side (at most {@link #MAX_IN_FLIGHT} at once;
 * beyond that this stops reading, and the client's writes wait). Replies carry the call's id; the client matches
 * them. {@code {"t":"subscribe"}} starts its event feed on the same connection.
 *
 * <p>Thread-safety: {@link #run} on the connection's thread; replies are sent from the call threads (the connection
 * sends one frame at a time); {@link #close} from any thread.
 */
final class ServedSession {
    static final int MAX_IN_FLIGHT = 64;
    private static final Logger LOG = LoggerFactory.getLogger(ServedSession.class);

    private final ControlConnection connection;
    private final RemoteService service;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private volatile FeedWriter feed;

    ServedSession(ControlConnection connection, RemoteService service) {
        this.connection = connection;
        this.service = service;
    }

    /** Serves the client until it hangs up or the session is closed. */
    void run() throws IOException {
        ObjectNode attached = ControlConnection.frame("attached").put("protocol", RemotePorts.PROTOCOL);
        connection.engine().ifPresent(engine -> describe(attached, engine));
        connection.send(attached);
        try {
            while (true) {
                ObjectNode frame = connection.receive();
                if (frame == null) {
                    return;
                }
                switch (frame.path("t").asText()) {
                    case "call" -> call(frame);
                    case "subscribe" -> subscribe();
                    default -> {
                        // a newer client's frame this engine does not know: skip it
                    }
                }
            }
        } finally {
            FeedWriter writer = feed;
            if (writer != null) {
                writer.close();
            }
        }
    }

    private static void describe(ObjectNode attached, EngineDescriptor engine) {
        attached.put("pid", engine.pid()).put("version", engine.version()).put("host", engine.host());
    }

    /** Cuts the connection: the client's waiting calls fail at once, {@link #run} returns. */
    void close() {
        connection.close();
    }

    FeedWriter feed() { return feed; }

    private void subscribe() throws IOException {
        if (feed == null) {
            feed = FeedWriter.start(service.bus(), connection, service.feedCapacity());
        }
        connection.send(ControlConnection.frame("subscribed"));
    }

    private void call(ObjectNode frame) throws IOException {
        long id = frame.path("id").asLong(-1);
        String portName = frame.path("port").asText("");
        String signature = frame.path("method").asText("");
        Optional<PortRegistry.Port> port = service.registry().port(portName);
        if (port.isEmpty()) {
            connection.send(RemoteErrors.frame(id, new UnsupportedOperationException(
                    "The engine has no port " + portName + ".")));
            return;
        }
        Optional<Method> method = port.get().method(signature);
        if (method.isEmpty()) {
            connection.send(RemoteErrors.frame(id, new UnsupportedOperationException(
                    "The engine's " + port.get().type().getSimpleName() + " has no method " + signature + ".")));
            return;
        }
        inFlight.acquireUninterruptibly();
        if (!service.callStarted()) {
            inFlight.release();
            return; // the engine stops: the connection is being cut, the client learns from that
        }
        JsonNode args = frame.path("args");
        Thread.ofVirtual().name("remote-call").start(() -> {
            try {
                answer(id, port.get(), method.get(), args);
            } finally {
                inFlight.release();
                service.callFinished();
            }
        });
    }

    private void answer(long id, PortRegistry.Port port, Method method, JsonNode argsNode) {
        String call = port.type().getSimpleName() + "." + method.getName();
        Object[] args = null;
        ObjectNode reply;
        try {
            args = arguments(method, argsNode);
            Object value = method.invoke(port.implementation(), args);
            String json = WireJson.write(value, method.getGenericReturnType());
            if (!WireJson.fits(json, ControlConnection.MAX_FRAME_BYTES - 1024L)) {
                reply = RemoteErrors.frame(id, new IllegalStateException("The answer to " + call + " is larger than "
                        + ControlConnection.MAX_FRAME_BYTES / (1024 * 1024) + " MiB; ask for less at a time."));
            } else {
                reply = ControlConnection.frame("result").put("id", id);
                reply.putRawValue("value", new RawValue(json));
            }
        } catch (InvocationTargetException e) {
            Throwable error = e.getCause() == null ? e : e.getCause();
            if (RemoteErrors.expected(error)) {
                LOG.debug("A remote call to {} was refused: {}", call, RemoteErrors.message(error.getMessage()));
            } else {
                LOG.warn("A remote call to {} failed", call, RedactedThrowable.of(error, null));
            }
            reply = RemoteErrors.frame(id, error);
        } catch (BadArguments e) {
            reply = RemoteErrors.frame(id, e.getCause() instanceof RuntimeException r && RemoteErrors.expected(r) ? r
                    : new IllegalArgumentException("The engine could not read the arguments of " + call
                    + " (a client of another version?)."));
        } catch (IOException | IllegalAccessException | RuntimeException e) {
            LOG.warn("A remote call to {} could not be answered", call, RedactedThrowable.of(e, null));
            reply = RemoteErrors.frame(id, new IllegalStateException("The engine could not answer " + call
                    + "; see its log."));
        } finally {
            wipe(args);
        }
        try {
            connection.send(reply);
        } catch (IOException e) {
            LOG.debug("The client of a remote call to {} went away before its answer", call, e);
        }
    }

    /** The call's arguments read as the method's generic parameter types. */
    private static Object[] arguments(Method method, JsonNode argsNode) throws BadArguments {
        Type[] types = method.getGenericParameterTypes();
        if (!argsNode.isArray() || argsNode.size() != types.length) {
            throw new BadArguments(null);
        }
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            try {
                args[i] = WireJson.read(argsNode.get(i), types[i]);
            } catch (JsonProcessingException e) {
                // a record's constructor refusing a value arrives wrapped; the refusal is the answer
                throw new BadArguments(e.getCause());
            } catch (IOException e) {
                throw new BadArguments(e);
            }
            if (args[i] == null && method.getParameterTypes()[i].isPrimitive()) {
                throw new BadArguments(null);
            }
        }
        return args;
    }

    /** Passwords (char[]) do not stay in the engine's memory longer than the call. */
    private static void wipe(Object[] args) {
        if (args != null) {
            for (Object arg : args) {
                if (arg instanceof char[] secret) {
                    Arrays.fill(secret, '\0');
                }
            }
        }
    }

    /** A call's arguments did not read as its method's parameters. */
    private static final class BadArguments extends Exception {
        private static final long serialVersionUID = 1L;

        BadArguments(Throwable cause) {
            super(null, cause, false, false);
        }
    }
}
