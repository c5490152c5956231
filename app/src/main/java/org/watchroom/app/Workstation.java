package org.watchroom.app;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.app.closing.ClosingDialog;
import org.watchroom.app.closing.ClosingViewModel;
import org.watchroom.app.fx.FxTaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.api.ApiLauncher;
import org.watchroom.core.api.ApiServer;
import org.watchroom.core.archive.Archive;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.cli.HostedCommands;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.control.ControlClient;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.control.EngineDescriptor;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.evidence.ExportAudit;
import org.watchroom.core.remote.AttachedEngine;
import org.watchroom.core.remote.FeedSignal;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Database;

/**
 * Everything one open workstation owns: database, event bus, engine, task executor and main window. On an
 * archive (offline review) it owns the {@link Archive} instead of a data folder, and its engine runs no cameras.
 * {@link #open} does the I/O (call it off the FX thread); {@link #show} builds the window on the FX thread and
 * starts the cameras in the background.
 *
 * <p>Thread-safety: {@link #open} on any thread, the rest on the FX thread.
 */
public final class Workstation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workstation.class);
    /** The engine's database; null for a window attached to an engine in another process. */
    private final Database database;
    /** The engine in this process; null when attached to one in another process. */
    private final Engine engine;
    /** The engine in another process this window is attached to, or null. */
    private final AttachedEngine attached;
    private final EngineLink link;
    private final Session session;
    private final Optional<Archive> archive;
    private final FxTaskExecutor executor = new FxTaskExecutor();
    private final boolean demo;
    private final LaunchOptions options;
    /** This window's own engine's REST API (none when attached: the recorder runs its own). */
    private final Optional<ApiLauncher> api;
    /** Commands typed beside this window run in its engine (none for an archive). */
    private final Optional<ControlServer> control;
    /** {@code session.idle_lock_minutes}, read in {@link #open} off the FX thread. */
    private final Duration idleLock;
    /** Where exports are audited: the installation's log (its database here, or its recorder's), also for archives. */
    private final ExportAudit auditTo;
    /** What this workstation opened to audit an archive's exports (the data folder's database, or its recorder). */
    private final Optional<AutoCloseable> ownedAudit;
    private MainWindow window;

    private Workstation(Database database, Engine engine, Session session, Optional<Archive> archive,
                        LaunchOptions options, Optional<ApiLauncher> api, ExportAudit auditTo,
                        Optional<AutoCloseable> ownedAudit) {
        this.attached = null;
        this.link = EngineLink.of(engine, auditTo);
        this.database = database;
        this.auditTo = auditTo;
        this.ownedAudit = ownedAudit;
        this.session = session;
        this.engine = engine;
        this.archive = archive;
        this.demo = options.demo();
        this.options = options;
        this.api = api;
        this.control = archive.isPresent() ? Optional.empty()
                // closing the window stops this engine: `engine stop` says so instead of stopping it
                : HostedCommands.serveOrWarn(engine, "workstation", Optional.empty());
        this.idleLock = archive.isPresent() ? Duration.ZERO : new Settings(database).idleLock();
    }

    /** A window attached to the engine running in another process for {@code options}' data folder. */
    private Workstation(AttachedEngine attached, LaunchOptions options) {
        this.attached = attached;
        this.link = EngineLink.attached(attached, options.dataDir(), executor);
        this.database = null;
        this.engine = null;
        this.session = new Session(attached.sessionLog(), attached.accounts());
        this.archive = Optional.empty();
        this.demo = options.demo();
        this.options = options;
        this.api = Optional.empty(); // the engine's own, if it runs one
        this.control = Optional.empty(); // commands typed beside this window go to the engine itself
        this.idleLock = attached.settings().idleLock();
        this.auditTo = attached.port(ExportAudit.class); // the recorder's log: an archive opened here audits there
        this.ownedAudit = Optional.empty();
    }

    /**
     * The live workstation on the data folder (people sign in at its window), or, with an archive in the options,
     * an archive window acting as whoever runs the command line ({@code watchroom replay}).
     */
    public static Workstation open(LaunchOptions options) {
        if (options.archive().isPresent()) {
            return openArchive(options, Operator.commandLine(), null);
        }
        Optional<EngineDescriptor> running = ControlClient.running(options.dataDir());
        if (running.isPresent()) {
            // the recorder runs in another process: this window is one of its clients, and closing it stops nothing
            LOG.info("Attaching to the recorder of {} (pid {}, {})", options.dataDir().toAbsolutePath(),
                    running.get().pid(), running.get().host());
            AtomicReference<Workstation> opened = new AtomicReference<>();
            AttachedEngine attached = AttachedEngine.attach(options.dataDir(), signal -> {
                // back after a restart: what the window shows may have changed meanwhile, so it reads it again
                if (signal instanceof FeedSignal.Connected && opened.get() != null) {
                    opened.get().recorderBack();
                }
            });
            try {
                opened.set(new Workstation(attached, options));
            } catch (RuntimeException e) {
                attached.close(); // no connection left behind a window that did not open
                throw e;
            }
            return opened.get();
        }
        Database database = Database.open(options.dataDir());
        Engine engine = new Engine(database, new EventBus(), SourceOptions.defaults(), options.footage(),
                options.detection());
        engine.shareFrames(); // a second workstation attached to this engine shows the cameras from shared memory
        engine.holdCamerasForFirstAdministrator(); // the first-run screen makes the one that starts them
        AtomicReference<Workstation> opened = new AtomicReference<>();
        ApiLauncher api = startApi(engine, options, opened);
        Workstation workstation = new Workstation(database, engine, new Session(database, new UserStore(database)),
                Optional.empty(), options, Optional.of(api), ExportAudit.to(database), Optional.empty());
        opened.set(workstation);
        return workstation;
    }

    /**
     * An archive window acting as {@code by} (who must be allowed to replay); its exports are audited through
     * {@code auditTo}, the installation's log (null: find it as {@code watchroom replay} does — the recorder running
     * for the data folder, else the data folder's database; where neither can be had, the export's audit row stays
     * with the session copy, and the log says so).
     */
    public static Workstation openArchive(LaunchOptions options, Operator by, ExportAudit auditTo) {
        by.require(Permission.REPLAY);
        Optional<AutoCloseable> owned = Optional.empty();
        ExportAudit audit = auditTo;
        if (audit == null) {
            try {
                if (ControlClient.running(options.dataDir()).isPresent()) {
                    AttachedEngine recorder = AttachedEngine.attach(options.dataDir(), signal -> { });
                    owned = Optional.of(recorder);
                    audit = recorder.port(ExportAudit.class);
                } else {
                    Database database = Database.open(options.dataDir());
                    owned = Optional.of(database);
                    audit = ExportAudit.to(database);
                }
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Workstation.class).warn("Exports from this archive are audited only in its "
                        + "session copy: {}", e.getMessage());
            }
        }
        try {
            Archive archive = Archive.open(options.archive().orElseThrow());
            ExportAudit exports = audit != null ? audit : ExportAudit.to(archive.database());
            return new Workstation(archive.database(), Engine.archive(archive.database(), new EventBus()),
                    Session.fixed(archive.database(), by), Optional.of(archive), options, Optional.empty(), exports,
                    owned);
        } catch (RuntimeException e) {
            owned.ifPresent(Workstation::closeQuietly);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(Workstation.class).warn("Closing {} failed", closeable, e);
        }
    }

    /**
     * The REST API when enabled, once the first administrator exists (created in this window's first-run screen, it
     * starts then); a port in use costs the API, never the workstation.
     */
    private static ApiLauncher startApi(Engine engine, LaunchOptions options, AtomicReference<Workstation> opened) {
        return ApiLauncher.launch(engine, options.api(), server -> {
            Workstation w = opened.get();
            if (w == null) {
                return; // started with the window: show() puts the address in the status bar
            }
            w.executor.onUiThread(() -> {
                if (w.window != null) {
                    w.window.showApi(server.url());
                }
            });
        }, why -> LoggerFactory.getLogger(Workstation.class).info("REST API not started: {}", why));
    }

    /** The running REST API, if any (its address for the status bar). */
    public Optional<ApiServer> api() { return api.flatMap(ApiLauncher::server); }

    public void show(Stage stage) {
        window = new MainWindow(stage, link, session, executor, options.dataDir(), archive, idleLock, auditTo);
        api().ifPresent(server -> window.showApi(server.url()));
        if (attached != null) {
            stage.setTitle("Watchroom — attached to the recorder");
            window.showRecorderProcess(attached.enginePid());
            stage.show(); // closing this window stops nothing: the recorder goes on in its own process
            return;
        }
        if (engine.live()) {
            // the engine lives in this window's process: closing it stops recording, so only an admin may
            ClosingDialog.guard(stage, new ClosingViewModel(() -> engine.demo() ? 0 : engine.cameras().size(), session,
                    new AuditLog(database.jdbi()), executor, window::showError));
        }
        stage.show();
        if (engine.live()) {
            executor.run(() -> engine.start(demo), () -> { }, window::showError);
        }
    }

    /** The recorder came back (a new connection to it): the alerts are read again; the wall follows by itself. */
    private void recorderBack() {
        executor.onUiThread(() -> {
            if (window != null) {
                window.alertsModel().reload();
                window.showRecorderProcess(attached.enginePid()); // a restarted recorder is a new process
            }
        });
    }

    /** The engine in this process; null for a window attached to an engine in another process. */
    public Engine engine() { return engine; }

    /** The engine in another process this window is attached to, if it is. */
    public Optional<AttachedEngine> attached() { return Optional.ofNullable(attached); }

    /** What the window reaches its engine through. */
    public EngineLink link() { return link; }

    public MainWindow window() { return window; }

    /** The archive under review, when this workstation was opened on one. */
    public Optional<Archive> archive() { return archive; }

    @Override
    public void close() {
        if (window != null) {
            window.stop();
        }
        control.ifPresent(ControlServer::close);
        api.ifPresent(ApiLauncher::close);
        if (attached != null) {
            attached.close(); // the recorder goes on
            executor.close();
            return;
        }
        engine.close();
        executor.close();
        ownedAudit.ifPresent(Workstation::closeQuietly);
        if (archive.isPresent()) {
            archive.get().close();
        } else {
            database.close();
        }
    }
}
