package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.event.Region;
import org.watchroom.core.event.track.StationaryObject;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.StationaryStore;

/**
 * The engine's stationary memory: written through the event writer, read back by the next run of the engine (a new
 * database connection, as after a restart), per camera. Real H2 file.
 */
class StoredStationaryMemoryTest {
    @TempDir
    Path dataDir;

    @Test
    void whatOneRunSavesTheNextRunLoadsAndEachCameraKeepsItsOwn() {
        StationaryObject van = new StationaryObject("truck", new Region(0.85, 0.07, 0.1, 0.1),
                Instant.parse("2026-12-07T10:01:40Z"));
        StationaryObject car = new StationaryObject("car", new Region(0.95, 0.09, 0.045, 0.074),
                Instant.parse("2026-12-07T10:01:41Z"));
        try (Database db = Database.open(dataDir)) {
            EventWriter writer = new EventWriter(db);
            StoredStationaryMemory yard = new StoredStationaryMemory(5, new StationaryStore(db), writer);
            StoredStationaryMemory demo = new StoredStationaryMemory(-5, new StationaryStore(db), writer);
            assertThat(yard.load()).isEmpty();
            yard.save(List.of(van));
            yard.save(List.of(van, car)); // replaced as a whole
            demo.save(List.of(car));
            writer.close(Duration.ofSeconds(10)); // the engine stops: queued writes land first
        }
        try (Database db = Database.open(dataDir)) {
            EventWriter writer = new EventWriter(db);
            assertThat(new StoredStationaryMemory(5, new StationaryStore(db), writer).load())
                    .containsExactly(van, car);
            assertThat(new StoredStationaryMemory(-5, new StationaryStore(db), writer).load()).containsExactly(car);
            assertThat(new StoredStationaryMemory(6, new StationaryStore(db), writer).load()).isEmpty();
            writer.close(Duration.ofSeconds(10));
        }
    }
}
