package org.watchroom.core.engine;

import java.util.Objects;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.store.CameraCatalog;
import org.watchroom.core.store.EventCatalog;
import org.watchroom.core.store.EventTimeline;
import org.watchroom.core.store.GapIndex;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.SegmentLookup;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.store.TimelineIndex;

/**
 * What the workstation's view models reach an engine through: its ports and the bus its events arrive on. {@link #of}
 * gives an engine's own objects (in-process); a remote engine's proxies and a client-side bus can stand in for them.
 *
 * <p>Thread-safety: immutable; the ports and the bus are safe from any thread.
 */
public record EnginePorts(EngineControl control, CameraCatalog cameras, EventCatalog events, ReviewDesk reviews,
                          TimelineIndex timeline, SegmentLookup segments, GapIndex gaps, LiveWall wall,
                          EventBus bus) {

    public EnginePorts {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(cameras, "cameras");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(reviews, "reviews");
        Objects.requireNonNull(timeline, "timeline");
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(gaps, "gaps");
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(bus, "bus");
    }

    /** The ports of an engine in this process: the engine itself, its stores, and stores over its database. */
    public static EnginePorts of(Engine engine) {
        return new EnginePorts(engine, engine.store(), engine.events(), engine.reviews(),
                new EventTimeline(engine.database()), new SegmentStore(engine.database()),
                new GapStore(engine.database()), new EngineWall(engine), engine.bus());
    }
}
