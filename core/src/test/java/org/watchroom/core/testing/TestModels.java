package org.watchroom.core.testing;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.watchroom.core.detect.ModelSpec;

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

    /** The 80 COCO class names (test resource {@code coco80.txt}). */
    public static Path coco80File() {
        try {
            return Path.of(TestModels.class.getResource("/coco80.txt").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> coco80() {
        return ModelSpec.readLabels(coco80File());
    }

    public static ModelSpec yolox() {
        return ModelSpec.of(file("yolox_nano.onnx"), "yolox").withLabels(coco80());
    }

    public static ModelSpec yunet() {
        return ModelSpec.of(file("yunet_n_640_640.onnx"), "yunet");
    }

    public static ModelSpec yunetDynamic() {
        return ModelSpec.of(file("yunet_n_dynamic.onnx"), "yunet");
    }

    public static ModelSpec ultraface() {
        return ModelSpec.of(file("version-RFB-320.onnx"), "ultraface");
    }

    public static ModelSpec fastestdet() {
        return ModelSpec.of(file("FastestDet.onnx"), "fastestdet").withLabels(coco80());
    }

}
