package org.watchroom.core.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a model's input is prepared and its output decoded, and what it detects. The one list of adapters: the
 * detector's decoders are chosen by an exhaustive switch over this enum ({@code detect.internal.ModelAdapter.of}),
 * and each adapter's task is stated here only. The manifest names the adapter in lower case. The pre- and post-processing facts for each are in
 * {@code ../shared/models/README.md} and {@code models/README.md}.
 *
 * <p>Thread-safety: immutable.
 */
public enum Adapter {
    /** YOLOX (Megvii): BGR 0..255, top-left letterbox pad 114, output [1, N, 5 + classes]. */
    YOLOX(Task.OBJECTS),
    /** YuNet (libfacedetection): faces with 5 landmarks, anchor-free outputs per stride. */
    YUNET(Task.FACES),
    /** UltraFace (Ultra-Light-Fast-Generic-Face-Detector): RGB (v - 127) / 128, decoded boxes. */
    ULTRAFACE(Task.FACES),
    /** FastestDet: BGR / 255, plain resize, output [1, 5 + classes, H, W]. */
    FASTESTDET(Task.OBJECTS),
    /**
     * Ultralytics YOLOv8 / YOLO11 ONNX export: RGB / 255, letterbox, output [1, 4 + classes, N]. Labelled boxes only:
     * its decoder reads no landmarks and names classes from the labels file, so a face export would find "class0".
     */
    ULTRALYTICS(Task.OBJECTS);

    private final Task task;

    Adapter(Task task) {
        this.task = task;
    }

    /** The manifest spelling. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What this adapter's output format detects. */
    public Task task() {
        return task;
    }

    /** Whether this adapter's output format can serve the task (a face model cannot label cars). */
    public boolean supports(Task task) {
        return this.task == task;
    }

    /** Parses the manifest spelling; the error lists the accepted values, objects adapters first. */
    public static Adapter parse(String id) {
        for (Adapter adapter : values()) {
            if (adapter.id().equals(id)) {
                return adapter;
            }
        }
        throw new IllegalArgumentException("unknown adapter '" + id + "' (expected one of "
                + Arrays.stream(values()).sorted(Comparator.comparing(Adapter::task)).map(Adapter::id)
                .collect(Collectors.joining(", ")) + ")");
    }
}
