package org.watchroom.core.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One connection over the engine's control socket, for what is built on top of it (the engine's RPC and event feed,
 * {@code core.remote}): JSON-object frames one per line, at most {@link #MAX_FRAME_BYTES} each. The server side gets
 * one per attached connection through {@link SessionHandler}; a client opens one with {@link #open}.
 *
 * <p>Thread-safety: {@link #send} from any thread (one frame at a time); {@link #receive} from one thread;
 * {@link #close} from any thread (a blocked {@link #receive} then ends).
 */
public final class ControlConnection implements AutoCloseable {
    /** The longest frame either side accepts; a longer one ends the connection. */
    public static final int MAX_FRAME_BYTES = FrameChannel.MAX_LINE;

    private final FrameChannel frames;
    private final Optional<String> peerUser;
    private final Optional<EngineDescriptor> engine;

    ControlConnection(FrameChannel frames, Optional<String> peerUser, Optional<EngineDescriptor> engine) {
        this.frames = frames;
        this.peerUser = peerUser;
        this.engine = engine;
    }

    /** A connection to the engine running for {@code dataDir}; empty when none answers there. */
    public static Optional<ControlConnection> open(Path dataDir) {
        return Dialed.to(dataDir).map(dialed -> new ControlConnection(dialed.frames(), Optional.empty(),
                Optional.of(dialed.engine())));
    }

    /** A new frame of type {@code type} ({@code "t"}), to fill and {@link #send}. */
    public static ObjectNode frame(String type) {
        return FrameChannel.frame(type);
    }

    public void send(ObjectNode frame) throws IOException {
        frames.send(frame);
    }

    /** The next frame, or null when the peer closed the connection. */
    public ObjectNode receive() throws IOException {
        return frames.receive();
    }

    /** On the server: the connecting process's OS account, where the system says. */
    public Optional<String> peerUser() { return peerUser; }

    /** On a client: the engine it connected to, as its descriptor says. */
    public Optional<EngineDescriptor> engine() { return engine; }

    @Override
    public void close() {
        try {
            frames.close();
        } catch (IOException e) {
            // closing a Unix socket loses nothing that was not already lost
        }
    }
}
