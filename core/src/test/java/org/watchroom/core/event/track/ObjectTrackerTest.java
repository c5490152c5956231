package org.watchroom.core.event.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.core.testing.ScriptedPasses.at;
import static org.watchroom.core.testing.ScriptedPasses.det;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.event.Region;
import org.watchroom.core.testing.ScriptedPasses;

/** Scripted boxes on a 1000×1000 frame (pixels / 1000 = normalised), five passes a second; no video. */
class ObjectTrackerTest {
    private static final double PASS = 0.2;

    private final ScriptedPasses passes = new ScriptedPasses(7);

    private DetectionResult result(double seconds, Detection... detections) {
        return passes.result(seconds, detections);
    }

    private static ObjectTracker tracker(double stationarySeconds, StationaryMemory memory) {
        return new ObjectTracker(TrackerConfig.defaults(), label -> stationarySeconds, memory);
    }

    /** A memory that keeps what was saved, as the database does across a restart. */
    private static final class Kept implements StationaryMemory {
        List<StationaryObject> saved = List.of();

        @Override
        public List<StationaryObject> load() {
            return saved;
        }

        @Override
        public void save(List<StationaryObject> objects) {
            saved = List.copyOf(objects);
        }
    }

    @Test
    void twoPeopleWhosePathsCrossKeepTheirNumbers() {
        ObjectTracker tracker = tracker(0, StationaryMemory.NONE);
        List<Long> walkingRight = new ArrayList<>();
        List<Long> walkingLeft = new ArrayList<>();
        // 0.1 → 0.8 and 0.8 → 0.1 in 5 s; at the crossing (about 2.5 s) one hides the other for two passes
        for (int i = 0; i <= 25; i++) {
            double t = i * PASS;
            double a = 0.1 + 0.14 * t;
            double b = 0.8 - 0.14 * t;
            boolean hidden = i == 12 || i == 13;
            Detection right = det("person", 0.9, a, 0.40, 0.08, 0.3);
            Detection left = det("person", 0.8, b, 0.42, 0.08, 0.3);
            Tracked tracked = tracker.update(hidden ? result(t, right) : result(t, right, left));
            walkingRight.add(tracked.result().detections().get(0).trackId());
            if (!hidden) {
                walkingLeft.add(tracked.result().detections().get(1).trackId());
            }
        }
        assertThat(walkingRight).containsOnly(walkingRight.getFirst());
        assertThat(walkingLeft).containsOnly(walkingLeft.getFirst());
        assertThat(walkingRight.getFirst()).isNotEqualTo(walkingLeft.getFirst());
    }

    @Test
    void aPersonHiddenForASecondComesBackUnderTheSameNumber() {
        ObjectTracker tracker = tracker(0, StationaryMemory.NONE);
        long before = 0;
        long after = 0;
        for (int i = 0; i <= 30; i++) {
            double t = i * PASS;
            double x = 0.1 + 0.1 * t; // a tenth of the frame a second, behind a pillar from 2 s to 3 s
            if (t > 1.9 && t < 3.1) {
                assertThat(tracker.update(result(t)).objects()).as("still followed while hidden").hasSize(1);
                continue;
            }
            long id = tracker.update(result(t, det("person", 0.85, x, 0.5, 0.06, 0.25))).result().detections()
                    .getFirst().trackId();
            if (t < 2) {
                before = id;
            } else {
                after = id;
            }
        }
        assertThat(before).isPositive();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aPersonGoneForLongerIsForgotten() {
        ObjectTracker tracker = tracker(0, StationaryMemory.NONE);
        tracker.update(result(0, det("person", 0.9, 0.1, 0.5, 0.06, 0.25)));
        for (double t = PASS; t < 3; t += PASS) {
            tracker.update(result(t));
        }
        assertThat(tracker.update(result(3)).objects()).isEmpty();
    }

    @Test
    void aVanSeenAsCarAndAsTruckIsOneObjectLabelledByTheMajority() {
        ObjectTracker tracker = tracker(0, StationaryMemory.NONE);
        List<Long> ids = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double x = 0.1 + 0.01 * i; // driving slowly
            // three passes in five say car; every fifth pass says both, overlapping, truck the stronger
            List<Detection> seen = switch (i % 5) {
                case 0, 2, 3 -> List.of(det("car", 0.7, x, 0.6, 0.25, 0.15));
                case 1 -> List.of(det("truck", 0.6, x, 0.6, 0.25, 0.15));
                default -> List.of(det("truck", 0.75, x, 0.6, 0.25, 0.15), det("car", 0.55, x + 0.005, 0.6, 0.25, 0.15));
            };
            Tracked tracked = tracker.update(result(i * PASS, seen.toArray(Detection[]::new)));
            assertThat(tracked.result().detections()).as("overlapping boxes of one object are merged").hasSize(1);
            ids.add(tracked.result().detections().getFirst().trackId());
            labels.add(tracked.result().detections().getFirst().label());
        }
        assertThat(ids).containsOnly(ids.getFirst());
        assertThat(labels.subList(1, labels.size())).as("no flicker once the vote is clear").containsOnly("car");
    }

