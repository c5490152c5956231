package org.watchroom.app.alerts;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Whether a new alert sounds the chime, and when: a burst of alerts (several people at once) chimes once, not once
 * per alert.
 *
 * <p>Thread-safety: FX thread only; the chime itself plays wherever the {@link Runnable} given sends it.
 */
final class NewAlertSound {
    private static final long GAP_NANOS = 2_000_000_000L;

    private final BooleanProperty on = new SimpleBooleanProperty(false);
    private Runnable chime = () -> { };
    private long last = System.nanoTime() - GAP_NANOS;

    /** Off by default ("optional sound"). */
    BooleanProperty onProperty() {
        return on;
    }

    void setChime(Runnable chime) {
        this.chime = chime;
    }

    /** An alert arrived: chimes when the sound is on and the last chime is more than the gap ago. */
    void newAlert() {
        long now = System.nanoTime();
        if (on.get() && now - last > GAP_NANOS) {
            last = now;
            chime.run();
        }
    }
}
