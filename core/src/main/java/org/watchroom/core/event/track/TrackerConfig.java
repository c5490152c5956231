package org.watchroom.core.event.track;

/**
 * How a camera's {@link ObjectTracker} follows objects. The defaults suit a few detector passes a second on a
 * fixed camera; {@code stationary_iou} and {@code stationary_move} come from the camera's event rules.
 *
 * <p>Thread-safety: immutable.
 *
 * @param highScore       detections from this score start tracks and are matched first; weaker ones only continue
 *                        a track (ByteTrack's second round), so an object half hidden keeps its number
 * @param matchIou        least overlap of a detection with a track's predicted box to continue it
 * @param crossLabelIou   least overlap when the detection's label differs from the track's but is of its kind (car
 *                        seen as truck)
 * @param mergeIou        boxes of different labels of one kind overlapping this much in one pass are one object
 * @param lostSeconds     a moving track unseen this long (and in {@link #MISSES_TO_LOSE} passes) is gone
 * @param stationaryIou   a box stays put while its overlap with where it settled is at least this ...
 * @param stationaryMove  ... or its centre moved less than this fraction of the frame
 * @param forgetSeconds   a stationary object unseen this long is forgotten (it left unnoticed, or stays hidden)
 */
public record TrackerConfig(double highScore, double matchIou, double crossLabelIou, double mergeIou,
                            double lostSeconds, double stationaryIou, double stationaryMove, double forgetSeconds) {

    /** Passes in a row without a detection before a moving track can be lost, whatever the time. */
    public static final int MISSES_TO_LOSE = 3;
    /** Passes in a row off its spot before a stationary object counts as moving again. */
    public static final int MOVES_TO_UNSETTLE = 3;

    public TrackerConfig {
        for (double fraction : new double[] {highScore, matchIou, crossLabelIou, mergeIou, stationaryIou,
                stationaryMove}) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("tracker thresholds are fractions between 0 and 1, not " + fraction);
            }
        }
        if (!(lostSeconds > 0) || !(forgetSeconds > 0)) {
            throw new IllegalArgumentException("tracker times must be positive");
        }
    }

    public static TrackerConfig defaults() {
        return new TrackerConfig(0.5, 0.2, 0.5, 0.7, 2, 0.7, 0.02, 600);
    }

    /** These settings with another threshold for strong detections (the weakest score a camera's rules admit). */
    public TrackerConfig withHighScore(double score) {
        return new TrackerConfig(score, matchIou, crossLabelIou, mergeIou, lostSeconds, stationaryIou, stationaryMove,
                forgetSeconds);
    }

    /** These settings with the stationary tolerances of a camera's event rules. */
    public TrackerConfig withStationary(double iou, double move) {
        return new TrackerConfig(highScore, matchIou, crossLabelIou, mergeIou, lostSeconds, iou, move, forgetSeconds);
    }
}
