package org.watchroom.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a model detects. The manifest spells it in lower case ({@code objects}, {@code faces}).
 *
 * <p>Thread-safety: immutable.
 */
public enum Task {
    /** Labelled boxes (people, cars, ...), class names from a labels file. */
    OBJECTS,
    /** Face boxes, with landmarks where the adapter provides them. */
    FACES;

    /** The manifest spelling. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the manifest spelling; the error lists the accepted values. */
    public static Task parse(String id) {
        for (Task task : values()) {
            if (task.id().equals(id)) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown task '" + id + "' (expected one of "
                + Arrays.stream(values()).map(Task::id).collect(Collectors.joining(", ")) + ")");
    }
}
