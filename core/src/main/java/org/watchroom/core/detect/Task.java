package org.watchroom.core.detect;

/** What a model finds; decides default score thresholds and labels. */
public enum Task {
    /** General objects (COCO classes: person, car, dog, ...). */
    OBJECTS,
    /** Faces, possibly with landmarks. */
    FACES
}
