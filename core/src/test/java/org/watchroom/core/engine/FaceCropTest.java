package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.detect.FaceCrop;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.event.EventRules;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.StoredDetection;
import org.watchroom.core.testing.Waits;

/** Each face's detection row names the crop made for that very face, even when two faces look the same. */
class FaceCropTest {
    @TempDir
    Path dir;

    @Test
    void twoEqualFacesKeepTheirOwnCrops() throws Exception {
        try (Database db = Database.open(dir.resolve("db"));
             EventWriter writer = new EventWriter(db)) {
            EventStores stores = EventStores.of(db);
            EventBus bus = new EventBus();
            AtomicLong eventId = new AtomicLong();
            try (AutoCloseable _ = bus.subscribe(WatchroomEvent.EventStarted.class, e -> eventId.set(e.eventId()));
                 CameraEvents events = new CameraEvents(0, "porch", new EventRules(0, EventRuleConfig.defaults()),
                         stores, new FrameRing(3, 64, 64), dir.resolve("snapshots"), bus, writer, null,
                         label -> Optional.empty())) {
                events.simulate("face");
                Waits.until(Duration.ofSeconds(5), () -> eventId.get() > 0);

                Box box = new Box(10, 10, 20, 20);
                Detection first = new Detection("face", 0, 0.9f, box, null);
                Detection second = new Detection("face", 0, 0.9f, box, null); // equal to the first, another face
                byte[] firstJpeg = {1, 2, 3};
                byte[] secondJpeg = {4, 5, 6};
                events.accept(new DetectionResult(0, "porch", 1, Instant.now(), 64, 64, List.of(first, second),
                        List.of(new FaceCrop(first, firstJpeg), new FaceCrop(second, secondJpeg))));
                Waits.until(Duration.ofSeconds(5), () -> stores.detections().forEvent(eventId.get()).size() == 2);

                List<StoredDetection> rows = stores.detections().forEvent(eventId.get());
                assertThat(rows).extracting(StoredDetection::cropPath).doesNotContainNull().doesNotHaveDuplicates();
                assertThat(rows.stream().map(r -> read(r.cropPath())).toList())
                        .containsExactlyInAnyOrder(firstJpeg, secondJpeg);
            }
        }
    }

    private static byte[] read(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