    @Test
    void aParkedCarBecomesStationaryAndIsRememberedAcrossARestart() {
        Kept memory = new Kept();
        ObjectTracker tracker = tracker(10, memory);
        Detection parked = det("car", 0.8, 0.6, 0.6, 0.2, 0.15);
        TrackedObject car = null;
        for (double t = 0; t <= 12; t += 1) {
            car = tracker.update(result(t, parked)).objects().getFirst();
        }
        assertThat(car.stationary()).isTrue();
        assertThat(car.stillSince()).isEqualTo(at(0));
        assertThat(memory.saved).singleElement().satisfies(o -> {
            assertThat(o.label()).isEqualTo("car");
            assertThat(o.box()).isEqualTo(new Region(0.6, 0.6, 0.2, 0.15));
        });

        // the engine restarts; the van is seen as a truck this time, a pixel off
        ObjectTracker restarted = tracker(10, memory);
        TrackedObject again = restarted.update(result(100, det("truck", 0.7, 0.601, 0.6, 0.2, 0.15))).objects()
                .getFirst();
        assertThat(again.stationary()).as("stationary from its first pass").isTrue();
        assertThat(again.stillSince()).isEqualTo(at(0));

        // a new car parks beside it: not the remembered one
        TrackedObject other = restarted.update(result(101, det("truck", 0.7, 0.601, 0.6, 0.2, 0.15),
                det("car", 0.8, 0.1, 0.6, 0.2, 0.15))).objects().get(1);
        assertThat(other.stationary()).isFalse();
    }

    @Test
    void aStationaryCarThatDrivesOffIsANewActiveObject() {
        Kept memory = new Kept();
        ObjectTracker tracker = tracker(10, memory);
        for (double t = 0; t <= 12; t += 1) {
            tracker.update(result(t, det("car", 0.8, 0.6, 0.6, 0.2, 0.15)));
        }
        TrackedObject parked = tracker.update(result(13, det("car", 0.8, 0.6, 0.6, 0.2, 0.15))).objects().getFirst();
        // one pass off its spot is a box that wobbled, not a departure
        TrackedObject wobble = tracker.update(result(13.2, det("car", 0.8, 0.64, 0.6, 0.2, 0.15))).objects()
                .getFirst();
        assertThat(wobble.stationary()).isTrue();
        assertThat(wobble.id()).isEqualTo(parked.id());
        TrackedObject moving = null;
        for (int i = 2; i <= 4; i++) {
            moving = tracker.update(result(13 + i * PASS, det("car", 0.8, 0.6 + 0.04 * i, 0.6, 0.2, 0.15))).objects()
                    .getFirst();
        }
        assertThat(moving.stationary()).isFalse();
        assertThat(moving.id()).as("a new, active object").isNotEqualTo(parked.id());
        assertThat(memory.saved).as("no longer remembered").isEmpty();
    }

    @Test
    void aPersonWalkingPastAParkedCarNeitherWakesItNorTakesItsNumber() {
        ObjectTracker tracker = tracker(5, StationaryMemory.NONE);
        Detection car = det("car", 0.8, 0.4, 0.5, 0.25, 0.2);
        for (double t = 0; t <= 6; t += 1) {
            tracker.update(result(t, car));
        }
        long carId = tracker.update(result(6.2, car)).objects().getFirst().id();
        for (int i = 0; i < 15; i++) {
            double x = 0.3 + 0.03 * i; // across the front of the car
            Tracked tracked = tracker.update(result(6.4 + i * PASS, car, det("person", 0.9, x, 0.45, 0.08, 0.3)));
            assertThat(tracked.result().detections().get(0).trackId()).isEqualTo(carId);
            assertThat(tracked.result().detections().get(1).trackId()).isNotEqualTo(carId);
            assertThat(tracked.objects().stream().filter(o -> o.id() == carId)).singleElement()
                    .satisfies(o -> assertThat(o.stationary()).isTrue());
        }
    }

