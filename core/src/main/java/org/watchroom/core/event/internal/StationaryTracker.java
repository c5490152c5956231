package org.watchroom.core.event.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.watchroom.core.event.Region;

/**
 * Follows boxes of each label from one detector result to the next (greedy best-overlap matching, no appearance
 * model) to tell how long each object has stayed put, so that parked cars stop making events.
 *
 * <p>A track remembers where its object settled (the anchor) and since when. A box that moves off the anchor
 * re-anchors the track at once, unless the track had already settled for the stationary time: then it takes
 * {@link #MOVES_TO_UNSETTLE} results in a row off the anchor, so that a person walking past a parked car, whose
 * box briefly grows or shrinks, does not wake the car up.
 *
 * <p>Thread-safety: not thread-safe; one per camera, used on that camera's detect thread.
 */
public final class StationaryTracker {

    /** Least overlap with a track's last box for a box to continue it (or a centre within the move tolerance). */
    static final double MATCH_IOU = 0.3;
    static final int MOVES_TO_UNSETTLE = 3;

    private final Map<String, List<Track>> tracks = new HashMap<>();

    private static final class Track {
        Region anchor;
        Instant anchoredAt;
        Region last;
        Instant lastSeen;
        int moves;

        Track(Region box, Instant now) {
            anchor = box;
            anchoredAt = now;
            last = box;
            lastSeen = now;
        }
    }

    /** Labels that have tracks, so that callers can age them out even in results without that label. */
    public Set<String> labels() {
        return new HashSet<>(tracks.keySet());
    }

    /**
     * Feeds one result's boxes of one label.
     *
     * @param stationary    how long a box must stay put to count as stationary; tracks unseen this long are forgotten
     * @param iouTolerance  a box stays put while its overlap with the anchor is at least this ...
     * @param moveTolerance ... or its centre is within this distance (normalised) of the anchor's
     * @return for each box, in order, how long it has stayed put
     */
    public List<Duration> update(String label, List<Region> boxes, Instant now, Duration stationary,
                                 double iouTolerance, double moveTolerance) {
        List<Track> list = tracks.computeIfAbsent(label, l -> new ArrayList<>());
        // A parked car the detector misses for a few frames must keep its track, or it would alert again when
        // seen next; forgetting after the stationary time bounds how long a departed object shadows its spot.
        list.removeIf(t -> Duration.between(t.lastSeen, now).compareTo(stationary) > 0);

        record Pair(int track, int box, double iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < list.size(); t++) {
            for (int b = 0; b < boxes.size(); b++) {
                Region last = list.get(t).last;
                double iou = last.iou(boxes.get(b));
                if (iou >= MATCH_IOU || centreDistance(last, boxes.get(b)) <= moveTolerance) {
                    pairs.add(new Pair(t, b, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        Track[] matched = new Track[boxes.size()];
        Set<Integer> usedTracks = new HashSet<>();
        for (Pair p : pairs) {
            if (matched[p.box()] == null && usedTracks.add(p.track())) {
                matched[p.box()] = list.get(p.track());
            }
        }

        List<Duration> settled = new ArrayList<>(boxes.size());
        for (int b = 0; b < boxes.size(); b++) {
            Region box = boxes.get(b);
            Track t = matched[b];
            if (t == null) {
                t = new Track(box, now);
                list.add(t);
            } else {
                boolean put = t.anchor.iou(box) >= iouTolerance || centreDistance(t.anchor, box) <= moveTolerance;
                boolean wasStationary = Duration.between(t.anchoredAt, now).compareTo(stationary) > 0;
                if (put) {
                    t.moves = 0;
                } else if (!wasStationary || ++t.moves >= MOVES_TO_UNSETTLE) {
                    t.anchor = box;
                    t.anchoredAt = now;
                    t.moves = 0;
                }
                t.last = box;
                t.lastSeen = now;
            }
            settled.add(Duration.between(t.anchoredAt, now));
        }
        if (list.isEmpty()) {
            tracks.remove(label);
        }
        return settled;
    }

    private static double centreDistance(Region a, Region b) {
        return Math.hypot(a.centerX() - b.centerX(), a.centerY() - b.centerY());
    }
}
