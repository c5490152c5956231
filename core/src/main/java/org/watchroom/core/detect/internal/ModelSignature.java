package org.watchroom.core.detect.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.watchroom.core.detect.DetectorException;

/**
 * The names and shapes of a loaded model's inputs and outputs ({@code -1} for a dynamic dimension), with
 * checks that fail with a message naming the model, the adapter and what does not fit. Built from a session,
 * or by hand in tests.
 *
 * <p>Thread-safety: immutable once built.
 */
public record ModelSignature(String model, Map<String, long[]> inputs, Map<String, long[]> outputs) {

    public static ModelSignature of(String model, OrtSession session) throws OrtException {
        return new ModelSignature(model, shapes(session.getInputInfo()), shapes(session.getOutputInfo()));
    }

    private static Map<String, long[]> shapes(Map<String, NodeInfo> nodes) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        nodes.forEach((name, node) -> shapes.put(name,
                node.getInfo() instanceof TensorInfo tensor ? tensor.getShape() : new long[0]));
        return shapes;
    }

    /** The input called {@code name}, with {@code rank} dimensions. */
    public long[] input(String adapter, String name, int rank) {
        return shaped(adapter, "input", inputs, name, rank);
    }

    /** The output called {@code name}, with {@code rank} dimensions. */
    public long[] output(String adapter, String name, int rank) {
        return shaped(adapter, "output", outputs, name, rank);
    }

    private long[] shaped(String adapter, String kind, Map<String, long[]> nodes, String name, int rank) {
        long[] shape = nodes.get(name);
        if (shape == null) {
            throw mismatch(adapter, "it has no " + kind + " '" + name + "'");
        }
        if (shape.length != rank) {
            throw mismatch(adapter, kind + " '" + name + "' has shape " + Arrays.toString(shape) + ", expected "
                    + rank + " dimensions");
        }
        return shape;
    }

    /** Fails unless dimension {@code index} of {@code shape} is {@code expected} (or dynamic, when allowed). */
    public void expect(String adapter, String node, long[] shape, int index, long expected, boolean dynamicOk) {
        if (shape[index] == expected || (dynamicOk && shape[index] < 0)) {
            return;
        }
        throw mismatch(adapter, "'" + node + "' has shape " + Arrays.toString(shape) + ", expected dimension "
                + index + " to be " + expected);
    }

    /** A "does not fit the adapter" failure with a summary of what the model does have. */
    public DetectorException mismatch(String adapter, String what) {
        return new DetectorException("Model " + model + " does not fit adapter '" + adapter + "': " + what
                + ". The model has inputs " + describe(inputs) + " and outputs " + describe(outputs) + ".");
    }

    private static String describe(Map<String, long[]> nodes) {
        return nodes.entrySet().stream().map(e -> e.getKey() + Arrays.toString(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
