package org.watchroom.core.account;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a fresh installation's first account (always an administrator, see {@link Accounts#add}) and then does
 * one thing: start the REST API, start the configured cameras. The account may be made in this process (the
 * workstation's first-run screen) or by {@code watchroom users add} through the engine's control socket, so the
 * accounts are read every {@link #CHECK_EVERY} rather than told.
 *
 * <p>Thread-safety: safe from any thread; {@code then} runs once, on the watcher's own virtual thread.
 */
public final class FirstAdministrator implements AutoCloseable {
    public static final Duration CHECK_EVERY = Duration.ofSeconds(2);
    /** How to make one, for messages that say something waits for it. */
    public static final String HOW = "create one in the workstation's first-run screen, or: "
            + "watchroom users add --name NAME --role admin --password-stdin";
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);

    private final Accounts accounts;
    private final Runnable then;
    private volatile boolean closed;
    private final Thread watcher;

    private FirstAdministrator(Accounts accounts, String what, Runnable then) {
        this.accounts = accounts;
        this.then = then;
        this.watcher = Thread.ofVirtual().name(what + "-waits-for-admin").unstarted(this::watch);
    }

    /**
     * Runs {@code then} once an account exists, checked first after {@link #CHECK_EVERY}; the caller has found none.
     * Nothing runs after {@link #close()}.
     *
     * @param what names the watcher's thread
     */
    public static FirstAdministrator watch(Accounts accounts, String what, Runnable then) {
        FirstAdministrator first = new FirstAdministrator(accounts, what, then);
        first.watcher.start();
        return first;
    }

    private void watch() {
        boolean unreadable = false;
        try {
            while (!closed) {
                Thread.sleep(CHECK_EVERY);
                boolean none;
                try {
                    none = accounts.none();
                } catch (RuntimeException e) {
                    if (!unreadable) { // once: it is read again every few seconds
                        LOG.warn("The accounts cannot be read; trying again every {} s", CHECK_EVERY.toSeconds(), e);
                    }
                    unreadable = true;
                    continue;
                }
                if (!none && !closed) {
                    run();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed
        }
    }

    private void run() {
        try {
            then.run();
        } catch (RuntimeException e) {
            LOG.error("What waited for the first administrator failed", e);
        }
    }

    /** Stops waiting; does not wait for a {@code then} under way (which may take the caller's own lock). */
    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
    }
}
