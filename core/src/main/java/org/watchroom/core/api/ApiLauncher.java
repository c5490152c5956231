package org.watchroom.core.api;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.watchroom.core.account.FirstAdministrator;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.engine.Engine;

/**
 * Starts a live engine's REST API as configured, but only once the installation has its first administrator: before
 * that nobody can sign in to review what it serves, and a fresh recorder must not answer on the network on the
 * strength of a token nobody chose. Until then it watches for the {@link FirstAdministrator} and starts the API when
 * the first account appears (created in the workstation's first-run screen or with {@code watchroom users add}).
 *
 * <p>Thread-safety: safe from any thread; the callbacks run on the caller's thread or on the launcher's own.
 */
public final class ApiLauncher implements AutoCloseable {
    /** Said while the API waits for the first administrator. */
    public static final String WAITING = "it starts once the first administrator exists (" + FirstAdministrator.HOW
            + ")";

    private final Engine engine;
    private final ApiOverrides overrides;
    private final Consumer<ApiServer> started;
    private final Consumer<String> notStarted;
    private final AtomicReference<ApiServer> server = new AtomicReference<>();
    private volatile boolean closed;
    private volatile FirstAdministrator waiter;

    private ApiLauncher(Engine engine, ApiOverrides overrides, Consumer<ApiServer> started,
                        Consumer<String> notStarted) {
        this.engine = engine;
        this.overrides = overrides;
        this.started = started;
        this.notStarted = notStarted;
    }

    /**
     * Starts the API now when it is enabled and an administrator exists; otherwise says why ({@code notStarted}) and,
     * when only the administrator is missing, starts it as soon as there is one.
     *
     * @param started    told of the running API (its address for the status bar or stderr)
     * @param notStarted told why the API does not run (a port in use, no administrator yet)
     */
    public static ApiLauncher launch(Engine engine, ApiOverrides overrides, Consumer<ApiServer> started,
                                     Consumer<String> notStarted) {
        ApiLauncher launcher = new ApiLauncher(engine, overrides, started, notStarted);
        if (!launcher.startIfReady()) {
            notStarted.accept(WAITING);
            launcher.waiter = FirstAdministrator.watch(new UserStore(engine.database()), "api", launcher::startIfReady);
        }
        return launcher;
    }

    /** The running API, if it runs. */
    public Optional<ApiServer> server() {
        return Optional.ofNullable(server.get());
    }

    /** Starts the API when an administrator exists; false while there is none (nothing else to wait for). */
    private boolean startIfReady() {
        try {
            if (new UserStore(engine.database()).none()) {
                return false;
            }
            Optional<ApiServer> running = ApiServer.startIfEnabled(engine, overrides);
            running.ifPresent(s -> {
                server.set(s);
                if (closed) { // closed while it started
                    s.close();
                    server.set(null);
                } else {
                    started.accept(s);
                }
            });
        } catch (RuntimeException e) {
            notStarted.accept(e.getMessage());
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        FirstAdministrator w = waiter;
        if (w != null) {
            w.close(); // a start under way sees closed and closes what it started
        }
        ApiServer s = server.getAndSet(null);
        if (s != null) {
            s.close();
        }
    }
}
