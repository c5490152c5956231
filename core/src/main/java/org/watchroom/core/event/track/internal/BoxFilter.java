package org.watchroom.core.event.track.internal;

import org.watchroom.core.event.Region;

/**
 * A Kalman filter with a constant-velocity model over a box's centre, width and height, in normalised frame units
 * and seconds (the SORT/ByteTrack model). The four coordinates move independently under that model, so the 8×8
 * filter is four 2×2 filters, each of position and velocity; noise is proportional to the box's height, as in
 * ByteTrack, so that near (large) and far (small) objects are followed alike.
 *
 * <p>Detector passes are irregular (a few a second while there is motion, one every several seconds without), so
 * every step takes its own time span instead of assuming a frame rate.
 *
 * <p>Thread-safety: not thread-safe; belongs to one track.
 */
public final class BoxFilter {
    /** Measurement noise: a detector's box edge wanders about this fraction of the box height between frames. */
    private static final double MEASURE_STD = 0.05;
    /** Process noise per second: how far position and velocity may drift from the model in a second. */
    private static final double POSITION_STD = 0.05;
    private static final double VELOCITY_STD = 0.25;
    /** Velocity is unknown at birth: up to about a box height per second. */
    private static final double INITIAL_VELOCITY_STD = 1.0;

    private final double[] position = new double[4];
    private final double[] velocity = new double[4];
    private final double[] p00 = new double[4];
    private final double[] p01 = new double[4];
    private final double[] p11 = new double[4];

    public BoxFilter(Region box) {
        double h = scale(box.height());
        for (int i = 0; i < 4; i++) {
            position[i] = measurement(box, i);
            velocity[i] = 0;
            p00[i] = square(2 * MEASURE_STD * h);
            p01[i] = 0;
            p11[i] = square(INITIAL_VELOCITY_STD * h);
        }
    }

    /** Moves the estimate {@code seconds} ahead. */
    public void predict(double seconds) {
        if (seconds <= 0) {
            return;
        }
        double h = scale(position[3]);
        double qp = square(POSITION_STD * h) * seconds;
        double qv = square(VELOCITY_STD * h) * seconds;
        for (int i = 0; i < 4; i++) {
            position[i] += velocity[i] * seconds;
            p00[i] += 2 * seconds * p01[i] + seconds * seconds * p11[i] + qp;
            p01[i] += seconds * p11[i];
            p11[i] += qv;
        }
        // width and height stay positive whatever the velocity said
        position[2] = Math.max(position[2], 1e-4);
        position[3] = Math.max(position[3], 1e-4);
    }

    /** Corrects the estimate with a measured box. */
    public void update(Region box) {
        double r = square(MEASURE_STD * scale(box.height()));
        for (int i = 0; i < 4; i++) {
            double s = p00[i] + r;
            double k0 = p00[i] / s;
            double k1 = p01[i] / s;
            double innovation = measurement(box, i) - position[i];
            position[i] += k0 * innovation;
            velocity[i] += k1 * innovation;
            double old00 = p00[i];
            double old01 = p01[i];
            p00[i] = (1 - k0) * old00;
            p01[i] = (1 - k0) * old01;
            p11[i] -= k1 * old01;
        }
    }

    /** The estimated box, clipped to the frame. */
    public Region box() {
        double w = Math.min(1, position[2]);
        double h = Math.min(1, position[3]);
        double x = Math.min(1 - w, Math.max(0, position[0] - w / 2));
        double y = Math.min(1 - h, Math.max(0, position[1] - h / 2));
        return new Region(x, y, w, h);
    }

    /** Estimated speed of the centre, in frame units per second. */
    public double speed() {
        return Math.hypot(velocity[0], velocity[1]);
    }

    /** Coordinate {@code i} of a box as the filter measures it: centre x, centre y, width, height. */
    private static double measurement(Region box, int i) {
        return switch (i) {
            case 0 -> box.centerX();
            case 1 -> box.centerY();
            case 2 -> box.width();
            default -> box.height();
        };
    }

    /** The height the noise is proportional to, with a floor so that tiny boxes still have some. */
    private static double scale(double height) {
        return Math.max(height, 0.01);
    }

    private static double square(double v) {
        return v * v;
    }
}
