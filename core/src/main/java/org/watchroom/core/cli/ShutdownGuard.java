package org.watchroom.core.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM and Ctrl+C into an orderly stop. The JVM answers them by running its shutdown hooks and then
 * exiting 143 (130) at once, while the command's own thread is still closing cameras, recordings and the
 * database. This guard's hook instead tells a running service to stop ({@link #stopSignal}), waits until the
 * command has finished ({@link #finished}) and ends the process with the command's own exit code: 0 for a
 * headless run stopped by {@code systemctl stop} or {@code kill}. Hooks cannot change the exit code otherwise, so
 * it halts; by then everything Watchroom opened is closed. A command that does not finish within its grace
 * (a password prompt, a download) ends with 1 and says so.
 *
 * <p>Installed for one command-line invocation and removed after it, so in-process runs (tests) leave no hook.
 *
 * <p>Thread-safety: safe from any thread; the hook runs on a JVM shutdown thread.
 */
final class ShutdownGuard implements AutoCloseable {
    /** How long a running service gets to close its cameras, recordings, API and database. */
    static final Duration SERVICE_GRACE = Duration.ofSeconds(60);
    /** How long a one-shot command gets; past any prompt they take well under a second. */
    static final Duration COMMAND_GRACE = Duration.ofSeconds(3);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final PrintStream err;
    private final Thread hook;
    private volatile boolean service;
    private volatile boolean guarding = true;
    private volatile int exitCode;

    private ShutdownGuard(PrintStream err) {
        this.err = err;
        this.hook = Thread.ofPlatform().name("watchroom-shutdown").unstarted(this::onShutdown);
    }

    static ShutdownGuard install(PrintStream err) {
        ShutdownGuard guard = new ShutdownGuard(err);
        try {
            Runtime.getRuntime().addShutdownHook(guard.hook);
        } catch (IllegalStateException shuttingDown) {
            guard.guarding = false; // the JVM is already on its way out; nothing to guard
        }
        return guard;
    }

    /** Counted down when the process is asked to stop; a service (headless) runs until then. */
    CountDownLatch stopSignal() {
        service = true;
        return stop;
    }

    /** Leaves the JVM's shutdown as it is (the workstation's window closes its own things). */
    void release() {
        guarding = false;
    }

    /** The command is over; a stop that is waiting ends the process with {@code exitCode}. */
    void finished(int exitCode) {
        this.exitCode = exitCode;
        finished.countDown();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and ends the process with the command's exit code
        }
    }

    private void onShutdown() {
        if (!guarding || finished.getCount() == 0) {
            return; // a normal exit after the command: its own exit code stands
        }
        stop.countDown();
        long signalled = System.nanoTime();
        Duration grace = COMMAND_GRACE;
        boolean done = false;
        try {
            // the grace is read again while waiting: a command still being parsed may turn out to be a service
            while (!done && System.nanoTime() - signalled < grace.toNanos()) {
                done = finished.await(100, TimeUnit.MILLISECONDS);
                grace = service ? SERVICE_GRACE : COMMAND_GRACE;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!done) {
            err.println("watchroom: stopped before the command finished (it did not end within "
                    + grace.toSeconds() + " s of the signal)");
        }
        err.flush();
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(done ? exitCode : 1);
    }
}
