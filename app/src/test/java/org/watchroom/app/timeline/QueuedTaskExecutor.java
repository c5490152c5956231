package org.watchroom.app.timeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.watchroom.app.fx.TaskExecutor;

/**
 * Keeps submitted work until the test runs it, so a test can see how much work a burst of bus events caused.
 * Work and callbacks run on the test's thread.
 */
final class QueuedTaskExecutor implements TaskExecutor {
    private final Deque<Runnable> queue = new ArrayDeque<>();

    @Override
    public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        queue.add(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(result);
        });
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }

    int queued() { return queue.size(); }

    /** Runs the oldest job (which may queue more). */
    void runOne() { queue.poll().run(); }

    void runAll() {
        while (!queue.isEmpty()) {
            runOne();
        }
    }
}
