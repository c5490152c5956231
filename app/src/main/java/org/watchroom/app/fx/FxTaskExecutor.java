package org.watchroom.app.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.redaction.RedactedThrowable;
import org.watchroom.core.remote.EngineGoneException;

/**
 * {@link TaskExecutor} for the running app: virtual threads for work, {@link Platform#runLater} for callbacks.
 * This is the only place in the app that calls {@code Platform.runLater}.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    @Override
    public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        try {
            workers.execute(() -> {
                try {
                    T result = work.call();
                    onUiThread(() -> onSuccess.accept(result));
                } catch (Exception | Error e) {
                    // logged here, whatever the callback does with it: a failure shown as a short status text
                    // must still leave its stack trace where someone can read it
                    if (e instanceof EngineGoneException) {
                        // the recorder restarting: every poll fails alike until it is back; the status bar says so
                        LOG.debug("A background task found the recorder away: {}", e.getMessage());
                    } else {
                        LOG.warn("A background task failed", RedactedThrowable.of(e, null));
                    }
                    onUiThread(() -> onFailure.accept(e));
                }
            });
        } catch (RejectedExecutionException closing) {
            // the window is closing: a late timer or cell update has nothing left to do its work for
        }
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void close() {
        workers.shutdown();
    }
}
