package org.watchroom.app;

import java.util.Optional;
import javafx.stage.Stage;
import org.watchroom.app.fx.FxTaskExecutor;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.slf4j.LoggerFactory;
import org.watchroom.core.api.ApiServer;
import org.watchroom.core.api.ApiTokens;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SettingsStore;

/**
 * Everything one open workstation owns: database, event bus, engine, task executor and main window.
 * {@link #open} does the I/O (call it off the FX thread); {@link #show} builds the window on the FX thread and
 * starts the cameras in the background.
 *
 * <p>Thread-safety: {@link #open} on any thread, the rest on the FX thread.
 */
public final class Workstation implements AutoCloseable {
    private final Database database;
    private final Engine engine;
    private final FxTaskExecutor executor = new FxTaskExecutor();
    private final boolean demo;
    private final Optional<ApiServer> api;
    /** Read in {@link #open}, off the FX thread: the token comes from the database. */
    private final String apiToken;
    private MainWindow window;

    private Workstation(Database database, Engine engine, boolean demo, Optional<ApiServer> api) {
        this.database = database;
        this.engine = engine;
        this.demo = demo;
        this.api = api;
        this.apiToken = api.isPresent() ? new ApiTokens(new SettingsStore(database)).current() : null;
    }

    public static Workstation open(LaunchOptions options) {
        Database database = Database.open(options.dataDir());
        Engine engine = new Engine(database, new EventBus(), SourceOptions.defaults(), options.footage(),
                options.detection());
        return new Workstation(database, engine, options.demo(), startApi(engine, options));
    }

    /** The REST API when enabled; a port in use costs the API, never the workstation. */
    private static Optional<ApiServer> startApi(Engine engine, LaunchOptions options) {
        try {
            return ApiServer.startIfEnabled(engine, options.api());
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Workstation.class).warn("REST API not started: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The running REST API, if any (its address for the status bar). */
    public Optional<ApiServer> api() { return api; }

    public void show(Stage stage) {
        window = new MainWindow(stage, engine, executor);
        api.ifPresent(server -> window.showApi(server.url(), apiToken));
        stage.show();
        executor.run(() -> engine.start(demo), () -> { }, window::showError);
    }

    public Engine engine() { return engine; }

    public MainWindow window() { return window; }

    @Override
    public void close() {
        if (window != null) {
            window.stop();
        }
        api.ifPresent(ApiServer::close);
        engine.close();
        executor.close();
        database.close();
    }
}
