package org.watchroom.core.camera;

/** A camera URL that cannot be used; the message says why and never contains the password. */
public final class InvalidCameraUrlException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidCameraUrlException(String message) {
        super(message);
    }
}