    @Test
    void weakDetectionsContinueTracksButStartNone() {
        ObjectTracker tracker = tracker(0, StationaryMemory.NONE);
        assertThat(tracker.update(result(0, det("person", 0.3, 0.1, 0.5, 0.06, 0.25))).result().detections()
                .getFirst().trackId()).isZero();
        long id = tracker.update(result(0.2, det("person", 0.9, 0.1, 0.5, 0.06, 0.25))).result().detections()
                .getFirst().trackId();
        assertThat(tracker.update(result(0.4, det("person", 0.3, 0.11, 0.5, 0.06, 0.25))).result().detections()
                .getFirst().trackId()).as("half hidden, still the same person").isEqualTo(id);
    }

    @Test
    void anObjectHasMovedWhenItsWholeBoxWentSomewhereNotWhenPartOfItWasHidden() {
        Region van = new Region(0.4, 0.5, 0.3, 0.2);
        assertThat(ObjectTracker.moved(van, new Region(0.45, 0.5, 0.3, 0.2), 0.02)).as("drove right").isTrue();
        assertThat(ObjectTracker.moved(van, new Region(0.4, 0.45, 0.3, 0.2), 0.02)).as("drove away, up").isTrue();
        assertThat(ObjectTracker.moved(van, new Region(0.3, 0.4, 0.48, 0.32), 0.02)).as("came closer").isTrue();
        assertThat(ObjectTracker.moved(van, new Region(0.5, 0.5, 0.2, 0.2), 0.02)).as("left third hidden").isFalse();
        assertThat(ObjectTracker.moved(van, new Region(0.4, 0.5, 0.3, 0.12), 0.02)).as("lower part hidden").isFalse();
        assertThat(ObjectTracker.moved(van, new Region(0.41, 0.5, 0.3, 0.2), 0.02)).as("jitter").isFalse();
    }

    @Test
    void overlappingBoxesMergeOnlyWithinOneKindAndNeverInChains() {
        ObjectTracker tracker = tracker(0, StationaryMemory.NONE);
        // a van three ways, listed weakest first: all go into the strongest, whose label wins the vote
        Tracked van = tracker.update(result(0, det("bus", 0.5, 0.30, 0.6, 0.25, 0.15),
                det("car", 0.6, 0.301, 0.6, 0.25, 0.15), det("truck", 0.9, 0.302, 0.6, 0.25, 0.15)));
        assertThat(van.result().detections()).singleElement()
                .satisfies(d -> assertThat(d.label()).isEqualTo("truck"));
        // a person walking a dog, boxes overlapping: two objects, never one
        Tracked walk = tracker.update(result(0.2, det("person", 0.9, 0.6, 0.3, 0.1, 0.4),
                det("dog", 0.8, 0.6, 0.32, 0.1, 0.38)));
        assertThat(walk.result().detections()).extracting(Detection::label).containsExactly("person", "dog");
        assertThat(walk.result().detections()).extracting(Detection::trackId).doesNotHaveDuplicates();
        // and the dog, seen alone where the person was, does not take over the person's track
        long person = walk.result().detections().getFirst().trackId();
        Tracked dogOnly = tracker.update(result(0.4, det("dog", 0.8, 0.6, 0.31, 0.1, 0.39)));
        assertThat(dogOnly.result().detections().getFirst().trackId()).isNotEqualTo(person);
    }

    @Test
    void aClockSteppedBackPredictsNothingTwice() {
        ObjectTracker tracker = tracker(0, StationaryMemory.NONE);
        long id = tracker.update(result(10, det("person", 0.9, 0.1, 0.5, 0.06, 0.25))).result().detections()
                .getFirst().trackId();
        tracker.update(result(10.2, det("person", 0.9, 0.11, 0.5, 0.06, 0.25)));
        assertThat(tracker.update(result(5, det("person", 0.9, 0.12, 0.5, 0.06, 0.25))).result().detections()
                .getFirst().trackId()).isEqualTo(id);
    }

    @Test
    void aPersonHalfBehindALamppostKeepsTheirNumberThoughTheBoxBarelyOverlaps() {
        ObjectTracker tracker = tracker(0, StationaryMemory.NONE);
        long id = tracker.update(result(0, det("person", 0.9, 0.30, 0.40, 0.04, 0.15))).result().detections()
                .getFirst().trackId();
        // a pass later only the part right of the post is seen: a narrow box whose overlap with the last is 0.09
        Tracked behind = tracker.update(result(0.2, det("person", 0.8, 0.335, 0.40, 0.02, 0.15)));
        assertThat(behind.result().detections().getFirst().trackId()).isEqualTo(id);
        // someone else, a body's height away, is not taken for them
        Tracked other = tracker.update(result(0.4, det("person", 0.8, 0.337, 0.40, 0.02, 0.15),
                det("person", 0.9, 0.45, 0.40, 0.04, 0.15)));
        assertThat(other.result().detections().get(1).trackId()).isNotEqualTo(id);
    }
}
