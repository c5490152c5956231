package org.watchroom.core.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Detections per local hour per camera for one day. A day has 23, 24 or 25 hours (daylight saving), so
 * {@code hourStarts} gives each bucket's start instant and every camera's {@code counts} has the same length.
 *
 * <p>Thread-safety: immutable.
 *
 * @param day        the local date
 * @param zone       the zone it is local to
 * @param hourStarts the start instant of each hour bucket, in order; bucket {@code i} ends where {@code i + 1} starts
 *                   (the last one at the next day's start)
 * @param cameras    one row per camera that detected anything that day, by name
 */
public record HourlyDetections(LocalDate day, ZoneId zone, List<Instant> hourStarts, List<CameraHours> cameras) {
    public HourlyDetections {
        hourStarts = List.copyOf(hourStarts);
        cameras = List.copyOf(cameras);
    }

    /**
     * One camera's counts.
     *
     * @param cameraId   the camera's id, or null (demo or removed camera)
     * @param cameraName its name as stored with its events
     * @param counts     detections per hour bucket, aligned with {@link #hourStarts()}
     */
    public record CameraHours(Long cameraId, String cameraName, List<Integer> counts) {
        public CameraHours {
            counts = List.copyOf(counts);
        }

        public int total() {
            return counts.stream().mapToInt(Integer::intValue).sum();
        }
    }
}
