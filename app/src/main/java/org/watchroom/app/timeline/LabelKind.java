package org.watchroom.app.timeline;

import java.util.Locale;
import java.util.Set;

/**
 * The colour groups of the timeline's legend. Colours are RGB hex so that layout and tests need no JavaFX.
 *
 * <p>Thread-safety: immutable.
 */
public enum LabelKind {
    PERSON("Person", "#3b82f6"), VEHICLE("Vehicle", "#f59e0b"), FACE("Face", "#d946ef"), OTHER("Other", "#22c55e");

    private static final Set<String> VEHICLES = Set.of("car", "truck", "bus", "van", "vehicle", "motorcycle",
            "motorbike", "bicycle", "train", "boat");

    private final String text;
    private final String colour;

    LabelKind(String text, String colour) {
        this.text = text;
        this.colour = colour;
    }

    /** The group of a detector label ({@code person}, {@code car}, {@code face}, …). */
    public static LabelKind of(String label) {
        String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        if (l.equals("person") || l.equals("people") || l.equals("pedestrian")) {
            return PERSON;
        }
        if (l.equals("face")) {
            return FACE;
        }
        return VEHICLES.contains(l) ? VEHICLE : OTHER;
    }

    public String text() { return text; }

    /** {@code #rrggbb}. */
    public String colour() { return colour; }

    /** The colour as {@code 0xRRGGBB}. */
    public int rgb() { return Integer.parseInt(colour.substring(1), 16); }
}
