package org.watchroom.app.bench;

import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.watchroom.app.Workstation;
import org.watchroom.app.wall.WallLayout;
import org.watchroom.core.bench.CapacityBenchmark;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.engine.Engine;

/**
 * {@link CapacityBenchmark} with the workstation's window open: the same cameras, clips and measurements, but the
 * engine is the one a workstation runs in its own process ({@code --in-process}), with detection on (the default
 * models from the mirror), signed in, filling the X display with the wall on a 4x4 page; adds the frames the
 * wall's tiles showed.
 *
 * <p>Not a test; run it on an X display: {@code xvfb-run -s "-screen 0 1920x1080x24 -ac" ./mvnw -B -pl core,app
 * -Pbench-ui process-test-classes -Dbench.main=org.watchroom.app.bench.WallCapacityBenchmark
 * -Dbench.args="--counts 16,32"}; the arguments are {@link CapacityBenchmark}'s, but for {@code --faces-dynamic}
 * (the window runs the installation's default models).
 */
public final class WallCapacityBenchmark {
    private WallCapacityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getenv("DISPLAY") == null) {
            System.err.println("No X display. Run it under Xvfb: xvfb-run -s \"-screen 0 1920x1080x24 -ac\" ./mvnw -B"
                    + " -pl core,app -Pbench-ui process-test-classes -Dbench.main=" + WallCapacityBenchmark.class.getName());
            System.exit(2);
        }
        int exit = 1;
        try {
            Platform.startup(() -> { });
            Platform.setImplicitExit(false);
            CapacityBenchmark.run(args, WallCapacityBenchmark::open);
            exit = 0;
        } finally {
            System.exit(exit); // also after a failure: JavaFX's thread and the engine's pools would keep the JVM alive
        }
    }

    private static CapacityBenchmark.Host open(Path dataDir) throws Exception {
        Workstation workstation = FxCalls.call(() -> {
            Workstation opened = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty(), true));
            Stage stage = new Stage();
            Rectangle2D screen = Screen.getPrimary().getBounds(); // the whole screen (Xvfb has no window manager to maximise)
            stage.setX(screen.getMinX());
            stage.setY(screen.getMinY());
            stage.setWidth(screen.getWidth());
            stage.setHeight(screen.getHeight());
            opened.show(stage);
            opened.window().wallModel().layoutProperty().set(WallLayout.FOUR);
            return opened;
        });
        try {
            FxCalls.signIn(workstation);
        } catch (RuntimeException | InterruptedException e) {
            FxCalls.call(() -> {
                workstation.window().stage().close();
                workstation.close();
                return null;
            });
            throw e;
        }
        return new CapacityBenchmark.Host() {
            @Override
            public Engine engine() { return workstation.engine(); }

            @Override
            public String description() {
                return FxCalls.call(() -> String.format("the workstation's window, %.0fx%.0f, wall layout %s,"
                                + " detection: %s", workstation.window().stage().getWidth(),
                        workstation.window().stage().getHeight(), workstation.window().wallModel().layoutProperty().get(),
                        workstation.engine().detection().status()));
            }

            @Override
            public void close() {
                FxCalls.call(() -> {
                    workstation.window().stage().close();
                    workstation.close();
                    return null;
                });
            }
        };
    }
}
