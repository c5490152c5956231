package org.watchroom.core.remote;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.watchroom.core.account.Accounts;
import org.watchroom.core.account.SessionLog;
import org.watchroom.core.engine.EngineControl;
import org.watchroom.core.engine.EnginePorts;
import org.watchroom.core.engine.LiveWall;
import org.watchroom.core.engine.ReviewDesk;
import org.watchroom.core.settings.SettingsAccess;
import org.watchroom.core.store.CameraCatalog;
import org.watchroom.core.store.EventCatalog;
import org.watchroom.core.store.GapIndex;
import org.watchroom.core.store.SegmentLookup;
import org.watchroom.core.store.TimelineIndex;

/**
 * An engine running in another process, as a workstation attaches to it: its ports as proxies over the control
 * socket ({@link RemotePorts}) and its events on a bus of this side's own ({@link RemoteFeed}), in the shape the
 * view models take ({@link EnginePorts}).
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class AttachedEngine implements AutoCloseable {
    private final RemotePorts calls;
    private final RemoteFeed feed;
    private final EnginePorts ports;

    private AttachedEngine(RemotePorts calls, RemoteFeed feed) {
        this.calls = calls;
        this.feed = feed;
        this.ports = new EnginePorts(calls.port(EngineControl.class), calls.port(CameraCatalog.class),
                calls.port(EventCatalog.class), calls.port(ReviewDesk.class), calls.port(TimelineIndex.class),
                calls.port(SegmentLookup.class), calls.port(GapIndex.class), calls.port(LiveWall.class),
                feed.bus());
    }

    /**
     * Attaches to the engine running for {@code dataDir}.
     *
     * @param signals hears the feed's state (connected, dropped events, engine gone), on the feed's reader thread
     * @throws EngineGoneException when no engine answers there
     */
    public static AttachedEngine attach(Path dataDir, Consumer<? super FeedSignal> signals) {
        RemotePorts calls = RemotePorts.connect(dataDir);
        try {
            return new AttachedEngine(calls, RemoteFeed.connect(dataDir, signals));
        } catch (RuntimeException e) {
            calls.close();
            throw e;
        }
    }

    public EnginePorts ports() { return ports; }

    public Accounts accounts() { return calls.port(Accounts.class); }

    public SettingsAccess settings() { return calls.port(SettingsAccess.class); }

    /** Where a session at an attached window logs hand-overs, locks and sign-outs: the engine's audit log. */
    public SessionLog sessionLog() { return calls.port(SessionLog.class); }

    /** Whether both the calls and the feed are still connected. */
    public boolean connected() { return calls.connected() && feed.connected(); }

    @Override
    public void close() {
        feed.close();
        calls.close();
    }
}
