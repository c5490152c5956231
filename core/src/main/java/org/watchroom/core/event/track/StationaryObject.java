package org.watchroom.core.event.track;

import java.time.Instant;
import org.watchroom.core.event.Region;

/**
 * An object that has stayed put (a parked car), as remembered across restarts of the engine: a track born on its
 * spot with a matching label is the same object, still stationary, and raises nothing.
 *
 * <p>Thread-safety: immutable.
 *
 * @param label what it was voted to be
 * @param box   where it settled (normalised)
 * @param since when it settled there
 */
public record StationaryObject(String label, Region box, Instant since) {
}
