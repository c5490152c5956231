package org.watchroom.core.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.watchroom.core.model.Labels;
import org.watchroom.core.model.ModelSpec;
import org.watchroom.core.model.ModelStore;

/**
 * Which model to load and how to read it: the weights file, the adapter that knows its input and output
 * layout ({@code yolox}, {@code yunet}, {@code ultraface}, {@code fastestdet}, {@code ultralytics}), the
 * class labels, and, for models with a dynamic input, the size to run them at. A model manifest resolves a
 * model id to one of these.
 *
 * <p>Thread-safety: immutable.
 *
 * @param labels    class names by class id; empty means "face" for face models and {@code class<N>} otherwise
 * @param inputSize only for dynamic-size models; {@code null} picks the adapter's default (640x640)
 */
public record DetectorModel(Path file, String adapter, List<String> labels, InputSize inputSize) {
    public DetectorModel {
        if (file == null || adapter == null) {
            throw new IllegalArgumentException("a model needs a file and an adapter");
        }
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** A model from the manifest: its verified file in the store (or a clear "fetch it" error) and its labels. */
    public static DetectorModel of(ModelSpec spec, ModelStore store) {
        return new DetectorModel(store.require(spec), spec.adapter().id(),
                Labels.forModel(spec, store).names(), null);
    }

    public static DetectorModel of(Path file, String adapter) {
        return new DetectorModel(file, adapter, List.of(), null);
    }

    public DetectorModel withLabels(List<String> newLabels) {
        return new DetectorModel(file, adapter, newLabels, inputSize);
    }

    public DetectorModel withInputSize(InputSize size) {
        return new DetectorModel(file, adapter, labels, size);
    }

    /** Reads a labels file: one class name per line, in class-id order; blank lines and {@code #} lines skipped. */
    public static List<String> readLabels(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labels file " + file + ": " + e.getMessage(), e);
        }
    }
}
