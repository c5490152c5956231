package org.watchroom.core.camera;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential retry delay with jitter: attempt 1 waits about {@code min}, each further attempt doubles,
 * capped at {@code max}; the result is spread by ±20 % so that many cameras behind one failed switch do
 * not reconnect in lock-step.
 *
 * <p>Thread-safety: immutable apart from the random generator, which callers must not share across threads.
 */
public record Backoff(Duration min, Duration max, RandomGenerator random) {

    public Duration delay(int attempt) {
        double base = min.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(base, (double) max.toMillis());
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis(Math.round(Math.min(capped * jitter, (double) max.toMillis())));
    }
}
