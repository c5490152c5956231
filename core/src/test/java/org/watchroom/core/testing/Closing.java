package org.watchroom.core.testing;

/**
 * Closes what a test class started, in the order given (an API server before its engine before its database), each
 * even when one before it failed or was never made (null); the first failure is rethrown with the others suppressed.
 *
 * <p>Thread-safety: stateless.
 */
public final class Closing {
    private Closing() {
    }

    public static void all(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + resource + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
