package org.watchroom.core.detect.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.watchroom.core.detect.DetectorException;

/**
 * Runs one session with preallocated tensors: the input tensor wraps a direct buffer that the
 * {@link Preprocessor} writes, and every output is <em>pinned</em> to a direct buffer of its own, so ONNX
 * Runtime writes results in place and nothing is copied back into fresh Java arrays. What a run still
 * allocates is ONNX Runtime's Java bookkeeping (the {@code Result} object and a few small arrays).
 *
 * <p>Thread-safety: none; one runner per detector. The session itself may be shared.
 */
public final class ModelRunner implements AutoCloseable {
    private final String model;
    private final OrtSession session;
    private final FloatBuffer input;
    private final OnnxTensor inputTensor;
    private final Map<String, OnnxTensor> inputs;
    private final FloatBuffer[] outputs;
    private final OnnxTensor[] outputTensors;
    private final Map<String, OnnxTensor> pinned = new LinkedHashMap<>();

    public ModelRunner(OrtEnvironment env, OrtSession session, String model, ModelLayout layout) {
        this.model = model;
        this.session = session;
        List<String> names = layout.outputNames();
        outputs = new FloatBuffer[names.size()];
        outputTensors = new OnnxTensor[names.size()];
        try {
            long[] inputShape = {1, 3, layout.height(), layout.width()};
            input = direct(ModelLayout.elements(inputShape));
            inputTensor = OnnxTensor.createTensor(env, input, inputShape);
            inputs = Map.of(layout.inputName(), inputTensor);
            for (int i = 0; i < names.size(); i++) {
                long[] shape = layout.outputShapes().get(i);
                outputs[i] = direct(ModelLayout.elements(shape));
                outputTensors[i] = OnnxTensor.createTensor(env, outputs[i], shape);
                pinned.put(names.get(i), outputTensors[i]);
            }
        } catch (OrtException e) {
            close();
            throw new DetectorException("Cannot prepare tensors for model " + model + ": " + e.getMessage(), e);
        }
    }

    private static FloatBuffer direct(long elements) {
        return ByteBuffer.allocateDirect(Math.toIntExact(elements * Float.BYTES)).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    /** The input tensor's memory, NCHW. */
    public FloatBuffer input() { return input; }

    /** The output buffers, in the layout's output order; valid after {@link #run()}. */
    public FloatBuffer[] outputs() { return outputs; }

    public void run() {
        try {
            // The result holds only our pinned tensors, which it does not own: closing it frees nothing of ours.
            session.run(inputs, pinned).close();
        } catch (OrtException e) {
            throw new DetectorException("Model " + model + " failed to run: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (inputTensor != null) {
            inputTensor.close();
        }
        for (OnnxTensor tensor : outputTensors) {
            if (tensor != null) {
                tensor.close();
            }
        }
    }
}
