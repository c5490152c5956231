package org.watchroom.core.engine;

import org.watchroom.core.auth.Operator;

/**
 * Stopping an engine that runs in a process of its own (the service, or the recorder a workstation started): recording
 * stops on every camera until it starts again. An administrator's decision, audited ({@code engine.stop}) as
 * {@code watchroom engine stop --yes} is. A port, so that an attached workstation offers it.
 *
 * <p>Thread-safety: implementations are safe from any thread; the stop itself follows the answer.
 */
public interface EngineShutdown {

    /**
     * Stops the engine for {@code by}; returns how many cameras stop recording.
     *
     * @throws org.watchroom.core.auth.AccessDeniedException when {@code by} may not stop the engine
     */
    int stop(Operator by);
}
