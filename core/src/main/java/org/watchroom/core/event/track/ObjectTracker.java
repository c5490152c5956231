package org.watchroom.core.event.track;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.detect.FaceCrop;
import org.watchroom.core.event.Region;
import org.watchroom.core.event.track.internal.Assignment;
import org.watchroom.core.event.track.internal.BoxFilter;

/**
 * Follows one camera's objects from one detector pass to the next, so that an object is one track — one number,
 * one label, one event — from appearance to disappearance. The method is ByteTrack's: a Kalman filter predicts each
 * track's box at the pass's time, strong detections are matched to the predictions by overlap (the Hungarian
 * method), weak ones then continue tracks left over, and strong ones left over start tracks. Labels of one kind are
 * not told apart: a van seen as a car in one pass and as a truck in the next continues its track at a small cost, and
 * its label is the vote of all its passes; boxes of such labels on one object in one pass are merged. Labels of
 * different kinds (a person, a dog, a bicycle) never continue each other's tracks.
 *
 * <p>It also tells how long each object has stayed put. An object still for its label's {@code stationary_s} is
 * stationary; it takes {@link TrackerConfig#MOVES_TO_UNSETTLE} passes in a row off its spot to move it again (a
 * person walking past a parked car must not wake the car), and then it is a new object with a new number.
 * Stationary objects are saved to a {@link StationaryMemory}, so that after a restart a track born on a remembered
 * spot with a matching label is that object, still stationary.
 *
 * <p>Time is the camera's (each result's captured time); nothing here reads a clock.
 *
 * <p>Thread-safety: not thread-safe; one per camera, fed on that camera's detect thread.
 */
public final class ObjectTracker {
    /** Continuing a track under another label costs as much as this much less overlap. */
    private static final double CROSS_LABEL_PENALTY = 0.25;
    private static final double FORBIDDEN = 1e6;
    /** The last matching round takes a detection whose centre is within this many of the track's heights. */
    private static final double NEAR = 0.5;
    /** Labels one vehicle is commonly seen as; a remembered one matches any of them. */
    private static final Set<String> VEHICLES = Set.of("car", "truck", "bus", "van");

    private final ToDoubleFunction<String> stationarySeconds;
    private final StationaryMemory memory;
    private final List<Track> tracks = new ArrayList<>();
    /** Remembered stationary objects not yet found again since the start, with when they were loaded. */
    private final List<Remembered> unclaimed = new ArrayList<>();
    private TrackerConfig config;
    private long nextId = 1;
    private boolean loaded;

    private record Remembered(StationaryObject object, Instant loadedAt) {
    }

    private static final class Track {
        long id;
        final BoxFilter filter;
        final Map<String, Double> votes = new HashMap<>(4);
        String label;
        Region last;
        Instant lastSeen;
        Instant predictedTo;
        int missed;
        float score;
        boolean seen;
        Region anchor;
        Instant anchoredAt;
        int moves;
        boolean stationary;
        /** Where it was first seen, and whether it has left that box since. */
        final Region born;
        boolean moved;

        Track(long id, Region box, Instant now) {
            this.id = id;
            filter = new BoxFilter(box);
            last = box;
            lastSeen = now;
            predictedTo = now;
            anchor = box;
            anchoredAt = now;
            born = box;
        }

        void vote(String label, double score) {
            votes.merge(label, score, Double::sum);
            if (this.label == null || votes.get(label) > votes.get(this.label)) {
                this.label = label;
            }
        }

        /** Where the track should be now: stationary ones are where they settled, the rest where they head. */
        Region expected() {
            return stationary ? last : filter.box();
        }
    }

    /**
     * @param stationarySeconds how long an object of a label must stay put to be stationary (0 = never)
     * @param memory            where stationary objects are kept across restarts; read at the first pass
     */
    public ObjectTracker(TrackerConfig config, ToDoubleFunction<String> stationarySeconds, StationaryMemory memory) {
        this.config = config;
        this.stationarySeconds = stationarySeconds;
        this.memory = memory;
    }

    /** New thresholds from the next pass on; tracks carry on. */
    public void setConfig(TrackerConfig config) {
        this.config = config;
    }

