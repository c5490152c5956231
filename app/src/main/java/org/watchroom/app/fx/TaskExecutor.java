package org.watchroom.app.fx;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way UI code runs work off the JavaFX thread and gets back on it: {@code work} runs on a virtual
 * thread (it may do I/O), then {@code onSuccess} or {@code onFailure} runs on the FX thread. ViewModels take
 * this interface so tests can run them without a Stage, synchronously.
 */
public interface TaskExecutor {

    <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs {@code action} on the UI thread (now, if already there). For bus subscribers. */
    void onUiThread(Runnable action);

    default void run(Runnable work, Runnable onDone, Consumer<? super Throwable> onFailure) {
        submit(() -> {
            work.run();
            return null;
        }, ignored -> onDone.run(), onFailure);
    }
}
