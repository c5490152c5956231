package org.watchroom.core.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.watchroom.core.control.ControlConnection;
import org.watchroom.core.control.EngineDescriptor;

/**
 * The engine's ports, called from another process over its control socket: {@code port(CameraCatalog.class)} is a
 * {@code CameraCatalog} whose every call runs in the engine, in the implementation its {@link PortRegistry} holds
 * for that interface, and returns what it returned or throws what it threw ({@link RemoteErrors}).
 *
 * <p>One connection carries the calls of every thread: each call has an id, the engine answers in any order, and a
 * reader thread hands each answer to the thread waiting for it. A call not answered within the timeout throws
 * {@link CallTimeoutException}; when the engine goes away, every waiting call and every later one throws
 * {@link EngineGoneException} at once. Default methods of a port run here, calling its abstract methods remotely.
 *
 * <p>Thread-safety: safe from any thread; calls block, so make them off the JavaFX thread.
 */
public final class RemotePorts implements AutoCloseable {
    /** The version of the frames {@code attach}, {@code call}, {@code result}, {@code error}, {@code subscribe}, …. */
    static final int PROTOCOL = 1;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Link link;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<ObjectNode>> waiting = new ConcurrentHashMap<>();
    private final Map<Method, String> signatures = new ConcurrentHashMap<>();
    private volatile EngineGoneException gone;

    private RemotePorts(Link link, Duration timeout) {
        this.link = link;
        this.timeout = timeout;
    }

    /** {@link #connect(Path, Duration)} with calls timing out after {@link #DEFAULT_TIMEOUT}. */
    public static RemotePorts connect(Path dataDir) {
        return connect(dataDir, DEFAULT_TIMEOUT);
    }

    /**
     * Attaches to the engine running for {@code dataDir}.
     *
     * @param callTimeout how long a call waits for its answer
     * @throws EngineGoneException when no engine runs there, or it refused
     */
    public static RemotePorts connect(Path dataDir, Duration callTimeout) {
        if (!callTimeout.isPositive()) {
            throw new IllegalArgumentException("A call timeout must be positive, not " + callTimeout + ".");
        }
        RemotePorts ports = new RemotePorts(Link.attach(dataDir), callTimeout);
        ports.link.start(new Link.Listener() {
            @Override
            public void frame(ObjectNode frame) {
                ports.answered(frame);
            }

            @Override
            public void lost(EngineGoneException why) {
                ports.lost(why);
            }
        }, "remote-ports-reader");
        return ports;
    }

    /** {@code port}'s methods, running in the engine. */
    public <T> T port(Class<T> port) {
        if (!port.isInterface()) {
            throw new IllegalArgumentException(port.getName() + " is not an interface: only those are ports.");
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(port, proxy, method, args);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return call(port, method, args == null ? new Object[0] : args);
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }

    /** Whether the connection still stands (false once the engine went away or this was closed). */
    public boolean connected() {
        return gone == null;
    }

    /** The engine as its descriptor says (pid, version, host). */
    public EngineDescriptor engine() {
        return link.connection().engine().orElseThrow();
    }

    /** Hangs up; calls still waiting throw {@link EngineGoneException}. */
    @Override
    public void close() {
        link.close();
    }

    private Object call(Class<?> port, Method method, Object[] args) throws Throwable {
        String call = port.getSimpleName() + "." + method.getName();
        EngineGoneException dead = gone;
        if (dead != null) {
            throw new EngineGoneException(dead.getMessage(), dead); // thrown here, with this caller's stack
        }
        long id = ids.incrementAndGet();
        ObjectNode frame = ControlConnection.frame("call").put("id", id).put("port", port.getName())
                .put("method", signatures.computeIfAbsent(method, PortRegistry::signature));
        ArrayNode array = frame.putArray("args");
        Type[] types = method.getGenericParameterTypes();
        long chars = 0;
        for (int i = 0; i < args.length; i++) {
            String json;
            try {
                json = WireJson.write(args[i], types[i]);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Argument " + (i + 1) + " of " + call + " cannot be sent to the "
                        + "engine: " + RemoteErrors.message(e.getOriginalMessage()), e);
            }
            chars += json.length();
            array.addRawValue(new RawValue(json));
        }
        if (chars * 3 > ControlConnection.MAX_FRAME_BYTES - 4096L
                && !WireJson.fits(array.toString(), ControlConnection.MAX_FRAME_BYTES - 4096L)) {
            // the engine would end the whole connection over a frame this long
            throw new IllegalArgumentException("The arguments of " + call + " are too large to send to the engine.");
        }
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        if (gone != null) { // lost between the check above and registering: nobody would fail this one
            waiting.remove(id);
            throw new EngineGoneException(gone.getMessage(), gone);
        }
        try {
            link.send(frame);
        } catch (EngineGoneException e) {
            waiting.remove(id);
            throw e;
        }
        ObjectNode reply;
        try {
            reply = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            waiting.remove(id);
            throw new CallTimeoutException(call, timeout);
        } catch (InterruptedException e) {
            waiting.remove(id);
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while waiting for the engine's answer to " + call + ".");
        } catch (ExecutionException e) {
            throw new EngineGoneException(e.getCause().getMessage(), e.getCause());
        }
        if ("result".equals(reply.path("t").asText())) {
            try {
                return WireJson.read(reply.get("value"), method.getGenericReturnType());
            } catch (IOException e) {
                throw new RemoteCallException(e.getClass().getName(), "The engine's answer to " + call
                        + " could not be read (an engine of another version?): "
                        + RemoteErrors.message(e.getMessage()));
            }
        }
        throw RemoteErrors.rebuild(reply, method);
    }

    private void answered(ObjectNode frame) {
        String type = frame.path("t").asText();
        if ("result".equals(type) || "error".equals(type)) {
            CompletableFuture<ObjectNode> answer = waiting.remove(frame.path("id").asLong(-1));
            if (answer != null) {
                answer.complete(frame); // null: the caller gave up waiting (timeout, interrupt)
            }
        }
    }

    private void lost(EngineGoneException why) {
        gone = why; // first: a call registering from now on sees it
        waiting.values().removeIf(answer -> {
            answer.completeExceptionally(why);
            return true;
        });
    }

    private static Object objectMethod(Class<?> port, Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "RemotePort[" + port.getName() + "]";
        };
    }
}
