package org.watchroom.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;

/**
 * The JavaFX application. Opens the workstation's database and engine in {@link #init()} (the launcher
 * thread, not the FX thread) and shows the main window in {@link #start}.
 */
public final class WatchroomApp extends Application {
    private static volatile LaunchOptions options;
    private static volatile int exitCode;
    private Workstation workstation;
    private Exception openFailure;

    /** Launches the UI and blocks until the last window closes; returns the exit code. */
    public static int launchAndWait(LaunchOptions launchOptions) {
        options = launchOptions;
        Application.launch(WatchroomApp.class);
        return exitCode;
    }

    @Override
    public void init() {
        try {
            workstation = Workstation.open(options);
        } catch (RuntimeException e) {
            openFailure = e;
        }
    }

    @Override
    public void start(Stage stage) {
        if (openFailure != null) {
            exitCode = 1;
            Alert alert = new Alert(Alert.AlertType.ERROR, openFailure.getMessage());
            alert.setHeaderText("Watchroom cannot start");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        workstation.show(stage);
    }

    @Override
    public void stop() {
        if (workstation != null) {
            workstation.close();
        }
    }
}
