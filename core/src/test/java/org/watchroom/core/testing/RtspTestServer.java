package org.watchroom.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real RTSP server on a loopback port for tests: {@code src/test/resources/rtsp/rtsp_server.py}
 * (GStreamer's gst-rtsp-server) run by Debian's {@code /usr/bin/python3}. Mounts {@code /test}
 * (videotestsrc, H.264 320x240 15 fps) and, with {@link Builder#footage footage}, {@code /vtest}.
 *
 * <p>The server can be killed and restarted on the same port, or frozen with SIGSTOP to imitate a camera that
 * keeps its sockets open but sends nothing. Its output is drained by a daemon thread (the last lines are kept
 * for failure messages) so the process never blocks on a full pipe.
 *
 * <p>Its Debian packages are in {@code .ci/test-packages}, which {@link TestPackages} installs before the first
 * test; when the bindings still do not import, the fixture fails (never skips) with the command that installs them.
 *
 * <p>Thread-safety: meant for one test thread.
 */
public final class RtspTestServer implements AutoCloseable {
    public static final String PYTHON = "/usr/bin/python3";
    private static final String PROBE =
            "import gi; gi.require_version('GstRtspServer','1.0'); from gi.repository import GstRtspServer";
    private static final long READY_TIMEOUT_MILLIS = 15_000;
    private static final int OUTPUT_LINES_KEPT = 200;
    private static volatile boolean probed;

    private final Path script;
    private final Path footage;
    private final String user;
    private final String password;
    private final Deque<String> output = new ArrayDeque<>();
    private int port;
    private Process process;
    private boolean suspended;

    private RtspTestServer(Path footage, String user, String password) {
        this.footage = footage;
        this.user = user;
        this.password = password;
        this.script = copyScript();
    }

    public static Builder builder() { return new Builder(); }

    /** A server with {@code /test} only, no authentication. */
    public static RtspTestServer start() { return builder().start(); }

    public static final class Builder {
        private Path footage;
        private String user;
        private String password;

        private Builder() {
        }

        /** Serves {@code file} (decoded and re-encoded to H.264 at 10 fps) at {@code /vtest}. */
        public Builder footage(Path file) {
            this.footage = file;
            return this;
        }

        /** Every mount then requires HTTP basic authentication with these credentials. */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        public RtspTestServer start() {
            requireGstRtspServer();
            RtspTestServer server = new RtspTestServer(footage, user, password);
            try {
                server.startOnFreePort();
                return server;
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
        }
    }

    public int port() { return port; }

    /** {@code rtsp://127.0.0.1:PORT/mount} ({@code mount} with or without its leading slash). */
    public String url(String mount) {
        return "rtsp://127.0.0.1:" + port + (mount.startsWith("/") ? "" : "/") + mount;
    }

    /** Like {@link #url(String)} with {@code user:password@} inserted. */
    public String url(String mount, String user, String password) {
        return "rtsp://" + user + ":" + password + "@127.0.0.1:" + port + (mount.startsWith("/") ? "" : "/") + mount;
    }

    public boolean isAlive() { return process != null && process.isAlive(); }

    public long pid() { return process.pid(); }

    /** SIGKILL, then waits until the process is gone: clients see their connections reset. */
    public void kill() {
        if (process == null) {
            return;
        }
        if (suspended) {
            resume(); // a stopped process still dies of SIGKILL, but keep the bookkeeping straight
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("RTSP test server (pid " + process.pid() + ") did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the RTSP test server", e);
        }
        process = null;
    }

    /** Starts the server again on the same port (killing the running one first); waits for READY. */
    public void restart() {
        kill();
        // the port was ours a moment ago; a TIME_WAIT socket or a slow exit can refuse the bind for a short while
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String problem = launch(port);
            if (problem == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("RTSP test server did not restart on port " + port + ": " + problem
                        + "\n" + outputTail());
            }
            sleep(100);
        }
    }

    /** SIGSTOP: the server keeps its sockets (and accepts TCP connections in the kernel) but sends nothing. */
    public void suspend() {
        signal("STOP");
        suspended = true;
    }

    /** SIGCONT after {@link #suspend()}. */
    public void resume() {
        if (suspended) {
            signal("CONT");
            suspended = false;
        }
    }

    public boolean isSuspended() { return suspended; }

    /**
     * Established TCP connections the server holds on its port right now (read from {@code /proc/net/tcp}: the
     * accepted sockets whose local port is the server's). Counts every client on this machine.
     */
    public int establishedConnections() {
        String localSuffix = String.format(Locale.ROOT, ":%04X", port);
        try {
            int count = 0;
            for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st ...; state 01 = ESTABLISHED
                if (f.length > 3 && f[1].endsWith(localSuffix) && f[3].equals("01")) {
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/net/tcp", e);
        }
    }

    /** The last lines the server printed (stdout and stderr together), for failure messages. */
    public String outputTail() {
        synchronized (output) {
            return "--- RTSP test server output (last " + output.size() + " lines) ---\n" + String.join("\n", output);
        }
    }

    @Override
    public void close() {
        try {
            if (process != null) {
                resume();
                kill();
            }
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    /** A free loopback port: bind to 0, note the port, close. Another process could take it; start retries. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /**
     * Fails (with the install command) unless {@code /usr/bin/python3} can import GstRtspServer. Running as root
     * (CI, a fresh machine) it installs the packages first instead of failing.
     */
    public static synchronized void requireGstRtspServer() {
        if (probed) {
            return;
        }
        TestPackages.ensureInstalled(); // normally done before the first test; a no-op then
        String problem = probeProblem();
        if (problem != null) {
            throw new AssertionError("The RTSP tests need GStreamer's RTSP server for Debian's python3 (" + PYTHON
                    + "), but " + problem + ".\nInstall it with:\n  " + TestPackages.installCommand(TestPackages.required()));
        }
        probed = true;
    }

    private static String probeProblem() {
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", PROBE).redirectErrorStream(true).start();
            CompletableFuture<String> text = CompletableFuture.supplyAsync(() -> readAll(probe.getInputStream()));
            if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return "the import check did not finish within 30 s";
            } else if (probe.exitValue() != 0) {
                return "the import check failed (exit " + probe.exitValue() + "): " + text.get(5, TimeUnit.SECONDS).strip();
            }
            return null;
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException | TimeoutException e) {
            return "cannot read the import check's output: " + e;
        }
    }

    private void startOnFreePort() {
        String problem = null;
        for (int tries = 0; tries < 5; tries++) {
            port = freePort();
            problem = launch(port);
            if (problem == null) {
                return;
            }
        }
        throw new IllegalStateException("RTSP test server did not start: " + problem + "\n" + outputTail());
    }

    /** Starts the script on {@code port} and waits for READY; returns null or why it did not become ready. */
    private String launch(int port) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script.toString(), "--port", Integer.toString(port)));
        if (footage != null) {
            command.addAll(List.of("--footage", footage.toAbsolutePath().toString()));
        }
        if (user != null) {
            command.addAll(List.of("--user", user, "--password", password));
        }
        Process started;
        try {
            started = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + PYTHON, e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("rtsp-server-output-" + port).start(() -> drain(started, ready));
        String problem;
        try {
            String line = ready.get(READY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            problem = line.startsWith("READY") ? null : line;
        } catch (TimeoutException e) {
            problem = "no READY within " + READY_TIMEOUT_MILLIS + " ms";
        } catch (ExecutionException e) {
            problem = String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        if (problem != null) {
            started.destroyForcibly();
            try {
                started.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return problem;
        }
        process = started;
        return null;
    }

    /** Reads the server's output until it exits; completes {@code ready} with the READY/ERROR line or at exit. */
    private void drain(Process p, CompletableFuture<String> ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.addLast("[" + p.pid() + "] " + line);
                    while (output.size() > OUTPUT_LINES_KEPT) {
                        output.removeFirst();
                    }
                }
                if (line.startsWith("READY") || line.startsWith("ERROR")) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            // the pipe closes when the process dies
        } finally {
            ready.complete("the server exited before READY");
        }
    }

    private static Path copyScript() {
        try (InputStream in = RtspTestServer.class.getResourceAsStream("/rtsp/rtsp_server.py")) {
            if (in == null) {
                throw new IllegalStateException("test resource /rtsp/rtsp_server.py is missing from the classpath");
            }
            Path file = Files.createTempFile("watchroom-rtsp-server-", ".py");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the RTSP server script", e);
        }
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("the RTSP test server is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String text = readAll(kill.getInputStream());
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: " + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
