package org.watchroom.core.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * One JSON object per line over a control-socket connection, in both directions. Lines longer than
 * {@link #MAX_LINE} are refused, so a confused peer cannot make the other side buffer without end.
 *
 * <p>Thread-safety: {@link #send} from any thread (one frame at a time); {@link #receive} from one thread.
 */
final class FrameChannel implements AutoCloseable {
    static final int MAX_LINE = 4 * 1024 * 1024;
    static final ObjectMapper JSON = new ObjectMapper();

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    FrameChannel(SocketChannel channel) {
        this.channel = channel;
        // buffered: receive() reads byte by byte, one system call each otherwise (RPC answers are kilobytes)
        this.in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
        this.out = Channels.newOutputStream(channel);
    }

    SocketChannel channel() { return channel; }

    static ObjectNode frame(String type) {
        return JSON.createObjectNode().put("t", type);
    }

    synchronized void send(ObjectNode frame) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(frame);
        byte[] withNewline = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, withNewline, 0, bytes.length);
        withNewline[bytes.length] = '\n';
        out.write(withNewline);
        out.flush();
    }

    /** The next frame, or null when the peer closed the connection. */
    ObjectNode receive() throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() > 0) {
                    throw new IOException("the connection ended in the middle of a message");
                }
                return null;
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("a control message longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (!(JSON.readTree(line.toByteArray()) instanceof ObjectNode node) || !node.hasNonNull("t")) {
            throw new IOException("not a control message");
        }
        return node;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
