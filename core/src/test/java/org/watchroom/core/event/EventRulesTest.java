package org.watchroom.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.core.testing.ScriptedPasses.at;
import static org.watchroom.core.testing.ScriptedPasses.det;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.event.EventSignal.EndReason;
import org.watchroom.core.event.EventSignal.Ended;
import org.watchroom.core.event.EventSignal.Started;
import org.watchroom.core.event.EventSignal.Updated;
import org.watchroom.core.event.track.StationaryMemory;
import org.watchroom.core.event.track.StationaryObject;
import org.watchroom.core.testing.ScriptedPasses;

/**
 * Scripted detector results on a 1000x1000 frame (so pixels / 1000 = normalised), one per second unless a test
 * says otherwise; no video.
 */
class EventRulesTest {

    private static final long CAMERA = 7;

    private final ScriptedPasses passes = new ScriptedPasses(CAMERA);

    /**
     * Rules for boxes scripted in place: objects here need not move before they count ({@code require_movement}
     * off), except in the tests about exactly that, which use {@link EventRuleConfig#parse} directly.
     */
    private static EventRuleConfig still(String json) {
        return EventRuleConfig.parse(json.replaceFirst("\\{", "{\"require_movement\": false, ").replace(", }", "}"));
    }

    private DetectionResult result(double seconds, Detection... detections) {
        return passes.result(seconds, detections);
    }

    private static Detection person(double score) {
        return det("person", score, 0.4, 0.4, 0.1, 0.3);
    }

    /** Feeds one result per second from {@code from} (inclusive) to {@code to} (exclusive), collecting signals. */
    private List<EventSignal> feed(EventRules rules, double from, double to, Detection... detections) {
        List<EventSignal> out = new ArrayList<>();
        for (double t = from; t < to; t++) {
            out.addAll(rules.accept(result(t, detections)));
        }
        return out;
    }

