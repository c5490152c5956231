package org.watchroom.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.RtspTest;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;
import org.watchroom.core.testing.Waits;

/** The per-camera detect loop on real cameras with the real models. */
@RtspTest
@OnnxTest
@SlowTest
class DetectLoopTest {
    @TempDir
    Path temp;

    @Test
    void rtspCameraWithPeopleGetsResultsAtTheConfiguredRate() throws Exception {
        List<DetectionResult> results = new CopyOnWriteArrayList<>();
        DetectConfig config = DetectConfig.parse("{\"fps\": 4, \"faces\": \"in_persons\"}");
        try (RtspTestServer server = RtspTestServer.builder().footage(TestMedia.file("vtest.avi")).start();
             CameraSource camera = new CameraSource("street", CameraUrl.parse(server.url("/vtest")), SourceOptions.defaults());
             InferenceEnvironment environment = InferenceEnvironment.create();
             DetectScheduler scheduler = new DetectScheduler(2)) {
            camera.start();
            Waits.until(Duration.ofSeconds(15), () -> camera.state() instanceof CameraState.Live);
            try (DetectLoop loop = new DetectLoop(scheduler, 7, "street", camera.ring(), environment.open(TestModels.yolox()),
                    environment.open(TestModels.yunet()), config, results::add)) {
                loop.start();
                Thread.sleep(1000); // let the first passes warm up the models
                long runsBefore = loop.stats().runs();
                Thread.sleep(5000);
                long runs = loop.stats().runs() - runsBefore;
                assertThat(runs).as("4 fps for 5 s, ±20 %").isBetween(16L, 24L);
                DetectStats stats = loop.stats();
                assertThat(stats.inferenceMsP50()).isPositive();
                assertThat(stats.preprocessMsP50()).isPositive();
                assertThat(stats.lastError()).isNull();
            }
        }
        DetectionResult last = results.getLast();
        assertThat(last.cameraId()).isEqualTo(7);
        assertThat(last.frameWidth()).isEqualTo(768);
        assertThat(last.frameSequence()).isPositive();
        assertThat(results).anyMatch(r -> r.detections().stream().filter(d -> d.label().equals("person")).count() >= 3);
        assertThat(results).allMatch(r -> r.detections().stream().allMatch(d -> DetectConfig.DEFAULT_LABELS.contains(d.label())
                || d.label().equals("face")));
        // faces only inside persons, each with its JPEG crop
        for (DetectionResult r : results) {
            List<Detection> faces = r.detections().stream().filter(d -> d.label().equals("face")).toList();
            assertThat(r.faceCrops()).hasSize(faces.size());
        }
    }

    @Test
    void aStillPictureIsSkippedByTheMotionGateButStillCheckedNowAndThen() throws Exception {
        List<DetectionResult> results = new CopyOnWriteArrayList<>();
        DetectConfig config = DetectConfig.parse("{\"fps\": 5, \"force_every_s\": 2, \"faces\": \"off\"}");
        try (CameraSource camera = new CameraSource("still", CameraUrl.parse("lavfi:color=c=gray:size=320x240:rate=10"),
                SourceOptions.defaults());
             InferenceEnvironment environment = InferenceEnvironment.create();
             DetectScheduler scheduler = new DetectScheduler(2)) {
            camera.start();
            Waits.until(Duration.ofSeconds(10), () -> camera.state() instanceof CameraState.Live);
            try (DetectLoop loop = new DetectLoop(scheduler, 1, "still", camera.ring(), environment.open(TestModels.yolox()), null,
                    config, results::add)) {
                loop.start();
                Thread.sleep(4500);
                DetectStats stats = loop.stats();
                assertThat(stats.runs()).as("first frame, then one forced pass every 2 s").isBetween(2L, 4L);
                assertThat(stats.skippedNoMotion()).isGreaterThan(15);
            }
        }
        assertThat(results).allMatch(r -> r.detections().isEmpty());
    }

    @Test
    void aCorruptModelSwitchesDetectionOffAndTheCamerasKeepStreaming() throws Exception {
        Path corrupt = Files.write(temp.resolve("broken.onnx"), new byte[] {1, 2, 3, 4, 5});
        DetectionService detection = DetectionService.forModels(DetectorModel.of(corrupt, "yolox"), null);
        assertThat(detection.enabled()).isFalse();
        assertThat(detection.status()).startsWith("off: ").contains("broken.onnx");
        List<WatchroomEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = Database.open(temp.resolve("data"));
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(), detection)) {
            engine.bus().subscribe(WatchroomEvent.class, events::add);
            engine.store().add(Camera.create("Gate", "lavfi:testsrc2=size=320x240:rate=10", null, null), People.ADMIN);
            engine.start(false);
            LiveCamera gate = engine.cameras().getFirst();
            Waits.until(Duration.ofSeconds(10), () -> gate.display().state() instanceof CameraState.Live);
            assertThat(gate.detectStats()).isEmpty();
            assertThat(engine.detection().status()).contains("broken.onnx");
        }
        assertThat(events).noneMatch(e -> e instanceof WatchroomEvent.DetectionsReady);
    }

    @Test
    void detectionResultsReachTheBusFromTheEngine() throws Exception {
        List<DetectionResult> results = new CopyOnWriteArrayList<>();
        DetectionService detection = DetectionService.forModels(TestModels.yolox(), TestModels.yunet());
        try (Database db = Database.open(temp.resolve("data"));
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(), detection)) {
            engine.bus().subscribe(WatchroomEvent.DetectionsReady.class, e -> results.add(e.result()));
            Camera street = engine.store().add(Camera.create("Street", TestMedia.file("vtest.avi") + "?loop=1", null, null), People.ADMIN);
            engine.start(false);
            Waits.until(Duration.ofSeconds(20), () -> results.stream().anyMatch(r -> !r.detections().isEmpty()));
            assertThat(results.getFirst().cameraId()).isEqualTo(street.id());
            assertThat(engine.cameras().getFirst().detectStats()).isPresent();
        }
    }
}
