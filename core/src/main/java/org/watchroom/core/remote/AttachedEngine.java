package org.watchroom.core.remote;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.account.Accounts;
import org.watchroom.core.account.SessionLog;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.engine.EngineControl;
import org.watchroom.core.engine.EnginePorts;
import org.watchroom.core.engine.EngineShutdown;
import org.watchroom.core.engine.LiveWall;
import org.watchroom.core.engine.ReviewDesk;
import org.watchroom.core.settings.SettingsAccess;
import org.watchroom.core.store.CameraCatalog;
import org.watchroom.core.store.EventCatalog;
import org.watchroom.core.store.GapIndex;
import org.watchroom.core.store.SegmentLookup;
import org.watchroom.core.store.TimelineIndex;

/**
 * An engine running in another process, as a workstation attaches to it: its ports as proxies over the control
 * socket ({@link RemotePorts}) and its events on a bus of this side's own ({@link RemoteFeed}), in the shape the
 * view models take ({@link EnginePorts}).
 *
 * <p>When the engine goes away without this side hanging up (a crash, a restart by its supervisor or by systemd),
 * calls fail with {@link EngineGoneException} while it is away, and this side dials it again every
 * {@link #REDIAL} until it answers; the ports and the bus handed out stay the same objects, so the window's view
 * models go on, and hear {@link FeedSignal.Connected} to re-read what they show.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class AttachedEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AttachedEngine.class);
    /** How often a lost engine is dialled again: a restarted one is back within a few of these. */
    static final Duration REDIAL = Duration.ofMillis(500);

    private final Path dataDir;
    private final Consumer<? super FeedSignal> signals;
    private final EventBus bus = new EventBus();
    private final EnginePorts ports;
    /** The connections now; replaced together after the engine came back. */
    private volatile RemotePorts calls;
    private volatile RemoteFeed feed;
    private volatile boolean closed;
    /** Whether a redialling thread runs (at most one). */
    private boolean redialling; // guarded by this

    private AttachedEngine(Path dataDir, Consumer<? super FeedSignal> signals) {
        this.dataDir = dataDir;
        this.signals = signals;
        this.ports = new EnginePorts(forward(EngineControl.class), forward(CameraCatalog.class),
                forward(EventCatalog.class), forward(ReviewDesk.class), forward(TimelineIndex.class),
                forward(SegmentLookup.class), forward(GapIndex.class), forward(LiveWall.class), bus);
    }

    /**
     * Attaches to the engine running for {@code dataDir}.
     *
     * @param signals hears the feed's state (connected, dropped events, engine gone), on the feed's reader thread
     * @throws EngineGoneException when no engine answers there
     */
    public static AttachedEngine attach(Path dataDir, Consumer<? super FeedSignal> signals) {
        AttachedEngine engine = new AttachedEngine(dataDir, signals);
        engine.dial();
        return engine;
    }

    /** Connects calls and feed; throws {@link EngineGoneException} when the engine does not answer. */
    private void dial() {
        RemotePorts nextCalls = RemotePorts.connect(dataDir);
        try {
            calls = nextCalls;
            feed = RemoteFeed.connect(dataDir, this::heard, bus);
        } catch (RuntimeException e) {
            nextCalls.close();
            throw e;
        }
    }

    private void heard(FeedSignal signal) {
        try {
            signals.accept(signal);
        } catch (RuntimeException e) {
            LOG.warn("A listener of the engine's feed failed on {}", signal, e);
        }
        if (signal instanceof FeedSignal.Lost lost && !lost.closedHere() && !closed) {
            redial(lost.reason());
        }
    }

    private synchronized void redial(String why) {
        if (redialling) {
            return;
        }
        redialling = true;
        LOG.warn("The recorder of {} went away ({}); dialling it again every {} ms", dataDir, why, REDIAL.toMillis());
        Thread.ofVirtual().name("redial-engine").start(() -> {
            try {
                dialUntilBack();
            } catch (RuntimeException e) {
                LOG.error("Dialling the recorder of {} again failed; this window stays without it", dataDir, e);
            } finally {
                synchronized (this) {
                    redialling = false;
                }
            }
            // lost again while this thread was finishing: the feed's signal found it still running, so go on here
            if (!closed && !feed.connected()) {
                redial("lost again at once");
            }
        });
    }

    private void dialUntilBack() {
        RemotePorts oldCalls = calls;
        while (!closed) {
            try {
                Thread.sleep(REDIAL);
                dial();
                oldCalls.close();
                if (closed) { // closed while dialling: hang up what just connected
                    feed.close();
                    calls.close();
                    return;
                }
                LOG.info("The recorder of {} is back (pid {})", dataDir, calls.engine().pid());
                return;
            } catch (EngineGoneException e) {
                LOG.debug("The recorder of {} does not answer yet: {}", dataDir, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A {@code port} that calls whichever connection stands now. */
    private <T> T forward(Class<T> port) {
        // the connection's own proxy of the port, made again only when a redial replaced the connection
        AtomicReference<Bound> bound = new AtomicReference<>();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "attached " + port.getSimpleName() + " of " + dataDir;
                };
            }
            RemotePorts now = calls;
            Bound target = bound.updateAndGet(b -> b != null && b.calls() == now ? b : new Bound(now, now.port(port)));
            try {
                return method.invoke(target.proxy(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }

    /** One connection's proxy of a port. */
    private record Bound(RemotePorts calls, Object proxy) {
    }

    public EnginePorts ports() { return ports; }

    public Accounts accounts() { return forward(Accounts.class); }

    public SettingsAccess settings() { return forward(SettingsAccess.class); }

    /** Where a session at an attached window logs hand-overs, locks and sign-outs: the engine's audit log. */
    public SessionLog sessionLog() { return forward(SessionLog.class); }

    /**
     * Another port the engine serves (one of a layer above the engine, such as evidence export), calling whichever
     * connection stands now.
     */
    public <T> T port(Class<T> port) { return forward(port); }

    /** Stopping the engine (an administrator's, audited); refused by an engine that runs inside a workstation window. */
    public EngineShutdown shutdown() { return forward(EngineShutdown.class); }

    /** Whether both the calls and the feed are connected now (false while the engine is away). */
    public boolean connected() { return calls.connected() && feed.connected(); }

    /** The engine's process id now (it changes when the engine restarts). */
    public long enginePid() { return calls.engine().pid(); }

    @Override
    public void close() {
        closed = true;
        feed.close();
        calls.close();
    }
}
