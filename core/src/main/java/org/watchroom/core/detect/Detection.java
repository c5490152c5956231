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
 * @param trackId   the object this detection belongs to across frames (the camera's tracker numbers them from 1),
 *                  or 0 when it was not tracked (straight from a detector, or too weak to start a track)
 */
public record Detection(String label, int classId, float score, Box box, float[] landmarks, long trackId) {

    /** A detection as a detector makes it, before tracking. */
    public Detection(String label, int classId, float score, Box box, float[] landmarks) {
        this(label, classId, score, box, landmarks, 0);
    }

    /**
     * Whether this detection is of the object an event follows: its track, or — for an event of no track (simulated) —
     * its label.
     */
    public boolean isOf(long eventTrackId, String eventLabel) {
        return eventTrackId == 0 ? label.equals(eventLabel) : trackId == eventTrackId;
    }

    /** This detection as part of track {@code id}, named by the track's label (the vote of its frames). */
    public Detection tracked(long id, String trackLabel) {
        return new Detection(trackLabel, classId, score, box, landmarks, id);
    }

    public boolean hasLandmarks() {
        return landmarks != null;
    }
}
