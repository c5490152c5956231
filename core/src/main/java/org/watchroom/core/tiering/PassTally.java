package org.watchroom.core.tiering;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pass's counts, turned into its {@link MoveSummary} at the end; failures are logged through a {@link FailureLog}
 * that outlives the pass, so that the same failure a pass a minute is not logged at WARN every minute.
 *
 * <p>Thread-safety: not thread-safe; confined to the pass thread (as is the {@link FailureLog}).
 */
final class PassTally {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentMover.class);

    int moved;
    long bytes;
    int failures;
    final List<String> problems = new ArrayList<>();
    String archiveProblem;
    int originalsDeleted;
    final Set<Long> cameras = new TreeSet<>();
    private final FailureLog log;

    PassTally(FailureLog log) {
        this.log = log;
    }

    /** Counts and logs a failure: with its throwable at WARN when it is news, else at DEBUG (a pass a minute). */
    void fail(String problem, Throwable cause) {
        failures++;
        problems.add(problem);
        log.log(problem, cause);
    }

    MoveSummary summary(int waiting) {
        return new MoveSummary(moved, bytes, failures, problems, archiveProblem, originalsDeleted, waiting, cameras);
    }

    /**
     * The kind of failure logged last at WARN, and when: the same kind again within {@link #LOG_AGAIN} goes to DEBUG.
     *
     * <p>Thread-safety: not thread-safe; confined to the pass thread.
     */
    static final class FailureLog {
        private static final Duration LOG_AGAIN = Duration.ofMinutes(10);

        private final Clock clock;
        private String lastLogged;
        private Instant lastLoggedAt = Instant.MIN;

        FailureLog(Clock clock) {
            this.clock = clock;
        }

        void log(String problem, Throwable cause) {
            Instant now = clock.instant();
            String kind = problem.replaceAll("Segment \\d+ of '.*' from \\S+ ", "");
            if (!kind.equals(lastLogged) || !now.isBefore(lastLoggedAt.plus(LOG_AGAIN))) {
                LOG.warn("Archive: {}", problem, cause);
                lastLogged = kind;
                lastLoggedAt = now;
            } else {
                LOG.debug("Archive: {}", problem, cause);
            }
        }
    }
}
