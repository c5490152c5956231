package org.watchroom.core.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.redaction.Redaction;

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
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("camera_id", s.cameraId());
                data.put("camera_name", s.cameraName());
                data.put("state", s.state().label());
                String detail = switch (s.state()) {
                    case CameraState.Reconnecting r -> r.lastError();
                    case CameraState.Failed f -> f.reason();
                    default -> null;
                };
                data.put("detail", Redaction.redact(detail));
                publish("camera_status", "stream_status", data);
            }
            case WatchroomEvent.DetectionsReady d -> {
                long now = System.nanoTime();
                Long last = lastDetectionNanos.get(d.result().cameraId());
                if (last != null && now - last < 1_000_000_000L / DETECTIONS_PER_SECOND) {
                    return;
                }
                lastDetectionNanos.put(d.result().cameraId(), now);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("camera_id", d.result().cameraId());
                data.put("camera_name", d.result().cameraName());
                data.put("frame_sequence", d.result().frameSequence());
                data.put("captured_at", d.result().capturedAt().toString());
                data.put("frame_width", d.result().frameWidth());
                data.put("frame_height", d.result().frameHeight());
                data.put("detections", d.result().detections().stream().map(LiveFeed::detection).toList());
                publish("detection", "inference_result", data);
            }
            case WatchroomEvent.EventStarted e -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("event_id", e.eventId());
                data.put("camera_id", e.cameraId());
                data.put("camera_name", e.cameraName());
                data.put("label", e.label());
                data.put("score", e.score());
                data.put("at", e.at().toString());
                data.put("simulated", e.simulated());
                publish("event_start", "event_start", data);
            }
            case WatchroomEvent.EventEnded e -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("event_id", e.eventId());
                data.put("camera_id", e.cameraId());
                data.put("at", e.at().toString());
                data.put("duration_s", e.duration().toMillis() / 1000.0);
                data.put("has_clip", e.clipPath() != null); // a file path never leaves the server
                publish("event_end", "event_end", data);
            }
            case WatchroomEvent.StorageAlert a -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("state", a.state());
                data.put("message", a.alert());
                publish("storage", "storage", data);
            }
            case WatchroomEvent.EventReviewed r -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("event_id", r.eventId());
                data.put("status", r.status().dbValue());
                data.put("actor", r.actor());
                publish("event_reviewed", "event_reviewed", data);
            }
            default -> {
            }
        }
    }

    private static Map<String, Object> detection(Detection d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", d.label());
        m.put("score", d.score());
        m.put("box", List.of(d.box().x(), d.box().y(), d.box().width(), d.box().height()));
        return m;
    }

    private void publish(String sseType, String wsType, Map<String, Object> data) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
