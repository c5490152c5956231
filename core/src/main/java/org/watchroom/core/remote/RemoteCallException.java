package org.watchroom.core.remote;

/**
 * A call to the engine failed with an exception this side does not rebuild as its own type (one outside the JDK's
 * {@code java.lang}/{@code java.util} and Watchroom's, or one without a message constructor): its type's name and
 * its message, redacted by the engine. Stack traces stay in the engine's log.
 *
 * <p>Thread-safety: immutable.
 */
public final class RemoteCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String remoteType;

    public RemoteCallException(String remoteType, String message) {
        super(message);
        this.remoteType = remoteType;
    }

    /** The class name of the exception the engine caught. */
    public String remoteType() { return remoteType; }

    @Override
    @SuppressWarnings("OverrideThrowableToString") // reads as the engine's exception would
    public String toString() {
        String message = getLocalizedMessage();
        return RemoteCallException.class.getName() + " (" + remoteType + ")" + (message == null ? "" : ": " + message);
    }
}
