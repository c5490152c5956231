package org.watchroom.core.camera;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.redaction.RedactedThrowable;

/**
 * A camera's current {@link CameraState} and the listeners told of each change, in order. A change of kind is
 * logged (the URL redacted); a repeated RECONNECTING (the next attempt) is passed on, other repeats are not.
 *
 * <p>Thread-safety: changes from any thread (ingest, converter, watchdog, the stopping thread), serialized by one
 * lock so that listeners see them in order; {@link #current()} from any thread.
 */
final class StateChanges {
    private static final Logger LOG = LoggerFactory.getLogger(CameraSource.class); // the camera's log, as before

    private final String name;
    private final CameraUrl url;
    private final List<Consumer<CameraState>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile CameraState state = new CameraState.Stopped(); // written under lock

    StateChanges(String name, CameraUrl url) {
        this.name = name;
        this.url = url;
    }

    CameraState current() { return state; }

    void addListener(Consumer<CameraState> listener) { listeners.add(listener); }

    /** LIVE, unless it is already: checked before the lock, as every published frame calls this. */
    void setLive() {
        if (!(state instanceof CameraState.Live)) {
            synchronized (lock) {
                if (!(state instanceof CameraState.Live)) {
                    setLocked(new CameraState.Live());
                }
            }
        }
    }

    void set(CameraState next) {
        synchronized (lock) {
            setLocked(next);
        }
    }

    private void setLocked(CameraState next) {
        CameraState previous = state;
        if (previous.equals(next) && !(next instanceof CameraState.Reconnecting)) {
            return;
        }
        state = next;
        if (!(previous.getClass() == next.getClass())) {
            LOG.info("Camera '{}' ({}): {}", name, url.redacted(), describe(next));
        }
        for (Consumer<CameraState> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("State listener of camera '{}' failed", name, RedactedThrowable.of(e, url.password()));
            }
        }
    }

    private static String describe(CameraState state) {
        return switch (state) {
            case CameraState.Reconnecting r -> "RECONNECTING (attempt " + r.attempt() + ": " + r.lastError() + ")";
            case CameraState.Failed f -> "FAILED: " + f.reason();
            default -> state.label();
        };
    }
}
