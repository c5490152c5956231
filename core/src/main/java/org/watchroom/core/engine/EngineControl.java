package org.watchroom.core.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.event.Region;

/**
 * The engine-level calls the workstation makes that are not about frames: whether it runs live or the demo, its
 * alerts, reloading cameras after an edit, and suppression regions. A port, so that the workstation can control an
 * engine in its own process ({@link Engine}) or a separate one (a remote implementation). Methods take and return
 * only values that serialize as JSON (records, strings, numbers, booleans, Optional/List/Map of those); live cameras,
 * frames and the event bus are not part of it.
 *
 * <p>Thread-safety: implementations are safe from any thread; call the ones that change something off the JavaFX
 * thread (they do I/O).
 */
public interface EngineControl {

    /** False for an archive opened for offline review: no cameras, reviews and settings are read-only. */
    boolean live();

    /** True while the demo wall runs instead of configured cameras. */
    boolean demo();

    /** The persistent storage alert ("Storage failing: …", "Recording paused: …", …); empty when all is well. */
    Optional<String> storageAlert();

    /** What detection runs on, in words ("CPU …", "off: …"). */
    String detectionStatus();

    /** Re-reads the cameras and starts, stops or restarts them to match. */
    void reload();

    /** "Never again here": a dismissed event's peak box becomes a suppression region of its camera; audited. */
    Suppression suppress(long eventId, Operator by);

    /** Removes one suppression region from a camera's event rules; false when it had none such. Audited. */
    boolean removeSuppression(long cameraId, String label, Region region, Operator by);

    /** Camera {@code cameraId}'s suppression regions, as label -> regions. */
    Map<String, List<Region>> suppressions(long cameraId);
}
