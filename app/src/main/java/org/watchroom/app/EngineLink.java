package org.watchroom.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.app.wall.EngineFrames;
import org.watchroom.app.wall.SharedWallFrames;
import org.watchroom.app.wall.WallFrames;
import org.watchroom.core.account.Accounts;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.EnginePorts;
import org.watchroom.core.engine.EngineShutdown;
import org.watchroom.core.evidence.EvidenceDesk;
import org.watchroom.core.evidence.ExportAudit;
import org.watchroom.core.evidence.LocalEvidenceDesk;
import org.watchroom.core.remote.AttachedEngine;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.settings.SettingsAccess;

/**
 * What a window reaches its engine through: the engine's ports, the wall's frames, accounts, settings and evidence
 * export, in this process or in the engine's.
 *
 * @param evidence  where exports run (they read the engine's database and write the package)
 * @param shutdown  stopping the engine, offered by a window attached to an engine in its own process
 *
 * <p>Thread-safety: immutable; the parts are safe from any thread, the frames from the FX thread.
 */
public record EngineLink(EnginePorts ports, WallFrames frames, Accounts accounts, SettingsAccess settings,
                         EvidenceDesk evidence, Optional<EngineShutdown> shutdown) {

    public EngineLink {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(shutdown, "shutdown");
    }

    /**
     * An engine in this process (the workstation's own, or an archive's).
     *
     * @param auditTo where exports are audited: the installation's log, also for an archive window
     */
    public static EngineLink of(Engine engine, ExportAudit auditTo) {
        return new EngineLink(EnginePorts.of(engine), new EngineFrames(engine), new UserStore(engine.database()),
                new Settings(engine.database()), new LocalEvidenceDesk(engine.database(), auditTo), Optional.empty());
    }

    /** An engine in another process, reached over its control socket; frames from its shared memory. */
    public static EngineLink attached(AttachedEngine engine, Path dataDir, TaskExecutor executor) {
        return new EngineLink(engine.ports(), new SharedWallFrames(dataDir, engine.ports().wall(), executor),
                engine.accounts(), engine.settings(), engine.port(EvidenceDesk.class), Optional.of(engine.shutdown()));
    }
}
