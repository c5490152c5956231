package org.watchroom.app.closing;

import java.util.function.Consumer;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.engine.EngineShutdown;
import org.watchroom.core.remote.EngineGoneException;

/**
 * Stopping the recorder from a window attached to it: the recorder runs in its own process and goes on recording
 * when the window closes, so stopping it is an explicit action, an administrator's, confirmed and audited
 * ({@code engine.stop}, written by the recorder).
 *
 * <p>Thread-safety: FX thread; the stop is asked for on the task executor.
 */
public final class StopRecorderViewModel {
    private final EngineShutdown shutdown;
    private final Session session;
    private final TaskExecutor executor;

    public StopRecorderViewModel(EngineShutdown shutdown, Session session, TaskExecutor executor) {
        this.shutdown = shutdown;
        this.session = session;
        this.executor = executor;
    }

    /**
     * Asks the recorder to stop, as the signed-in administrator; {@code stopped} hears how many cameras stopped
     * recording, {@code failed} why not (not allowed, the recorder refused or is gone).
     */
    public void stop(Consumer<Integer> stopped, Consumer<Throwable> failed) {
        executor.submit(() -> shutdown.stop(session.acting(Permission.STOP_ENGINE)), stopped, e -> {
            if (e instanceof EngineGoneException) {
                stopped.accept(0); // gone before its answer came: stopped all the same, as asked
            } else {
                failed.accept(e);
            }
        });
    }
}
