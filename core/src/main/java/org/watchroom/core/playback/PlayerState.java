package org.watchroom.core.playback;

/**
 * Where a {@link ClipPlayer} is.
 *
 * <p>Thread-safety: immutable values.
 */
public sealed interface PlayerState {
    /** Not opened yet, or closed. */
    record Stopped() implements PlayerState { }

    /** Playing at {@code speed} times real time. */
    record Playing(double speed) implements PlayerState { }

    /** Holding a frame. */
    record Paused() implements PlayerState { }

    /** Played to the last frame (which stays shown); play starts over. */
    record Ended() implements PlayerState { }

    /** The clip cannot be played; {@code reason} says why in words. */
    record Failed(String reason) implements PlayerState { }

    PlayerState STOPPED = new Stopped();
    PlayerState PAUSED = new Paused();
    PlayerState ENDED = new Ended();
}
