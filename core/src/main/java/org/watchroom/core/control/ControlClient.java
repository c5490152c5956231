package org.watchroom.core.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code watchroom} beside a running engine: finds the data folder's engine through its descriptor, sends it the
 * command line and plays back what the command prints, feeding it stdin and passwords when it asks.
 *
 * <p>Thread-safety: one command per instance, on one thread.
 */
public final class ControlClient {
    /** Reads a password without echo; null when there is no terminal to ask at. */
    @FunctionalInterface
    public interface SecretReader {
        char[] read(String prompt);
    }

    private final EngineDescriptor engine;
    private final FrameChannel frames;

    private ControlClient(EngineDescriptor engine, FrameChannel frames) {
        this.engine = engine;
        this.frames = frames;
    }

    /** The engine running for {@code dataDir}, connected; empty when none answers there. */
    public static Optional<ControlClient> connect(Path dataDir) {
        return Dialed.to(dataDir).map(dialed -> new ControlClient(dialed.engine(), dialed.frames()));
    }

    /** Whether an engine answers for {@code dataDir}, and which. */
    public static Optional<EngineDescriptor> running(Path dataDir) {
        Optional<ControlClient> client = connect(dataDir);
        client.ifPresent(ControlClient::close);
        return client.map(c -> c.engine);
    }

    public EngineDescriptor engine() { return engine; }

    /**
     * Runs {@code args} in the engine; returns its exit code, or 1 (said on {@code err}) when the engine went away
     * before the command finished.
     */
    public int run(List<String> args, Path cwd, InputStream in, PrintStream out, PrintStream err, SecretReader secrets) {
        try (frames) {
            ObjectNode request = FrameChannel.frame("run").put("cwd", cwd.toAbsolutePath().toString())
                    .put("user", System.getProperty("user.name", "unknown"));
            ArrayNode array = request.putArray("args");
            args.forEach(array::add);
            frames.send(request);
            BufferedReader stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            while (true) {
                ObjectNode frame = frames.receive();
                if (frame == null) {
                    err.println("watchroom: the engine (pid " + engine.pid() + ") went away before the command "
                            + "finished; see its log");
                    return 1;
                }
                switch (frame.path("t").asText()) {
                    case "out" -> {
                        out.print(frame.path("s").asText());
                        out.flush();
                    }
                    case "err" -> {
                        err.print(frame.path("s").asText());
                        err.flush();
                    }
                    case "read" -> {
                        String line = stdin.readLine();
                        frames.send(line == null ? FrameChannel.frame("eof") : FrameChannel.frame("in").put("s", line + "\n"));
                    }
                    case "secret" -> {
                        char[] secret = secrets.read(frame.path("prompt").asText());
                        frames.send(secret == null ? FrameChannel.frame("nosecret")
                                : FrameChannel.frame("secret").put("s", new String(secret)));
                    }
                    case "ping" -> {
                        // a long-running command (events follow) checking that we still listen: nothing to do
                    }
                    case "exit" -> {
                        return frame.path("code").asInt(1);
                    }
                    default -> {
                        // a newer engine's message this client does not know: skip it
                    }
                }
            }
        } catch (IOException e) {
            err.println("watchroom: lost the connection to the engine (pid " + engine.pid() + "): " + e.getMessage());
            return 1;
        }
    }

    /** Hangs up without running anything. */
    public void close() {
        try {
            frames.close();
        } catch (IOException e) {
            // nothing was sent: nothing to lose
        }
    }
}
