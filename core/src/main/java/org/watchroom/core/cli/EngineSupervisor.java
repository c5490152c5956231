package org.watchroom.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.control.ControlClient;

/**
 * {@code watchroom engine --supervise}: runs the engine as a child process and starts it again when it dies of
 * anything but an orderly stop, so that a native crash in FFmpeg or ONNX Runtime costs seconds of recording, not the
 * rest of the day. The workstation starts the engine this way when none runs ({@link #startDetached}); the service
 * leaves restarts to systemd instead.
 *
 * <p>An engine that exits 0 was stopped on purpose ({@code engine stop --yes}, SIGTERM): the supervisor ends too.
 * One that fails within {@link #SETTLING} of its first start (a refused folder, a second engine, bad options) is
 * not restarted either: that is a configuration to fix, said in the engine's console file. Restarts wait
 * {@link #FIRST_WAIT}, doubling up to {@link #LONGEST_WAIT}, and start over once an engine ran {@link #STABLE}.
 * SIGTERM to the supervisor stops the engine in order (SIGTERM, then its grace) and ends.
 *
 * <p>Thread-safety: one supervisor per instance, run on one thread.
 */
public final class EngineSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(EngineSupervisor.class);
    static final Duration FIRST_WAIT = Duration.ofMillis(500);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    static final Duration STABLE = Duration.ofSeconds(60);
    static final Duration SETTLING = Duration.ofSeconds(10);
    /** The engine's own stdout and stderr, appended (its log proper is {@code logs/watchroom.log}). */
    static final String CONSOLE = "logs/engine-console.log";

    private final Path dataDir;
    private final List<String> engineArguments;
    private final PrintStream err;

    /** @param engineArguments the options of {@code watchroom engine} (without {@code --supervise}) */
    EngineSupervisor(Path dataDir, List<String> engineArguments, PrintStream err) {
        this.dataDir = dataDir.toAbsolutePath();
        this.engineArguments = List.copyOf(engineArguments);
        this.err = err;
    }

    /**
     * Runs engines until one stops in order or {@code stop} is counted down; returns the exit code: 0, or the first
     * engine's when it could not start.
     */
    int run(CountDownLatch stop) throws IOException, InterruptedException {
        Duration wait = FIRST_WAIT;
        boolean first = true;
        while (true) {
            long started = System.nanoTime();
            Process engine = startLogged(dataDir, engineCommand(dataDir, engineArguments, false));
            LOG.info("Engine started for {} (pid {})", dataDir, engine.pid());
            while (!engine.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (stop.getCount() == 0) {
                    return stopInOrder(engine);
                }
            }
            int code = engine.exitValue();
            Duration ran = Duration.ofNanos(System.nanoTime() - started);
            if (code == 0) {
                LOG.info("The engine for {} stopped in order; the supervisor ends too", dataDir);
                return 0;
            }
            if (first && ran.compareTo(SETTLING) < 0 && code < 128) {
                err.println("watchroom: the engine for " + dataDir + " could not start (exit " + code + "); see "
                        + dataDir.resolve(CONSOLE));
                return code;
            }
            first = false;
            wait = ran.compareTo(STABLE) >= 0 ? FIRST_WAIT : wait;
            LOG.error("The engine for {} died (exit {}{}) after {} s; starting it again in {} ms", dataDir, code,
                    code > 128 ? ", signal " + (code - 128) : "", ran.toSeconds(), wait.toMillis());
            if (stop.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return 0;
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
        }
    }

    private int stopInOrder(Process engine) throws InterruptedException {
        engine.destroy(); // SIGTERM: the engine closes recordings and the database
        // within this process's own grace (the shutdown guard halts it after SERVICE_GRACE), so the kill happens
        long grace = ShutdownGuard.SERVICE_GRACE.minusSeconds(5).toSeconds();
        if (!engine.waitFor(grace, TimeUnit.SECONDS)) {
            LOG.error("The engine for {} did not stop within {} s; killing it", dataDir, grace);
            engine.destroyForcibly();
        }
        return 0;
    }

    /** Starts {@code command} with no input and its output appended to {@code dataDir}'s console file. */
    private static Process startLogged(Path dataDir, List<String> command) throws IOException {
        Path console = dataDir.resolve(CONSOLE);
        Files.createDirectories(console.getParent());
        ProcessBuilder.Redirect append = ProcessBuilder.Redirect.appendTo(console.toFile());
        return new ProcessBuilder(command).redirectOutput(append).redirectError(append)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }

    /**
     * {@code java … WatchroomCli engine [--supervise] OPTIONS --data-dir DIR}, with this JVM's memory and property
     * options.
     */
    static List<String> engineCommand(Path dataDir, List<String> engineArguments, boolean supervise) {
        List<String> command = java();
        command.add("engine");
        if (supervise) {
            command.add("--supervise");
        }
        command.addAll(engineArguments);
        command.add("--data-dir");
        command.add(dataDir.toString());
        return command;
    }

    /**
     * This JVM again, on this class path, running {@link WatchroomCli}: no agents, no module options. An installed
     * package's runtime has no {@code java} command (jpackage strips it): there its own launcher runs the command.
     *
     * @throws IllegalStateException when neither can be found
     */
    static List<String> java() {
        List<String> command = new ArrayList<>();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            String launcher = ProcessHandle.current().info().command()
                    .filter(c -> !c.endsWith("/java") && Files.isExecutable(Path.of(c)))
                    .orElseThrow(() -> new IllegalStateException("no java command in " + java.getParent()
                            + " and no launcher to start the recorder with"));
            command.add(launcher);
            return command;
        }
        command.add(java.toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-Dwatchroom.")
                    || option.startsWith("-Djavacpp.")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WatchroomCli.class.getName());
        return command;
    }

    /**
     * Starts {@code watchroom engine --supervise OPTIONS} for {@code dataDir} in a session of its own ({@code setsid}
     * where there is one), so that it outlives the window and the terminal that started it (closing the last window
     * does not stop recording), and returns once its engine answers on the control socket.
     *
     * @throws IllegalStateException when no engine answers within {@code timeout} (the console file says why)
     */
    public static Process startDetached(Path dataDir, List<String> engineArguments, Duration timeout)
            throws IOException, InterruptedException {
        Path data = dataDir.toAbsolutePath();
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString());
        }
        command.addAll(engineCommand(data, engineArguments, true));
        Process supervisor = startLogged(data, command);
        Path console = data.resolve(CONSOLE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ControlClient.running(data).isPresent()) {
                return supervisor;
            }
            if (!supervisor.isAlive() && supervisor.exitValue() != 0) {
                throw new IllegalStateException("The recorder for " + data + " could not start (exit "
                        + supervisor.exitValue() + "); see " + console);
            }
            Thread.sleep(100);
        }
        supervisor.destroy(); // not half started beside whatever the caller does instead: gone before returning
        if (!supervisor.waitFor(ShutdownGuard.SERVICE_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            supervisor.destroyForcibly();
        }
        throw new IllegalStateException("The recorder for " + data + " did not answer within " + timeout.toSeconds()
                + " s; see " + console);
    }
}
