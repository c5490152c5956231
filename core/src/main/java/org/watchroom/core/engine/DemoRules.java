package org.watchroom.core.engine;

import java.util.List;
import java.util.Optional;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.SettingsStore;

/**
 * The event rules of demo cameras, which are not stored cameras: kept as settings by camera name, so that a guard's
 * "dismiss and suppress" on the demo wall holds across restarts like on a real camera.
 *
 * <p>Thread-safety: safe from any thread (the settings store is); does I/O.
 */
final class DemoRules {
    private static final String PREFIX = "demo.event_rules.";

    private final SettingsStore settings;

    DemoRules(SettingsStore settings) {
        this.settings = settings;
    }

    /** The rules saved for the demo camera of this name, if any. */
    Optional<String> get(String cameraName) {
        return settings.get(PREFIX + cameraName);
    }

    void put(String cameraName, String json) {
        settings.put(PREFIX + cameraName, json);
    }

    /** The demo cameras with their saved rules in place of their built-in ones. */
    List<Camera> apply(List<Camera> demos) {
        return demos.stream().map(c -> get(c.name()).map(c::withEventRules).orElse(c)).toList();
    }
}
