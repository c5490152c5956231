package org.watchroom.core.detect.internal;

import java.util.List;

/**
 * What an adapter decided after checking a model: the input to feed (name, size, preprocessing) and the
 * outputs to read, in the order its decoder expects them, with concrete shapes (used to preallocate the
 * pinned output buffers).
 *
 * <p>Thread-safety: immutable by convention (shape arrays are not written after construction).
 */
public record ModelLayout(String inputName, int width, int height, Preprocessing preprocessing,
        List<String> outputNames, List<long[]> outputShapes) {

    public ModelLayout {
        outputNames = List.copyOf(outputNames);
        outputShapes = List.copyOf(outputShapes);
        if (outputNames.size() != outputShapes.size()) {
            throw new IllegalArgumentException("one shape per output");
        }
    }

    public static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
