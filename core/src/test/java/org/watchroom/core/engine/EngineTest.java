package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.auth.Role;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.Waits;

class EngineTest {
    @TempDir
    Path dataDir;

    @Test
    void subStreamFeedsTheWallAndTheMainStreamRunsOnlyWhileNeeded() {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(),
                     DetectionService.off("test"), RecordingOptions.off())) {
            engine.store().add(Camera.create("Yard", "lavfi:testsrc2=size=1280x720:rate=10",
                    "lavfi:testsrc2=size=320x180:rate=10", null), People.ADMIN);
            engine.start(false);
            LiveCamera yard = engine.cameras().getFirst();
            assertThat(yard.hasSubStream()).isTrue();
            assertFrameSize(yard.display(), 320, 180);

            CameraSource main = yard.acquireMain();
            assertThat(main).isNotSameAs(yard.display());
            assertFrameSize(main, 1280, 720);
            assertThat(yard.acquireMain()).as("one main connection, shared").isSameAs(main);
            yard.releaseMain();
            assertThat(main.state()).isNotInstanceOf(CameraState.Stopped.class);
            yard.releaseMain();
            Waits.until(Duration.ofSeconds(5), () -> main.state() instanceof CameraState.Stopped);
        }
    }

    @Test
    void aRecordedMainStreamStaysConnectedButIsDecodedOnlyWhileWatched() throws Exception {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            engine.store().add(Camera.create("Dock", "lavfi:testsrc2=size=1280x720:rate=10",
                    "lavfi:testsrc2=size=320x180:rate=10", null), People.ADMIN);
            engine.start(false);
            LiveCamera dock = engine.cameras().getFirst();
            CameraSource main = dock.acquireMain(); // the focus view
            Waits.until(Duration.ofSeconds(10), () -> main.state() instanceof CameraState.Live);
            assertThat(main.stats().framesDecoded()).as("unwatched: packets flow for the recorder, no decode").isZero();
            assertFrameSize(main, 1280, 720);
            dock.releaseMain();
            Thread.sleep(300);
            long decoded = main.stats().framesDecoded();
            Thread.sleep(1000);
            assertThat(main.state()).as("kept open for recording").isInstanceOf(CameraState.Live.class);
            assertThat(main.stats().framesDecoded()).as("no reader, no decoding").isEqualTo(decoded);
        }
    }

    @Test
    void withoutTheDemoWallAServiceWithNoCameraRunsNoneUntilOneIsAdded() {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            engine.start(DemoWall.NEVER);
            assertThat(engine.demo()).isFalse();
            assertThat(engine.cameras()).as("no demo camera on a service").isEmpty();

            engine.store().add(Camera.create("Gate", "lavfi:testsrc2=size=160x120:rate=10", null, null), People.ADMIN);
            engine.reload();
            assertThat(engine.cameras()).extracting(c -> c.camera().name()).containsExactly("Gate");
        }
    }

    @Test
    void beforeTheFirstAdministratorOnlyTheDemoRunsThenTheConfiguredCamerasStartByThemselves() {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            engine.store().add(Camera.create("Gate", "lavfi:testsrc2=size=160x120:rate=10", null, null), People.ADMIN);
            engine.holdCamerasForFirstAdministrator();
            engine.start(DemoWall.WHEN_EMPTY);
            assertThat(engine.waitingForAdministrator()).isTrue();
            assertThat(engine.demo()).isTrue();
            assertThat(engine.cameras()).as("the demo wall, not the configured camera").isNotEmpty()
                    .allMatch(c -> c.camera().id() < 0);

            engine.store().add(Camera.create("Yard", "lavfi:testsrc2=size=160x120:rate=10", null, null), People.ADMIN);
            engine.reloadIfStarted(); // as `watchroom cameras add` beside the engine does
            assertThat(engine.cameras()).as("a camera added meanwhile waits too").allMatch(c -> c.camera().id() < 0);

            new UserStore(db).add("chief", "Chief", Role.ADMIN, "chief password".toCharArray(), null);
            Waits.until(Duration.ofSeconds(10), () -> engine.cameras().stream().noneMatch(c -> c.camera().id() < 0));
            assertThat(engine.cameras()).extracting(c -> c.camera().name()).containsExactly("Gate", "Yard");
            assertThat(engine.demo()).isFalse();
            assertThat(engine.waitingForAdministrator()).isFalse();
        }
    }

    @Test
    void aServiceWithoutTheDemoRunsNothingBeforeTheFirstAdministrator() {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            engine.store().add(Camera.create("Gate", "lavfi:testsrc2=size=160x120:rate=10", null, null), People.ADMIN);
            engine.holdCamerasForFirstAdministrator();
            engine.start(DemoWall.NEVER);
            assertThat(engine.demo()).isFalse();
            assertThat(engine.cameras()).isEmpty();

            new UserStore(db).add("chief", "Chief", Role.ADMIN, "chief password".toCharArray(), null);
            Waits.until(Duration.ofSeconds(10), () -> engine.cameras().size() == 1);
            assertThat(engine.cameras().getFirst().camera().name()).isEqualTo("Gate");
        }
    }

    @Test
    void anInstallationWithAnAdministratorStartsItsCamerasAtOnce() {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            new UserStore(db).add("chief", "Chief", Role.ADMIN, "chief password".toCharArray(), null);
            engine.store().add(Camera.create("Gate", "lavfi:testsrc2=size=160x120:rate=10", null, null), People.ADMIN);
            engine.holdCamerasForFirstAdministrator();
            engine.start(DemoWall.WHEN_EMPTY);
            assertThat(engine.waitingForAdministrator()).isFalse();
            assertThat(engine.cameras()).extracting(c -> c.camera().name()).containsExactly("Gate");
        }
    }

    @Test
    void reloadStartsStopsAndRestartsOnlyWhatChanged() {
        List<WatchroomEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            engine.bus().subscribe(WatchroomEvent.class, events::add);
            engine.start(false);
            assertThat(engine.demo()).isTrue();
            assertThat(engine.cameras()).hasSize(4);

            Camera a = engine.store().add(Camera.create("A", "lavfi:testsrc2=size=160x120:rate=10", null, null), People.ADMIN);
            Camera b = engine.store().add(Camera.create("B", "lavfi:testsrc2=size=160x120:rate=10", null, null), People.ADMIN);
            engine.reload();
            assertThat(engine.demo()).isFalse();
            assertThat(engine.cameras()).extracting(c -> c.camera().name()).containsExactly("A", "B");
            LiveCamera liveA = engine.cameras().getFirst();
            Waits.until(Duration.ofSeconds(10), () -> liveA.display().state() instanceof CameraState.Live);

            engine.store().update(b.withDetails("B", "lavfi:testsrc2=size=320x240:rate=10", null, null, null), People.ADMIN);
            engine.reload();
            assertThat(engine.cameras().getFirst()).as("A unchanged, not restarted").isSameAs(liveA);

            engine.store().update(a.withEnabled(false), People.ADMIN);
            engine.reload();
            assertThat(engine.cameras()).extracting(c -> c.camera().name()).containsExactly("B");
            assertThat(liveA.display().state()).isInstanceOf(CameraState.Stopped.class);
            assertThat(events).anyMatch(e -> e instanceof WatchroomEvent.CamerasChanged);
            assertThat(events).anyMatch(e -> e instanceof WatchroomEvent.CameraStateChanged s
                    && s.cameraName().equals("A") && s.state() instanceof CameraState.Live);
        }
    }

    private static void assertFrameSize(CameraSource source, int width, int height) {
        try (FrameRing.Reader reader = source.ring().newReader("test")) {
            Waits.until(Duration.ofSeconds(10), reader::hasNewer);
            FrameSlot slot = reader.acquireNewest();
            assertThat(slot.width()).isEqualTo(width);
            assertThat(slot.height()).isEqualTo(height);
        }
    }
}
