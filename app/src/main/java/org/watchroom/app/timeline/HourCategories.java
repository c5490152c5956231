package org.watchroom.app.timeline;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.watchroom.core.store.HourlyDetections;

/**
 * Category names for the detections-per-hour chart: the local hour ({@code 00} … {@code 23}); the repeated
 * hour of a fall-back day gets a prime ({@code 02′}) because chart categories must be unique.
 *
 * <p>Thread-safety: stateless.
 */
public final class HourCategories {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH");

    private HourCategories() {
    }

    public static List<String> of(HourlyDetections hourly) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Instant t : hourly.hourStarts()) {
            String name = t.atZone(hourly.zone()).format(HOUR);
            while (!seen.add(name)) {
                name += "′";
            }
            names.add(name);
        }
        return names;
    }
}
