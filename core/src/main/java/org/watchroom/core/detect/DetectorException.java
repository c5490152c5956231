package org.watchroom.core.detect;

/**
 * A model could not be loaded, does not fit its adapter, or failed to run. The message always names the
 * model file and says what is wrong in plain words; the ONNX Runtime error, if any, is the cause.
 */
public final class DetectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DetectorException(String message) {
        super(message);
    }

    public DetectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
