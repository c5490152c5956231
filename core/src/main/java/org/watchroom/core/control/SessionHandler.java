package org.watchroom.core.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Serves the control socket's long-lived connections: those that open with {@code {"t":"attach"}} instead of a
 * command line ({@code core.remote}: calls to the engine's ports and its event feed). They do not take one of the
 * {@link ControlServer#MAX_CLIENTS} command slots; the handler bounds them itself.
 *
 * <p>Thread-safety: implementations are called from many connection threads at once.
 */
public interface SessionHandler {
    /**
     * Serves one attached connection until its client hangs up or {@link #closing} is called; runs on that
     * connection's own (virtual) thread. The connection is closed by the server when this returns.
     *
     * @param attach the frame that opened it
     */
    void serve(ControlConnection connection, ObjectNode attach) throws IOException;

    /**
     * The server is closing (the engine stops): end every session now, so that clients learn at once that the
     * engine went away. Called once, on the closing thread, after new connections are refused.
     */
    void closing();
}
