package org.watchroom.core.model;

/**
 * A model could not be listed, fetched, verified or loaded. The message names the model (or the manifest) and
 * says what to do; the CLI prints it as is.
 *
 * <p>Thread-safety: immutable.
 */
public final class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
