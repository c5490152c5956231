package org.watchroom.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A zone or mask drawn on a camera's picture, in normalised coordinates (0..1 of the frame width and height,
 * so that it survives a change of stream resolution). Stored in JSON as {@code [[x,y],[x,y],...]}.
 *
 * <p>Thread-safety: immutable.
 */
public record Polygon(List<Point> points) {

    /** A corner, 0..1 from the left and from the top. */
    public record Point(double x, double y) {
        public Point {
            if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
                throw new IllegalArgumentException("polygon points must lie within 0..1, not [" + x + ", " + y + "]");
            }
        }
    }

    public Polygon {
        points = List.copyOf(points);
        if (points.size() < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 points, not " + points.size());
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Polygon of(double[][] xy) {
        if (xy == null) {
            throw new IllegalArgumentException("a polygon must be a list of [x, y] points");
        }
        List<Point> points = new ArrayList<>(xy.length);
        for (double[] p : xy) {
            if (p == null || p.length != 2) {
                throw new IllegalArgumentException("polygon points must be [x, y] pairs");
            }
            points.add(new Point(p[0], p[1]));
        }
        return new Polygon(points);
    }

    @JsonValue
    public double[][] toArray() {
        double[][] xy = new double[points.size()][];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = new double[] {points.get(i).x(), points.get(i).y()};
        }
        return xy;
    }

    /** Even-odd ray casting; points exactly on an edge may land either side, which does not matter at pixel scale. */
    public boolean contains(double x, double y) {
        boolean inside = false;
        for (int i = 0, j = points.size() - 1; i < points.size(); j = i++) {
            Point a = points.get(i);
            Point b = points.get(j);
            if ((a.y() > y) != (b.y() > y) && x < (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x()) {
                inside = !inside;
            }
        }
        return inside;
    }
}
