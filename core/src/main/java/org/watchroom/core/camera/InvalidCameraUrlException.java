package org.watchroom.core.camera;

/** A camera URL that cannot be used; the message says why and never contains the password. */
public final class InvalidCameraUrlException extends IllegalArgumentException {
    public InvalidCameraUrlException(String message) {
        super(message);
    }
}
