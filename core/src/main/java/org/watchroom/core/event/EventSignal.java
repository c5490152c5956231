package org.watchroom.core.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What {@link EventRules} decided about one event: it started, its peak rose, or it ended. The event store turns
 * these into rows (mapping {@code eventKey} to its database id) and the bus carries them to the UI.
 *
 * <p>Boxes are normalised ({@link Region}) so that a dismissed event's box can become a suppression region as is.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface EventSignal {

    /** Local id of the event, unique across cameras and restarts. */
    UUID eventKey();

    /** When, on the camera's clock (the captured time of the frame that decided it, or the tick time). */
    Instant at();

    /**
     * An event began.
     *
     * @param simulated made by {@link EventRules#simulate} for installers and tests, not by a detection
     * @param continues the event this one goes on from because that one reached {@code max_length_s}, or null
     * @param trackId   the tracked object the event is about (0 for a simulated event)
     * @param zones     the named zones the object is in (after their dwell times), empty when none
     */
    record Started(UUID eventKey, long cameraId, String label, float firstScore, Region box, Instant at,
                   boolean simulated, UUID continues, long trackId, List<String> zones) implements EventSignal {

        public Started {
            zones = List.copyOf(zones);
        }

        /** A fresh event, not a continuation, of no track and no zone (simulated). */
        public Started(UUID eventKey, long cameraId, String label, float firstScore, Region box, Instant at,
                       boolean simulated) {
            this(eventKey, cameraId, label, firstScore, box, at, simulated, null, 0, List.of());
        }
    }

    /**
     * The event's best score rose, or the vote of its object's frames changed its label; sent only then, to keep
     * the bus quiet.
     *
     * @param peakRose the peak rose (a new peak picture and box); false when only the label changed
     */
    record Updated(UUID eventKey, float peakScore, Region peakBox, Instant at, String label, boolean peakRose)
            implements EventSignal {
    }

    /** The event is over; the store adds the clip path and the duration. */
    record Ended(UUID eventKey, Instant at, EndReason reason) implements EventSignal {
    }

    /** Why an event ended. */
    enum EndReason {
        /** No positive detection for the label's {@code end_after_s}. */
        QUIET,
        /** A simulated event ran its course. */
        SIMULATION_DONE,
        /** The camera stopped or its rules changed ({@link EventRules#endAll}). */
        CLOSED,
        /** It ran for {@code max_length_s}; a {@link Started} that {@code continues} it follows at once. */
        MAX_LENGTH
    }
}
