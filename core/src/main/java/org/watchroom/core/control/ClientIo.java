package org.watchroom.core.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The terminal of whoever sent a {@link CommandRequest}, as the command running in the engine sees it: its
 * stdout and stderr travel back as frames; stdin and passwords are asked for when the command reads them, so a
 * command that reads nothing never waits for input.
 *
 * <p>Thread-safety: {@link #out()} and {@link #err()} from any thread; {@link #in()} and {@link #readSecret} from
 * the command's thread.
 */
public final class ClientIo {
    private final FrameChannel channel;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    ClientIo(FrameChannel channel) {
        this.channel = channel;
        this.out = new PrintStream(new FrameOutput("out"), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(new FrameOutput("err"), true, StandardCharsets.UTF_8);
        this.in = new RemoteInput();
    }

    public PrintStream out() { return out; }

    public PrintStream err() { return err; }

    public InputStream in() { return in; }

    /**
     * Asks the client's terminal for a secret without echo; empty when it has no terminal (or hung up).
     */
    public Optional<char[]> readSecret(String prompt) {
        try {
            out.flush();
            channel.send(FrameChannel.frame("secret").put("prompt", prompt));
            ObjectNode answer = channel.receive();
            if (answer == null || !"secret".equals(answer.path("t").asText()) || !answer.hasNonNull("s")) {
                return Optional.empty();
            }
            return Optional.of(answer.get("s").asText().toCharArray());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Sends a frame the client ignores and says whether it still listens: a command that prints nothing for long
     * (a quiet live feed) finds out so that its client hung up (Ctrl+C). On a Unix socket the first write after the
     * peer closed fails, so one call is enough. What the command printed is flushed first, keeping the order.
     */
    public boolean ping() {
        out.flush();
        err.flush();
        if (out.checkError() || err.checkError()) {
            return false; // a print already failed: the client is gone
        }
        try {
            channel.send(FrameChannel.frame("ping"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void flush() {
        out.flush();
        err.flush();
    }

    /** Collects what the command prints and sends it as one frame per flush (a println flushes). */
    private final class FrameOutput extends OutputStream {
        private final String type;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        FrameOutput(String type) {
            this.type = type;
        }

        @Override
        public synchronized void write(int b) {
            buffer.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (buffer.size() == 0) {
                return;
            }
            String text = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            channel.send(FrameChannel.frame(type).put("s", text));
        }
    }

    /** Pulls the client's stdin a chunk at a time, only when the command reads. */
    private final class RemoteInput extends InputStream {
        private byte[] chunk = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position >= chunk.length) {
                if (ended) {
                    return -1;
                }
                out.flush();
                channel.send(FrameChannel.frame("read"));
                ObjectNode answer = channel.receive();
                if (answer == null || !"in".equals(answer.path("t").asText())) {
                    ended = true; // "eof", or the client is gone
                    continue;
                }
                chunk = answer.path("s").asText().getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }
    }
}
