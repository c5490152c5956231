package org.watchroom.core.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.engine.Engine;

/**
 * Ends a recorder that a workstation started in the background when it runs the demo wall alone and its last window
 * closed: the demo records nothing, so nothing should go on using the machine after someone who tried Watchroom
 * closed it. A recorder with real cameras is never ended this way: it records on, as the window says.
 *
 * <p>Thread-safety: one watcher thread per engine.
 */
final class DemoEnd {
    private static final Logger LOG = LoggerFactory.getLogger(DemoEnd.class);
    /** How long the demo runs on without a window (a window reopened at once finds it still there). */
    static final Duration GRACE = Duration.ofSeconds(10);
    /** A demo recorder whose window never came (it failed to open) ends after this. */
    static final Duration NO_WINDOW = Duration.ofMinutes(5);
    private static final long POLL_MILLIS = 1000;

    private DemoEnd() {
    }

    /** Watches {@code engine}'s attached windows on a daemon thread; counts {@code stop} down when the demo is over. */
    static void watch(Engine engine, ControlServer control, CountDownLatch stop) {
        Thread.ofPlatform().name("demo-end").daemon().start(() -> {
            long started = System.nanoTime();
            long emptySince = 0;
            try {
                while (!stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    long now = System.nanoTime();
                    if (control.attachedConnections() > 0 || !engine.demo()) {
                        emptySince = 0;
                        continue;
                    }
                    // counted by the server, not seen by polling: a window may come and go between two polls
                    boolean seenWindow = control.attachesSoFar() > 0;
                    emptySince = emptySince == 0 ? now : emptySince;
                    boolean over = seenWindow ? now - emptySince >= GRACE.toNanos()
                            : now - started >= NO_WINDOW.toNanos();
                    if (over) {
                        LOG.info("Only the demo wall ran and no window shows it any more: the recorder stops");
                        stop.countDown();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
