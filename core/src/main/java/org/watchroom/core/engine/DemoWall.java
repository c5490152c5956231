package org.watchroom.core.engine;

/**
 * When the engine runs the demo wall (synthetic and looped-footage cameras) instead of the configured cameras.
 *
 * <p>Thread-safety: immutable.
 */
public enum DemoWall {
    /** The demo wall while no camera is configured: what a first start on a desk shows. */
    WHEN_EMPTY,
    /** The demo wall even when cameras are configured ({@code --demo}). */
    ALWAYS,
    /** Never: a service with no camera yet runs none and waits for one ({@code --no-demo}). */
    NEVER;

    /** {@code forceDemo}: {@link #ALWAYS}, else {@link #WHEN_EMPTY}. */
    public static DemoWall forced(boolean forceDemo) {
        return forceDemo ? ALWAYS : WHEN_EMPTY;
    }

    /** Whether the wall runs, given whether any camera is configured. */
    boolean runs(boolean noCameraConfigured) {
        return switch (this) {
            case WHEN_EMPTY -> noCameraConfigured;
            case ALWAYS -> true;
            case NEVER -> false;
        };
    }
}
