package org.watchroom.core.detect;

/**
 * One detected object or face.
 *
 * <p>Thread-safety: immutable by convention (the landmark array is never written after construction;
 * callers must not write it either). Record equality compares the array by reference.
 *
 * @param label     class name from the model's labels ({@code "face"} for face models)
 * @param classId   index of the class in the model's output
 * @param score     confidence 0..1 as the adapter defines it (e.g. objectness × class for YOLOX)
 * @param box       where, in source-frame pixels
 * @param landmarks for face models with landmarks (YuNet): 10 floats, x,y of right eye, left eye, nose,
 *                  right and left mouth corner in source-frame pixels; otherwise {@code null}
 */
public record Detection(String label, int classId, float score, Box box, float[] landmarks) {

    public boolean hasLandmarks() {
        return landmarks != null;
    }
}