    /** Follows the objects of one detector pass. */
    public Tracked update(DetectionResult result) {
        Instant now = result.capturedAt();
        boolean memoryChanged = false;
        if (!loaded) {
            loaded = true;
            memory.load().forEach(o -> unclaimed.add(new Remembered(o, now)));
        }
        List<Detection> detections = result.detections();
        int n = detections.size();
        Region[] boxes = new Region[n];
        for (int i = 0; i < n; i++) {
            boxes[i] = Region.of(detections.get(i).box(), result.frameWidth(), result.frameHeight());
        }
        int[] mergedInto = merge(detections, boxes);
        for (Track t : tracks) {
            if (now.isAfter(t.predictedTo)) { // a clock stepped back predicts nothing twice
                t.filter.predict(seconds(t.predictedTo, now));
                t.predictedTo = now;
            }
            t.seen = false;
            t.score = 0;
        }

        int[] trackOf = new int[n];
        Arrays.fill(trackOf, -1);
        boolean[] taken = new boolean[tracks.size()];
        matchByOverlap(detections, boxes, mergedInto, true, trackOf, taken);
        matchByOverlap(detections, boxes, mergedInto, false, trackOf, taken);
        matchNear(detections, boxes, mergedInto, trackOf, taken);
        for (int i = 0; i < n; i++) {
            if (trackOf[i] >= 0) {
                memoryChanged |= observe(tracks.get(trackOf[i]), false, i, detections, boxes, mergedInto, now);
            }
        }
        for (int i = 0; i < n; i++) {
            if (mergedInto[i] < 0 && trackOf[i] < 0 && detections.get(i).score() >= config.highScore()) {
                Track t = new Track(nextId++, boxes[i], now);
                tracks.add(t);
                trackOf[i] = tracks.size() - 1;
                observe(t, true, i, detections, boxes, mergedInto, now);
                claimRemembered(t);
            }
        }
        Detection[] tracked = labelled(detections, mergedInto, trackOf); // before dropLost() moves the indices
        memoryChanged |= dropLost(now);
        List<FaceCrop> crops = faceCrops(result.faceCrops(), detections, tracked);
        List<Detection> out = new ArrayList<>(n);
        for (Detection d : tracked) {
            if (d != null) {
                out.add(d);
            }
        }
        if (memoryChanged) {
            memory.save(stationaryObjects());
        }
        List<TrackedObject> objects = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            objects.add(new TrackedObject(t.id, t.label, t.score, t.last, t.seen, t.stationary, t.anchoredAt,
                    t.moved));
        }
        return new Tracked(new DetectionResult(result.cameraId(), result.cameraName(), result.frameSequence(),
                result.capturedAt(), result.frameWidth(), result.frameHeight(), out, crops), objects);
    }

    /** The stationary objects as they would be saved now (tracks and remembered ones not yet found again). */
    public List<StationaryObject> stationaryObjects() {
        List<StationaryObject> objects = new ArrayList<>();
        for (Track t : tracks) {
            if (t.stationary) {
                objects.add(new StationaryObject(t.label, t.anchor, t.anchoredAt));
            }
        }
        unclaimed.forEach(r -> objects.add(r.object()));
        return objects;
    }

    /**
     * Boxes of different labels of one kind on one object (a van as car and truck): each weaker one overlapping a
     * stronger one by {@code merge_iou}
     * goes into it (its label still votes). Returns, per detection, the one it went into, or -1.
     */
    private int[] merge(List<Detection> detections, Region[] boxes) {
        int n = detections.size();
        int[] into = new int[n];
        Arrays.fill(into, -1);
        // strongest first, so that a box that took others in is never taken into another (no chains, no lost votes)
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(detections.get(b).score(), detections.get(a).score()));
        for (int oi = 0; oi < n; oi++) {
            int i = order[oi];
            if (into[i] >= 0) {
                continue;
            }
            for (int oj = oi + 1; oj < n; oj++) {
                int j = order[oj];
                Detection a = detections.get(i);
                Detection b = detections.get(j);
                if (into[j] < 0 && !a.label().equals(b.label()) && sameKind(a.label(), b.label())
                        && boxes[i].iou(boxes[j]) >= config.mergeIou()) {
                    into[j] = i;
                }
            }
        }
        return into;
    }

    /** What pairing a track with a detection costs; {@link #FORBIDDEN} where they must not be paired. */
    @FunctionalInterface
    private interface PairCost {
        double of(Track track, Region expected, int detection);
    }

    /**
     * One round of matching (the Hungarian method) between the tracks still free that {@code trackWanted} takes and
     * the detections still free that {@code detectionWanted} takes; pairs are marked in {@code trackOf} and
     * {@code taken}.
     */
    private void round(int[] mergedInto, int[] trackOf, boolean[] taken, IntPredicate trackWanted,
                       IntPredicate detectionWanted, PairCost pairCost) {
        List<Integer> rows = new ArrayList<>();
        for (int t = 0; t < taken.length; t++) {
            if (!taken[t] && trackWanted.test(t)) {
                rows.add(t);
            }
        }
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < trackOf.length; i++) {
            if (mergedInto[i] < 0 && trackOf[i] < 0 && detectionWanted.test(i)) {
                columns.add(i);
            }
        }
        if (rows.isEmpty() || columns.isEmpty()) {
            return;
        }
        double[][] cost = new double[rows.size()][columns.size()];
        for (int r = 0; r < rows.size(); r++) {
            Track t = tracks.get(rows.get(r));
            Region expected = t.expected();
            for (int c = 0; c < columns.size(); c++) {
                cost[r][c] = pairCost.of(t, expected, columns.get(c));
            }
        }
        int[] assigned = Assignment.solve(cost, FORBIDDEN);
        for (int r = 0; r < assigned.length; r++) {
            if (assigned[r] >= 0) {
                int t = rows.get(r);
                taken[t] = true;
                trackOf[columns.get(assigned[r])] = t;
            }
        }
    }

    /**
     * Matching by overlap with where each track should be: strong detections against every track, then weak ones
     * against the tracks left over. Another label continues a track only within one kind (a van as car or truck),
     * never a person as a dog.
     */
    private void matchByOverlap(List<Detection> detections, Region[] boxes, int[] mergedInto, boolean strong,
                                int[] trackOf, boolean[] taken) {
        round(mergedInto, trackOf, taken, t -> true,
                i -> (detections.get(i).score() >= config.highScore()) == strong, (t, expected, d) -> {
                    double iou = expected.iou(boxes[d]);
                    String label = detections.get(d).label();
                    boolean sameLabel = label.equals(t.label);
                    double least = sameLabel ? config.matchIou()
                            : sameKind(label, t.label) ? config.crossLabelIou() : 2;
                    return iou < least ? FORBIDDEN : 1 - iou + (sameLabel ? 0 : CROSS_LABEL_PENALTY);
                });
    }

    /**
     * A last round for strong detections and moving tracks still apart: by the distance of their centres, within
     * {@link #NEAR} of the track's height. Overlap fails where the box changes shape rather than place — a person
     * half behind a lamppost or a passer-by — and a new number there would be a new event for the same person.
     */
    private void matchNear(List<Detection> detections, Region[] boxes, int[] mergedInto, int[] trackOf,
                           boolean[] taken) {
        round(mergedInto, trackOf, taken, t -> !tracks.get(t).stationary,
                i -> detections.get(i).score() >= config.highScore(), (t, expected, d) -> {
                    double distance = centreDistance(expected, boxes[d]) / Math.max(expected.height(), 0.01);
                    return sameKind(detections.get(d).label(), t.label) && distance <= NEAR ? distance : FORBIDDEN;
                });
    }

    /** A detection (and what merged into it) continues a track; true when the saved stationary objects change. */
    private boolean observe(Track t, boolean born, int i, List<Detection> detections, Region[] boxes,
                            int[] mergedInto, Instant now) {
        Region box = boxes[i];
        if (!born) {
            t.filter.update(box); // a new track's filter starts at this box already
        }
        t.vote(detections.get(i).label(), detections.get(i).score());
        for (int j = 0; j < mergedInto.length; j++) {
            if (mergedInto[j] == i) {
                t.vote(detections.get(j).label(), detections.get(j).score());
            }
        }
        t.last = box;
        t.lastSeen = now;
        t.missed = 0;
        t.seen = true;
        t.score = detections.get(i).score();

        boolean changed = false;
        boolean put = t.anchor.iou(box) >= config.stationaryIou()
                || centreDistance(t.anchor, box) <= config.stationaryMove();
        if (put) {
            t.moves = 0;
        } else if (!t.stationary || ++t.moves >= TrackerConfig.MOVES_TO_UNSETTLE) {
            if (t.stationary) {
                // it left its spot: from here on a new, active object
                t.id = nextId++;
                t.stationary = false;
                t.moved = true;
                changed = true;
            }
            t.anchor = box;
            t.anchoredAt = now;
            t.moves = 0;
        }
        if (!t.moved && moved(t.born, t.filter.box(), config.stationaryMove())) {
            t.moved = true;
        }
        double still = stationarySeconds.applyAsDouble(t.label);
        if (!t.stationary && still > 0 && seconds(t.anchoredAt, now) > still) {
            t.stationary = true;
            changed = true;
        }
        return changed;
    }

    /** A new track on the spot of a remembered stationary object is that object. */
    private void claimRemembered(Track t) {
        for (Iterator<Remembered> it = unclaimed.iterator(); it.hasNext(); ) {
            StationaryObject o = it.next().object();
            boolean sameSpot = o.box().iou(t.last) >= config.stationaryIou()
                    || centreDistance(o.box(), t.last) <= config.stationaryMove();
            if (sameSpot && sameKind(o.label(), t.label)) {
                it.remove();
                t.stationary = true;
                t.anchor = o.box();
                t.anchoredAt = o.since();
                return;
            }
        }
    }

    /** Ages tracks not seen in this pass; true when the saved stationary objects change. */
    private boolean dropLost(Instant now) {
        boolean changed = false;
        for (Iterator<Track> it = tracks.iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (t.seen) {
                continue;
            }
            t.missed++;
            double unseen = seconds(t.lastSeen, now);
            if (t.stationary ? unseen > config.forgetSeconds()
                    : t.missed >= TrackerConfig.MISSES_TO_LOSE && unseen > config.lostSeconds()) {
                it.remove();
                changed |= t.stationary;
            }
        }
        changed |= unclaimed.removeIf(r -> seconds(r.loadedAt(), now) > config.forgetSeconds());
        return changed;
    }

    /** Each detection as tracked (null where it was merged into another), in the result's order. */
    private Detection[] labelled(List<Detection> detections, int[] mergedInto, int[] trackOf) {
        Detection[] out = new Detection[detections.size()];
        for (int i = 0; i < out.length; i++) {
            if (mergedInto[i] < 0) {
                Track t = trackOf[i] >= 0 ? tracks.get(trackOf[i]) : null;
                out[i] = t == null ? detections.get(i) : detections.get(i).tracked(t.id, t.label);
            }
        }
        return out;
    }

    /** The face crops paired with the tracked faces (a face merged into another box loses its crop). */
    private static List<FaceCrop> faceCrops(List<FaceCrop> crops, List<Detection> detections, Detection[] tracked) {
        List<FaceCrop> result = new ArrayList<>(crops.size());
        for (FaceCrop c : crops) {
            for (int i = 0; i < tracked.length; i++) {
                if (detections.get(i) == c.face() && tracked[i] != null) {
                    result.add(new FaceCrop(tracked[i], c.jpeg()));
                }
            }
        }
        return result;
    }

    /**
     * Whether an object moved from {@code from} to {@code to}: both edges of the box went the same way along an axis
     * by more than {@code tolerance}, or both sides grew (or shrank) by half (it came closer or went away). Something
     * passing in front of a parked car moves one edge of its box, not both.
     */
    static boolean moved(Region from, Region to, double tolerance) {
        double left = to.x() - from.x();
        double right = to.x() + to.width() - (from.x() + from.width());
        double top = to.y() - from.y();
        double bottom = to.y() + to.height() - (from.y() + from.height());
        boolean across = Math.signum(left) == Math.signum(right) && Math.min(Math.abs(left), Math.abs(right)) > tolerance;
        boolean upOrDown = Math.signum(top) == Math.signum(bottom) && Math.min(Math.abs(top), Math.abs(bottom)) > tolerance;
        double w = to.width() / Math.max(from.width(), 1e-6);
        double h = to.height() / Math.max(from.height(), 1e-6);
        boolean scaled = (w >= 1.5 && h >= 1.5) || (w <= 1 / 1.5 && h <= 1 / 1.5);
        return across || upOrDown || scaled;
    }

    private static boolean sameKind(String a, String b) {
        return a.equals(b) || (VEHICLES.contains(a) && VEHICLES.contains(b));
    }

    private static double centreDistance(Region a, Region b) {
        return Math.hypot(a.centerX() - b.centerX(), a.centerY() - b.centerY());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
