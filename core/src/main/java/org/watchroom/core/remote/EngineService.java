package org.watchroom.core.remote;

import java.util.function.Consumer;
import org.watchroom.core.account.Accounts;
import org.watchroom.core.account.SessionLog;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.EngineControl;
import org.watchroom.core.engine.EnginePorts;
import org.watchroom.core.engine.LiveWall;
import org.watchroom.core.engine.ReviewDesk;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.settings.SettingsAccess;
import org.watchroom.core.store.CameraCatalog;
import org.watchroom.core.store.EventCatalog;
import org.watchroom.core.store.GapIndex;
import org.watchroom.core.store.SegmentLookup;
import org.watchroom.core.store.TimelineIndex;

/**
 * The ports an engine serves to the workstations attached over its control socket: the same objects its own
 * in-process workstation uses ({@link EnginePorts#of}), plus accounts and settings, and its bus as their feed.
 *
 * <p>Thread-safety: stateless.
 */
public final class EngineService {
    private EngineService() {
    }

    /** Every workstation port of {@code engine}, by interface. */
    public static PortRegistry registry(Engine engine) {
        EnginePorts ports = EnginePorts.of(engine);
        return new PortRegistry()
                .register(EngineControl.class, ports.control())
                .register(CameraCatalog.class, ports.cameras())
                .register(EventCatalog.class, ports.events())
                .register(ReviewDesk.class, ports.reviews())
                .register(TimelineIndex.class, ports.timeline())
                .register(SegmentLookup.class, ports.segments())
                .register(GapIndex.class, ports.gaps())
                .register(LiveWall.class, ports.wall())
                .register(Accounts.class, new UserStore(engine.database()))
                .register(SettingsAccess.class, new Settings(engine.database()))
                .register(SessionLog.class, SessionLog.audited(new AuditLog(engine.database().jdbi())));
    }

    /** What serves attached workstations of {@code engine}: its ports and its bus. */
    public static RemoteService of(Engine engine) {
        return of(engine, registry -> { });
    }

    /**
     * {@link #of(Engine)}, with ports of the layers above the engine that its host adds ({@code more}: evidence
     * export, the stop an administrator may ask for where the engine runs in its own process).
     */
    public static RemoteService of(Engine engine, Consumer<PortRegistry> more) {
        PortRegistry registry = registry(engine);
        more.accept(registry);
        return new RemoteService(registry, engine.bus());
    }
}
