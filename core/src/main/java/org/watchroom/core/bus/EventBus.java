package org.watchroom.core.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one channel through which streaming threads report to the UI, REST and storage. Delivery is
 * synchronous on the publishing thread: subscribers must return quickly and hand heavy work or UI updates to
 * their own executor (the app does so through its FX task executor).
 *
 * <p>Thread-safety: publish and subscribe from any thread.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();

    /** Delivers every published event of {@code type} to {@code handler}; close the result to stop. */
    public <T extends WatchroomEvent> AutoCloseable subscribe(Class<T> type, Consumer<? super T> handler) {
        Subscription<T> subscription = new Subscription<>(type, handler);
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }

    /** How many subscriptions are open: for health checks and for tests that a listener let go. */
    public int subscribers() {
        return subscriptions.size();
    }

    public void publish(WatchroomEvent event) {
        for (Subscription<?> subscription : subscriptions) {
            try {
                subscription.offer(event);
            } catch (RuntimeException e) {
                LOG.warn("A subscriber failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    private record Subscription<T>(Class<T> type, Consumer<? super T> handler) {
        void offer(Object event) {
            if (type.isInstance(event)) {
                handler.accept(type.cast(event));
            }
        }
    }
}
