package org.watchroom.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.geometry.Bounds;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.session.SessionViewModel;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.People;

/** What the UI tests share: run on the FX thread, poll a condition, save a snapshot, close a workstation. */
final class UiTests {
    private UiTests() {
    }

    /**
     * A new data folder with its first administrator and one camera per name, all streaming {@code url}: the
     * configured cameras of a workstation run only once an administrator exists.
     */
    static Path dataDirWithCameras(String prefix, String url, List<String> names) throws IOException {
        Path dataDir = Files.createTempDirectory(prefix);
        try (Database db = Database.open(dataDir)) {
            People.enrolAdmin(db);
            CameraStore cameras = new CameraStore(db);
            for (String name : names) {
                cameras.add(Camera.create(name, url, null, null), People.ADMIN);
            }
        }
        return dataDir;
    }

    /** A workstation on a new data folder (the demo wall, engine in the window) shown on {@code stage}. */
    static Workstation showOnNewDataDir(Stage stage, String prefix) throws Exception {
        Workstation workstation = Workstation.open(new LaunchOptions(Files.createTempDirectory(prefix), true,
                Optional.empty()));
        workstation.show(stage);
        return workstation;
    }

    /** Closes the window and the workstation (engine, database) on the FX thread, as the app does at exit. */
    static void closeOnFx(Workstation workstation) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            workstation.window().stage().close();
            workstation.close();
        }).get(20, TimeUnit.SECONDS);
    }

    /**
     * Signs in at the window's sign-in screen as a user with {@code role} (creating the first admin and that user
     * when needed), as a guard would; returns when the screen is gone. Call it off the FX thread.
     */
    static Operator signIn(Workstation workstation, Role role) throws InterruptedException {
        UserStore users = new UserStore(workstation.engine().database());
        String name = switch (role) { // the people tests name in their assertions
            case OPERATOR -> People.OPERATOR.userName();
            case SUPERVISOR -> People.SUPERVISOR.userName();
            case ADMIN -> People.ADMIN.userName();
        };
        char[] password = "test password".toCharArray();
        if (users.none()) {
            users.add(People.ADMIN.userName(), "Chief", Role.ADMIN, password.clone(), null);
        }
        if (users.find(name).isEmpty()) {
            users.add(name, "Test " + role.dbValue(), role, password.clone(), users.find(People.ADMIN.userName()).orElseThrow().operator());
        }
        waitFor(Duration.ofSeconds(10), () -> fx(() -> !workstation.window().session().busyProperty().get()));
        fx(() -> {
            workstation.window().session().signIn(name, password.clone());
            return null;
        });
        waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().session().stateProperty().get()
                == SessionViewModel.State.SIGNED_IN));
        return users.find(name).orElseThrow().operator();
    }

    /**
     * {@code n} ended person events on camera "Gate", a second apart and a minute ago, oldest first (ended: start-up
     * recovery leaves them alone); scores rise from 0.5 by 0.1.
     */
    static List<Long> endedEvents(EventStore events, int n) {
        List<Long> ids = new ArrayList<>();
        Instant t0 = Instant.now().minusSeconds(60);
        for (int i = 0; i < n; i++) {
            long id = events.create(new NewEvent(null, "Gate", "person", t0.plusSeconds(i), 0.5f + i / 10f, null, null)).id();
            events.end(id, t0.plusSeconds(i + 5));
            ids.add(id);
        }
        return ids;
    }

    static BufferedImage toBuffered(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return out;
    }

    static <T> T fx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** How many colours a sample of every third pixel of {@code region} has (a picture, not one flat colour). */
    static long distinctColours(WritableImage image, Bounds region) {
        PixelReader pixels = image.getPixelReader();
        Set<Integer> colours = new HashSet<>();
        for (int y = (int) region.getMinY() + 2; y < (int) region.getMaxY() - 2; y += 3) {
            for (int x = (int) region.getMinX() + 2; x < (int) region.getMaxX() - 2; x += 3) {
                colours.add(pixels.getArgb(x, y));
            }
        }
        return colours.size();
    }

    /** A hash of every second pixel of {@code region} (changes when the picture moves). */
    static long regionHash(WritableImage image, Bounds region) {
        PixelReader pixels = image.getPixelReader();
        long hash = 7;
        for (int y = (int) region.getMinY() + 2; y < (int) region.getMaxY() - 2; y += 2) {
            for (int x = (int) region.getMinX() + 2; x < (int) region.getMaxX() - 2; x += 2) {
                hash = hash * 31 + pixels.getArgb(x, y);
            }
        }
        return hash;
    }
}
