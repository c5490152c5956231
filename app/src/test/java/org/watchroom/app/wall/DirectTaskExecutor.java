package org.watchroom.app.wall;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.watchroom.app.fx.TaskExecutor;

/** Runs work and callbacks on the calling thread, so ViewModels can be tested without a Stage. */
public final class DirectTaskExecutor implements TaskExecutor {
    @Override
    public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }
}
