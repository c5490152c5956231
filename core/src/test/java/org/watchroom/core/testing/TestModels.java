package org.watchroom.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.watchroom.core.detect.DetectorModel;
import org.watchroom.core.model.Labels;

/** Finds the shared model mirror (../shared/models beside the checkout, or $WATCHROOM_MODELS) and test labels. */
public final class TestModels {
    private TestModels() {
    }

    public static Path dir() {
        String env = System.getenv("WATCHROOM_MODELS");
        Path dir = Path.of(env != null ? env : System.getProperty("watchroom.models", "../shared/models"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Model mirror not found: " + dir.toAbsolutePath()
                    + ". Put the shared models beside the checkout or set WATCHROOM_MODELS.");
        }
        return dir.toAbsolutePath().normalize();
    }

    public static Path file(String name) {
        Path file = dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Model file missing from the mirror: " + file);
        }
        return file;
    }

    /** The labels file in the checkout's {@code models/} folder, for CLI tests that take a path. */
    public static Path coco80File() {
        Path file = Path.of(System.getProperty("watchroom.projectRoot", ".."), "models", "coco80.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("models/coco80.txt not found at " + file.toAbsolutePath());
        }
        return file;
    }

    /** The 80 COCO class names shipped in {@code models/coco80.txt}. */
    public static List<String> coco80() {
        return Labels.builtin("coco80.txt").names();
    }

    public static DetectorModel yolox() {
        return DetectorModel.of(file("yolox_nano.onnx"), "yolox").withLabels(coco80());
    }

    public static DetectorModel yunet() {
        return DetectorModel.of(file("yunet_n_640_640.onnx"), "yunet");
    }

    public static DetectorModel yunetDynamic() {
        return DetectorModel.of(file("yunet_n_dynamic.onnx"), "yunet");
    }

    public static DetectorModel ultraface() {
        return DetectorModel.of(file("version-RFB-320.onnx"), "ultraface");
    }

    public static DetectorModel fastestdet() {
        return DetectorModel.of(file("FastestDet.onnx"), "fastestdet").withLabels(coco80());
    }

}
