package org.watchroom.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.Detector;
import org.watchroom.core.detect.DetectorModel;
import org.watchroom.core.detect.DetectorSettings;
import org.watchroom.core.detect.InferenceEnvironment;
import org.watchroom.core.detect.InputSize;
import org.watchroom.core.detect.StillFrame;
import org.watchroom.core.model.ModelManifest;
import org.watchroom.core.model.ModelStore;
import org.watchroom.core.playback.StillFrames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom detect (--model ID | --model-file FILE --adapter ID [--labels FILE]) IMAGE_OR_VIDEO [--frame N] [--json]}:
 * runs one model on one picture and prints what it found, boxes in source pixels. For trying models and
 * thresholds on real footage without starting the engine.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Run a detection model on an image or one frame of a video.")
final class DetectCommand implements Callable<Integer> {
    @ParentCommand
    WatchroomCli root;

    @Option(names = "--model", paramLabel = "ID",
            description = "A model from the manifest (see 'watchroom models list'), fetched into the data dir.")
    String modelId;

    @Option(names = "--model-file", paramLabel = "FILE", description = "Your own ONNX model file (with --adapter).")
    Path modelFile;

    @Option(names = "--adapter", paramLabel = "ID",
            description = "How to read the model: yolox, yunet, ultraface, fastestdet, ultralytics.")
    String adapter;

    @Option(names = "--labels", paramLabel = "FILE", description = "Class names, one per line, in class-id order.")
    Path labels;

    @Option(names = "--input-size", paramLabel = "WxH", description = "Input size for dynamic-size models (e.g. 768x576).")
    String inputSize;

    @Option(names = "--min-score", paramLabel = "SCORE",
            description = "Minimum score for every class (default 0.35 for objects, 0.6 for faces).")
    Float minScore;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Intra-op threads (default 1).")
    int threads;

    @Option(names = "--frame", paramLabel = "N", defaultValue = "0", description = "Video frame to use, 0-based (default 0).")
    int frame;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Parameters(paramLabel = "IMAGE_OR_VIDEO", description = "A photo, or a video (see --frame).")
    Path input;

    /** Which model to run. Model ids from the manifest ({@code --model ID}) resolve here too. */
    DetectorModel resolveModel() {
        DetectorModel spec;
        if (modelId != null) {
            if (modelFile != null || adapter != null) {
                throw new IllegalArgumentException("Use either --model ID or --model-file FILE --adapter ID, not both.");
            }
            ModelStore store = ModelStore.in(root.dataDirectory());
            spec = DetectorModel.of(ModelManifest.load(store).get(modelId), store);
        } else if (modelFile == null || adapter == null) {
            throw new IllegalArgumentException("Say which model to run: --model ID, or --model-file FILE --adapter ID.");
        } else {
            spec = DetectorModel.of(modelFile, adapter);
        }
        if (labels != null) {
            spec = spec.withLabels(DetectorModel.readLabels(labels));
        }
        if (inputSize != null) {
            spec = spec.withInputSize(InputSize.parse(inputSize));
        }
        return spec;
    }

    @Override
    public Integer call() {
        DetectorModel spec = resolveModel();
        StillFrame picture = StillFrames.read(input, frame);
        try (InferenceEnvironment environment = InferenceEnvironment.create(threads, true);
             Detector detector = environment.open(spec)) {
            if (minScore != null) {
                detector.settings(DetectorSettings.defaults(detector.task()).withDefaultMinScore(minScore));
            }
            List<Detection> detections = detector.detect(picture);
            if (json) {
                root.out().println(toJson(detections));
            } else {
                print(detections, detector);
            }
        }
        return 0;
    }

    private void print(List<Detection> detections, Detector detector) {
        root.out().printf("%d detection(s) in %s (%s, %s): preprocess %.1f ms, inference %.1f ms%n",
                detections.size(), input.getFileName(), detector.adapter(), detector.provider(),
                detector.lastPreprocessNanos() / 1e6, detector.lastInferenceNanos() / 1e6);
        for (Detection d : detections) {
            Box b = d.box();
            root.out().printf("%-14s %.3f  x=%.0f y=%.0f w=%.0f h=%.0f%n", d.label(), d.score(), b.x(), b.y(),
                    b.width(), b.height());
        }
    }

    static String toJson(List<Detection> detections) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (Detection d : detections) {
            ObjectNode node = array.addObject();
            node.put("label", d.label());
            node.put("class_id", d.classId());
            node.put("score", round(d.score(), 1000));
            ObjectNode box = node.putObject("box");
            box.put("x", round(d.box().x(), 10));
            box.put("y", round(d.box().y(), 10));
            box.put("width", round(d.box().width(), 10));
            box.put("height", round(d.box().height(), 10));
            if (d.landmarks() != null) {
                ArrayNode points = node.putArray("landmarks");
                for (float v : d.landmarks()) {
                    points.add(round(v, 10));
                }
            }
        }
        return array.toString();
    }

    private static double round(float value, int scale) {
        return Math.round((double) value * scale) / (double) scale;
    }
}
