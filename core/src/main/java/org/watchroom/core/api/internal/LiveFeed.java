package org.watchroom.core.api.internal;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.watchroom.core.api.FeedFormat;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraState;

/**
 * The bus as a numbered message feed for SSE and WebSocket clients: camera states, detections (at most
 * {@value #DETECTIONS_PER_SECOND} per camera per second), event starts and ends, reviews. The last
 * {@value #HISTORY} messages are kept so a client reconnecting with {@code Last-Event-ID} gets what it missed.
 * Publishing never blocks the bus: each client has its own bounded queue ({@link FeedClient}).
 *
 * <p>Thread-safety: safe from any thread; history and client registration share one lock so a resuming client
 * sees every message exactly once.
 */
public final class LiveFeed implements AutoCloseable {
    static final int HISTORY = 1024;
    static final int DETECTIONS_PER_SECOND = 2;
    private final ArrayDeque<FeedMessage> history = new ArrayDeque<>();
    private final List<FeedClient> clients = new CopyOnWriteArrayList<>();
    private final Map<Long, Long> lastDetectionNanos = new ConcurrentHashMap<>();
    private final Map<Long, Instant> liveSince = new ConcurrentHashMap<>();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final AutoCloseable subscription;
    @GuardedBy("this")
    private long nextId = 1;

    public LiveFeed(EventBus bus) {
        subscription = bus.subscribe(WatchroomEvent.class, this::onEvent);
    }

    private void onEvent(WatchroomEvent event) {
        switch (event) {
            case WatchroomEvent.CameraStateChanged s -> {
                if (s.state() instanceof CameraState.Live) {
                    liveSince.put(s.cameraId(), Instant.now());
                } else {
                    liveSince.remove(s.cameraId());
                }
            }
            case WatchroomEvent.DetectionsReady d -> {
                long now = System.nanoTime();
                Long last = lastDetectionNanos.get(d.result().cameraId());
                if (last != null && now - last < 1_000_000_000L / DETECTIONS_PER_SECOND) {
                    return; // before the message is made: detections come every frame
                }
                lastDetectionNanos.put(d.result().cameraId(), now);
            }
            default -> {
            }
        }
        FeedFormat.api(event).ifPresent(m -> publish(m.sseType(), m.wsType(), m.dataJson()));
    }

    private void publish(String sseType, String wsType, String json) {
        synchronized (this) {
            FeedMessage message = new FeedMessage(nextId++, sseType, wsType, json);
            history.addLast(message);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
            for (FeedClient client : clients) {
                if (!client.offer(message)) {
                    droppedTotal.incrementAndGet();
                }
            }
        }
    }

    /**
     * A new client; with {@code lastEventId} (from {@code Last-Event-ID}) it first receives the kept messages
     * after that id. Close it when the connection ends.
     */
    public synchronized FeedClient open(Long lastEventId) {
        FeedClient client = new FeedClient(this);
        if (lastEventId != null) {
            history.stream().filter(m -> m.id() > lastEventId).forEach(client::offer);
        }
        clients.add(client);
        return client;
    }

    void remove(FeedClient client) {
        clients.remove(client);
    }

    public int clients() { return clients.size(); }

    /** Messages dropped for clients that fell behind, since start. */
    public long dropped() { return droppedTotal.get(); }

    /** When the camera last went live, if it is live now. */
    public Optional<Instant> liveSince(long cameraId) {
        return Optional.ofNullable(liveSince.get(cameraId));
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
