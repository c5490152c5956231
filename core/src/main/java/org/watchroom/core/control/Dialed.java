package org.watchroom.core.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A connection made to the engine that a data folder's descriptor names: what both the command line's and the
 * attached workstations' clients start from.
 *
 * <p>Thread-safety: immutable; the channel's own rules apply.
 */
record Dialed(EngineDescriptor engine, FrameChannel frames) {
    /** The engine running for {@code dataDir}, connected; empty when none answers there. */
    static Optional<Dialed> to(Path dataDir) {
        Optional<EngineDescriptor> descriptor = EngineDescriptor.read(ControlPaths.of(dataDir).descriptor());
        if (descriptor.isEmpty()) {
            return Optional.empty();
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(descriptor.get().socket()));
            } catch (IOException e) {
                channel.close();
                return Optional.empty(); // left by an engine that died (refused), or gone since
            }
            return Optional.of(new Dialed(descriptor.get(), new FrameChannel(channel)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