    private static <T> List<T> only(List<EventSignal> signals, Class<T> type) {
        return signals.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void scoresBelowTheThresholdNeverStartAnEvent() {
        EventRules rules = new EventRules(CAMERA, still("{}"));
        assertThat(feed(rules, 0, 20, person(0.64))).isEmpty();
        List<EventSignal> signals = feed(rules, 20, 25, person(0.65));
        assertThat(signals).singleElement().isInstanceOfSatisfying(Started.class, s -> {
            assertThat(s.cameraId()).isEqualTo(CAMERA);
            assertThat(s.label()).isEqualTo("person");
            assertThat(s.firstScore()).isEqualTo(0.65f);
            assertThat(s.box()).isEqualTo(new Region(0.4, 0.4, 0.1, 0.3));
            assertThat(s.at()).isEqualTo(at(24));
            assertThat(s.simulated()).isFalse();
        });
    }

    @Test
    void anEventNeedsFiveConsecutivePositiveResults() {
        EventRules rules = new EventRules(CAMERA, still("{}"));
        assertThat(feed(rules, 0, 4, person(0.9))).isEmpty();
        assertThat(rules.accept(result(4))).isEmpty(); // the gap breaks the run
        assertThat(feed(rules, 5, 9, person(0.9))).isEmpty();
        assertThat(rules.accept(result(9, person(0.9)))).singleElement().isInstanceOf(Started.class);
        assertThat(rules.isActive("person")).isTrue();
    }

    @Test
    void aMinimumDurationCanDecideInsteadOfFrames() {
        EventRuleConfig config = still("{\"min_frames\": 1, \"min_duration_s\": 2}");
        EventRules rules = new EventRules(CAMERA, config);
        List<EventSignal> out = new ArrayList<>();
        for (double t = 0; t < 2; t += 0.5) {
            out.addAll(rules.accept(result(t, person(0.9))));
        }
        assertThat(out).isEmpty();
        assertThat(rules.accept(result(2, person(0.9)))).singleElement().isInstanceOf(Started.class);
    }

    @Test
    void anEventEndsAfterFiveSecondsWithoutAPositiveAndOnlyRisingPeaksAreSent() {
        EventRules rules = new EventRules(CAMERA, still("{}"));
        Started started = only(feed(rules, 0, 5, person(0.7)), Started.class).getFirst();
        assertThat(feed(rules, 5, 7, person(0.7))).isEmpty(); // same score: nothing to say
        // half a box to the right: the same person, tracked
        List<EventSignal> higher = rules.accept(result(7, det("person", 0.9, 0.45, 0.4, 0.1, 0.3)));
        assertThat(higher).singleElement().isEqualTo(
                new Updated(started.eventKey(), 0.9f, new Region(0.45, 0.4, 0.1, 0.3), at(7), "person", true));
        assertThat(rules.accept(result(8, det("person", 0.8, 0.45, 0.4, 0.1, 0.3)))).isEmpty(); // under the peak
        // results keep coming with nobody in them, then stop; the event ends 5 s after the last positive
        assertThat(feed(rules, 9, 12)).isEmpty();
        assertThat(rules.tick(at(12.9))).isEmpty();
        assertThat(rules.tick(at(13.4))).singleElement()
                .isEqualTo(new Ended(started.eventKey(), at(13), EndReason.QUIET));
        assertThat(rules.isActive("person")).isFalse();
        assertThat(rules.tick(at(14))).isEmpty();
    }

    @Test
    void theCooldownBlocksTheSameLabelButNotAnother() {
        EventRules rules = new EventRules(CAMERA, still("{}"));
        feed(rules, 0, 5, person(0.9));
        assertThat(only(rules.tick(at(9)), Ended.class)).hasSize(1); // ended at 9, cooldown until 19
        Detection car = det("car", 0.9, 0.1, 0.6, 0.2, 0.15);
        List<EventSignal> during = feed(rules, 10, 18, person(0.9), car);
        assertThat(only(during, Started.class)).singleElement().satisfies(s -> assertThat(s.label()).isEqualTo("car"));
        assertThat(feed(rules, 18, 19, person(0.9))).isEmpty();
        // from 19 the person may start again, after five fresh positives
        List<EventSignal> after = feed(rules, 19, 24, person(0.9));
        assertThat(only(after, Started.class)).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("person");
            assertThat(s.at()).isEqualTo(at(23));
        });
    }

    @Test
    void includeZonesAndExcludeMasksTestTheBottomCentre() {
        // zone: the top half; mask: the left quarter
        EventRuleConfig config = still("""
                {"zones": [[[0,0],[1,0],[1,0.5],[0,0.5]]], "masks": [[[0,0],[0.25,0],[0.25,1],[0,1]]]}""");
        EventRules rules = new EventRules(CAMERA, config);
        // mostly inside the zone, but standing below it
        assertThat(feed(rules, 0, 10, det("person", 0.9, 0.5, 0.2, 0.1, 0.4))).isEmpty();
        // the box reaches into the mask, but the feet are outside it and inside the zone
        assertThat(only(feed(rules, 10, 15, det("person", 0.9, 0.2, 0.1, 0.2, 0.3)), Started.class)).hasSize(1);
        rules.endAll(at(15));
        // inside the zone, but the feet are in the mask
        assertThat(feed(rules, 15, 25, det("dog", 0.9, 0.1, 0.2, 0.1, 0.2))).isEmpty();
    }

    @Test
    void boxesBelowTheMinimumAreaDoNotCount() {
        EventRules rules = new EventRules(CAMERA, still("{\"min_box_area\": 0.01}"));
        assertThat(feed(rules, 0, 10, det("person", 0.9, 0.5, 0.5, 0.05, 0.1))).isEmpty(); // 0.005 of the frame
        assertThat(only(feed(rules, 10, 15, det("person", 0.9, 0.5, 0.5, 0.1, 0.1)), Started.class)).hasSize(1);
    }

    @Test
    void aParkedCarStopsAlertingButAPersonWalkingPastStillDoes() {
        EventRuleConfig config = still("{\"stationary_s\": 20}");
        EventRules rules = new EventRules(CAMERA, config);
        List<EventSignal> signals = new ArrayList<>();
        for (int t = 0; t < 300; t++) {
            List<Detection> dets = new ArrayList<>();
            // the detector jitters by a few pixels around a car that never moves
            double jitter = (t % 3 - 1) * 0.002;
            dets.add(det("car", 0.9, 0.1 + jitter, 0.6, 0.2, 0.15));
            if (t >= 200 && t < 240) { // someone walks across in front of it
                dets.add(det("person", 0.9, 0.05 + (t - 200) * 0.02, 0.5, 0.08, 0.3));
            }
            signals.addAll(rules.accept(result(t, dets.toArray(Detection[]::new))));
            signals.addAll(rules.tick(at(t + 0.5)));
        }
        List<Started> started = only(signals, Started.class);
        // the car's arrival is an event; once it has stood still for 20 s it neither extends it nor starts another
        assertThat(started).extracting(Started::label).containsExactly("car", "person");
        Started car = started.getFirst();
        assertThat(car.at()).isEqualTo(at(4));
        assertThat(only(signals, Ended.class)).filteredOn(e -> e.eventKey().equals(car.eventKey()))
                .singleElement().satisfies(e -> assertThat(e.at()).isEqualTo(at(20 + 5)));
        assertThat(started.get(1).at()).isEqualTo(at(204));
    }

    @Test
    void aDismissedEventsBoxSuppressesThatLabelThere() {
        EventRules rules = new EventRules(CAMERA, still("{\"stationary_s\": 0}"));
        Detection car = det("car", 0.9, 0.1, 0.6, 0.2, 0.15);
        Started dismissed = only(feed(rules, 0, 5, car), Started.class).getFirst();
        rules.setConfig(rules.config().withSuppression("car", dismissed.box()));
        assertThat(rules.config().suppressions("car")).containsExactly(new Region(0.1, 0.6, 0.2, 0.15));
        assertThat(only(rules.tick(at(9)), Ended.class)).hasSize(1);

        // the same car, boxes jittering, long after the cooldown: nothing
        Detection jittered = det("car", 0.9, 0.11, 0.59, 0.19, 0.17);
        assertThat(feed(rules, 30, 60, jittered)).isEmpty();
        // a person there, or a car elsewhere, still alerts
        List<EventSignal> others = feed(rules, 60, 65, jittered, det("person", 0.9, 0.15, 0.55, 0.08, 0.2),
                det("car", 0.9, 0.6, 0.6, 0.2, 0.15));
        assertThat(only(others, Started.class)).extracting(Started::label).containsExactlyInAnyOrder("person", "car");
        rules.endAll(at(65));

        // removed in settings: the spot alerts again
        rules.setConfig(rules.config().withoutSuppression("car", dismissed.box()));
        assertThat(only(feed(rules, 65, 70, car), Started.class)).hasSize(1);
    }

    @Test
    void aLabelCanHaveItsOwnThreshold() {
        EventRuleConfig config = still("{}")
                .withOverride("car", EventRuleConfig.LabelOverride.minScore(0.85));
        EventRules rules = new EventRules(CAMERA, config);
        List<EventSignal> signals = feed(rules, 0, 10, person(0.8), det("car", 0.8, 0.6, 0.6, 0.2, 0.15));
        assertThat(only(signals, Started.class)).extracting(Started::label).containsExactly("person");
        assertThat(only(feed(rules, 10, 15, det("car", 0.86, 0.6, 0.6, 0.2, 0.15)), Started.class)).hasSize(1);
    }

    @Test
    void labelsNotWatchedAndDisabledCamerasMakeNoEvents() {
        EventRules rules = new EventRules(CAMERA, still("{\"labels\": [\"car\"]}"));
        assertThat(feed(rules, 0, 10, person(0.9))).isEmpty();
        EventRules off = new EventRules(CAMERA, still("{\"enabled\": false}"));
        assertThat(feed(off, 0, 10, person(0.9))).isEmpty();
    }

    @Test
    void aSimulatedEventStartsAtOnceAndEndsByItself() {
        EventRules rules = new EventRules(CAMERA, still("{}"));
        Started sim = rules.simulate("person", 0.9f, at(0));
        assertThat(sim.simulated()).isTrue();
        assertThat(sim.cameraId()).isEqualTo(CAMERA);
        assertThat(sim.label()).isEqualTo("person");
        assertThat(sim.at()).isEqualTo(at(0));
        assertThat(rules.tick(at(4))).isEmpty();
        // a real person meanwhile is its own event: the simulation leaves the label's state alone
        List<EventSignal> meanwhile = feed(rules, 1, 6, person(0.9));
        assertThat(only(meanwhile, Started.class)).singleElement()
                .satisfies(s -> assertThat(s.eventKey()).isNotEqualTo(sim.eventKey()));
        // the result at 5 s lets time pass too: the simulation ends then, after the label's end_after_s
        assertThat(only(meanwhile, Ended.class)).containsExactly(
                new Ended(sim.eventKey(), at(5), EndReason.SIMULATION_DONE));
        assertThat(rules.tick(at(7))).isEmpty();
        assertThat(rules.isActive("person")).isTrue();
    }

    @Test
    void endAllClosesRunningAndSimulatedEvents() {
        EventRules rules = new EventRules(CAMERA, still("{}"));
        Started real = only(feed(rules, 0, 5, person(0.9)), Started.class).getFirst();
        Started sim = rules.simulate("car", 0.5f, at(5));
        assertThat(rules.endAll(at(6))).containsExactly(new Ended(real.eventKey(), at(6), EndReason.CLOSED),
                new Ended(sim.eventKey(), at(6), EndReason.CLOSED));
        assertThat(rules.tick(at(60))).isEmpty();
    }

    @Test
    void anEventThatKeepsGoingEndsAtMaxLengthAndAContinuationNamingItGoesOn() {
        EventRules rules = new EventRules(CAMERA, still("{\"max_length_s\": 30, \"stationary_s\": 0}"));

        List<EventSignal> signals = feed(rules, 0, 70, person(0.9));

        List<Started> started = only(signals, Started.class);
        List<Ended> ended = only(signals, Ended.class);
        assertThat(started).hasSize(3);
        assertThat(started.get(0).continues()).isNull();
        assertThat(started.get(0).at()).isEqualTo(at(4));
        assertThat(ended).extracting(Ended::reason).containsExactly(EndReason.MAX_LENGTH, EndReason.MAX_LENGTH);
        assertThat(ended.get(0).eventKey()).isEqualTo(started.get(0).eventKey());
        assertThat(ended.get(0).at()).isEqualTo(at(34));
        assertThat(started.get(1).continues()).isEqualTo(started.get(0).eventKey());
        assertThat(started.get(1).at()).isEqualTo(at(34));
        assertThat(started.get(2).continues()).isEqualTo(started.get(1).eventKey());
        assertThat(signals.indexOf(ended.get(0))).as("the end comes before its continuation")
                .isEqualTo(signals.indexOf(started.get(1)) - 1);
        assertThat(rules.tick(at(80))).containsExactly(new Ended(started.get(2).eventKey(), at(74), EndReason.QUIET));
    }

    @Test
    void maxLengthZeroMeansNoLimitAndOddValuesAreRefused() {
        EventRules rules = new EventRules(CAMERA, still("{\"max_length_s\": 0, \"stationary_s\": 0}"));
        assertThat(only(feed(rules, 0, 2000, person(0.9)), Started.class)).hasSize(1);
        assertThat(still("{}").maxLengthSeconds()).isEqualTo(600);
        Assertions.assertThatThrownBy(() -> still("{\"max_length_s\": 5}"))
                .hasMessageContaining("max_length_s must be 0 (no limit) or between 10 and 86400");
    }

    @Test
    void eachPersonIsTheirOwnEventWhileTheyAreBothThere() {
        EventRules rules = new EventRules(CAMERA, still("{}"));
        Detection nearTheGate = det("person", 0.9, 0.1, 0.4, 0.1, 0.3);
        Detection nearTheDoor = det("person", 0.8, 0.7, 0.4, 0.1, 0.3);
        List<Started> started = only(feed(rules, 0, 10, nearTheGate, nearTheDoor), Started.class);
        assertThat(started).hasSize(2);
        assertThat(started).extracting(Started::trackId).doesNotHaveDuplicates().doesNotContain(0L);
        assertThat(feed(rules, 10, 20, nearTheGate, nearTheDoor)).as("one event per object, not per frame")
                .noneMatch(Started.class::isInstance);
    }

    @Test
    void aVanSeenAsCarAndTruckIsOneEventNamedByTheVote() {
        EventRules rules = new EventRules(CAMERA, still("{\"stationary_s\": 0}"));
        List<EventSignal> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String label = i < 5 ? "truck" : "car"; // first seen from behind as a truck
            out.addAll(rules.accept(result(i, det(label, 0.8, 0.3 + 0.005 * i, 0.6, 0.25, 0.15))));
        }
        out.addAll(rules.tick(at(60)));
        List<Started> started = only(out, Started.class);
        assertThat(started).hasSize(1);
        // the first passes said truck, so the event began as one; the vote then turned it into a car, once
        assertThat(started.getFirst().label()).isEqualTo("truck");
        assertThat(only(out, Updated.class)).extracting(Updated::label).containsExactly("car");
        assertThat(only(out, Updated.class)).extracting(Updated::peakRose).as("a new name keeps the peak's picture")
                .containsExactly(false);
        assertThat(only(out, Ended.class)).hasSize(1);
    }

    @Test
    void aParkedCarRememberedAcrossARestartRaisesNothing() {
        EventRuleConfig config = still("{\"stationary_s\": 20}");
        List<StationaryObject> database = new ArrayList<>();
        StationaryMemory memory = new StationaryMemory() {
            @Override
            public List<StationaryObject> load() {
                return List.copyOf(database);
            }

            @Override
            public void save(List<StationaryObject> objects) {
                database.clear();
                database.addAll(objects);
            }
        };
        Detection car = det("car", 0.9, 0.6, 0.6, 0.2, 0.15);
        EventRules first = new EventRules(CAMERA, config, memory);
        assertThat(only(feed(first, 0, 40, car), Started.class)).as("it drove in and parked: one event").hasSize(1);
        assertThat(database).hasSize(1);

        for (int restart = 1; restart <= 3; restart++) {
            EventRules again = new EventRules(CAMERA, config, memory);
            assertThat(feed(again, 1000 * restart, 1000 * restart + 60, car)).as("after restart " + restart).isEmpty();
        }
    }

    @Test
    void whatWasThereBeforeTheStartAndNeverMovedRaisesNothingButAnArrivalDoes() {
        EventRules rules = new EventRules(CAMERA, EventRuleConfig.parse("{\"stationary_s\": 20}"));
        List<EventSignal> signals = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            double jitter = (t % 3 - 1) * 0.003;
            List<Detection> dets = new ArrayList<>();
            dets.add(det("car", 0.9, 0.1 + jitter, 0.6, 0.2, 0.15)); // parked before the engine started
            dets.add(det("person", 0.8, 0.8, 0.2 + jitter, 0.05, 0.2)); // a statue the model takes for a person
            // from 30 s a person half hidden behind the parked car, whose box grows and shrinks as they shift
            if (t >= 30 && t < 60) {
                dets.add(det("person", 0.8, 0.15, 0.5, 0.06 + (t % 2) * 0.03, 0.25));
            }
            if (t >= 60 && t < 75) { // a car drives in from the left and parks
                dets.add(det("car", 0.9, Math.min(0.5, (t - 60) * 0.05), 0.3, 0.2, 0.15));
            } else if (t >= 75) {
                dets.add(det("car", 0.9, 0.5, 0.3, 0.2, 0.15));
            }
            signals.addAll(rules.accept(result(t, dets.toArray(Detection[]::new))));
        }
        assertThat(only(signals, Started.class)).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("car");
            assertThat(s.box().x()).isGreaterThan(0.1);
        });
    }

    @Test
    void aLoiteringZoneRaisesAPersonOnlyAfterItsDwellTimeAndNamesTheZone() {
        // the right half of the picture, for people, who must stay 30 s
        EventRuleConfig config = still("""
                {"zones": [{"name": "Loading bay", "points": [[0.5,0],[1,0],[1,1],[0.5,1]], "labels": ["person"],
                            "dwell_s": 30}]}""");
        EventRules rules = new EventRules(CAMERA, config);
        List<EventSignal> out = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            // a person strolls in the bay from 0 s; a car stands in it all along; someone passes on the left side
            out.addAll(rules.accept(result(t, det("person", 0.9, 0.6 + (t % 5) * 0.01, 0.4, 0.1, 0.3),
                    det("car", 0.9, 0.75, 0.6, 0.2, 0.15), det("person", 0.9, 0.1, 0.1, 0.1, 0.3))));
        }
        List<Started> started = only(out, Started.class);
        assertThat(started).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("person");
            assertThat(s.at()).as("30 s in the zone, five passes counted from there").isEqualTo(at(34));
            assertThat(s.zones()).containsExactly("Loading bay");
        });
    }

    @Test
    void zonesReadTheOldFormAndWriteItBackWhenTheyHaveNothingMore() {
        EventRuleConfig old = EventRuleConfig.parse("{\"zones\": [[[0,0],[1,0],[1,0.5]]]}");
        assertThat(old.zones()).singleElement().satisfies(z -> {
            assertThat(z.name()).isEmpty();
            assertThat(z.labels()).isEmpty();
            assertThat(z.dwellSeconds()).isZero();
        });
        assertThat(old.toJson()).contains("\"zones\":[[[0.0,0.0],[1.0,0.0],[1.0,0.5]]]");
        EventRuleConfig named = EventRuleConfig.parse("""
                {"zones": [{"name": "Door", "points": [[0,0],[1,0],[1,0.5]], "labels": ["person"], "dwell_s": 5}]}""");
        assertThat(EventRuleConfig.parse(named.toJson())).isEqualTo(named);
        Assertions.assertThatThrownBy(() -> EventRuleConfig.parse("{\"zones\": [{\"points\": [[0,0]]}]}"))
                .hasMessageContaining("at least 3 points");
        Assertions.assertThatThrownBy(() -> EventRuleConfig.parse("{\"zones\": [{\"pts\": []}]}"))
                .hasMessageContaining("unknown zone field 'pts'");
        Assertions.assertThatThrownBy(() -> EventRuleConfig.parse(
                "{\"zones\": [{\"points\": [[0,0],[1,0],[1,1]], \"labels\": \"person\"}]}"))
                .hasMessageContaining("zone labels are a list");
        Assertions.assertThatThrownBy(() -> EventRuleConfig.parse("{\"zones\": [null]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not contain null");
        Assertions.assertThatThrownBy(() -> EventRuleConfig.parse("{\"motion_masks\": [null]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
