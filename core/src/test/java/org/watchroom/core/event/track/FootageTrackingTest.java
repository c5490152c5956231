package org.watchroom.core.event.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.StationaryStore;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TrackReplay;

/**
 * The first 40 s of vtest.avi (pedestrians, a parked van and car) through YOLOX-nano at 5 passes a second, then
 * played three times through fresh event rules, an engine start each, with the stationary objects kept in a real H2
 * database between them. docs/performance.md has the same on the whole clip (TrackingBenchmark).
 */
@SlowTest
class FootageTrackingTest {
    private static List<TrackReplay.Pass> passes;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void detectOnce() throws Exception {
        passes = TrackReplay.detect(TestMedia.file("vtest.avi"), 399, 2, 10).passes();
    }

    private List<TrackReplay.Play> threePlays(String rules) {
        List<TrackReplay.Play> plays = new ArrayList<>();
        try (Database db = Database.open(dataDir)) {
            StationaryStore store = new StationaryStore(db);
            for (int play = 0; play < 3; play++) {
                plays.add(TrackReplay.play(passes, EventRuleConfig.parse(rules), TrackReplay.memory(store, 1),
                        Instant.parse("2026-12-07T10:00:00Z").plusSeconds(60L * play)));
            }
        }
        return plays;
    }

    @Test
    void theParkedVehiclesNeverAlertAndEachPlayCountsTheSamePeople() {
        List<TrackReplay.Play> plays = threePlays("{}");
        for (TrackReplay.Play play : plays) {
            assertThat(play.events(TrackReplay.VEHICLES)).as("vehicle events").isZero();
            assertThat(play.events(Set.of("person"))).as("person events").isBetween(3, 20);
            assertThat(play.votedFlips()).as("labels shown flip less than the detector's")
                    .isLessThanOrEqualTo(play.rawFlips());
        }
        assertThat(plays).extracting(p -> p.events(Set.of("person"))).containsOnly(plays.getFirst()
                .events(Set.of("person")));
    }

    @Test
    void parkedVehiclesThatAlertedOnceAreRememberedAcrossRestarts() {
        // without require_movement the van and car alert when first seen, become stationary after 10 s and are kept
        List<TrackReplay.Play> plays = threePlays("{\"require_movement\": false, \"stationary_s\": 10}");
        assertThat(plays.get(0).events(TrackReplay.VEHICLES)).as("first start").isPositive();
        assertThat(plays.get(1).events(TrackReplay.VEHICLES)).as("after a restart").isZero();
        assertThat(plays.get(2).events(TrackReplay.VEHICLES)).as("after another").isZero();
    }
}
