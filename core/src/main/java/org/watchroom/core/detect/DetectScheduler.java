package org.watchroom.core.detect;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every camera's detection on a few platform threads (one per core by default) instead of a thread per
 * camera, so that passes do not queue behind each other in the kernel's scheduler with no notion of urgency.
 *
 * <p>Each {@link DetectLoop} asks for two kinds of work. A <em>gate check</em> every {@code 1/fps} seconds runs
 * the motion gate on the newest frame (microseconds); when it sees motion, or a periodic pass is due, the frame
 * stays pinned and the camera <em>wants a pass</em> (inference, milliseconds), at most {@code fps} a second. When
 * several are due, a free worker takes, in this order:
 * <ol>
 *   <li>gate checks, oldest due first — they are cheap and they are what notices motion (they go on while a
 *       periodic pass waits, so that motion is not missed behind it);</li>
 *   <li>passes on <em>fresh</em> motion: for one second after a camera still for at least three starts moving, its
 *       passes go first — someone just walked in, and the first passes decide how soon the guard hears of it;</li>
 *   <li>the other passes, earliest deadline first: a pass on motion is due when the camera's rate lets it run —
 *       fair between busy cameras; a periodic pass of a quiet camera (stationary objects) one second after it fell
 *       due, so it yields to motion but is not starved by it (fresh motion lasts 1 s after 3 s of stillness).</li>
 * </ol>
 * Gate checks start at a different phase per camera and the first periodic pass after start comes at a different
 * fraction of the period per camera, so that quiet cameras' periodic passes are spread out rather than all due at
 * once. A camera that cannot be served in time skips gate ticks (counted in {@link DetectStats#skippedBusy()}).
 *
 * <p>Thread-safety: safe from any thread. A loop is run by one worker at a time; the hand-over between workers goes
 * through this scheduler's lock, which orders each loop's ring reader and detectors across threads.
 */
public final class DetectScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectScheduler.class);
    /** Spreads phases evenly for any number of cameras (the golden ratio's fractional part). */
    private static final double PHASE_STEP = 0.6180339887498949;
    private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long after a still camera starts moving its passes go before every other pass. */
    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long closing a camera waits for its pass in progress. */
    private static final long REMOVE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long a camera must have been still for its motion to count as fresh. */
    private static final long STILL_BEFORE_FRESH_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** How long a due periodic pass lets passes on motion go first. */
    private static final long PERIODIC_SLACK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    @GuardedBy("lock")
    private final List<Entry> entries = new ArrayList<>();
    @GuardedBy("lock")
    private long added;
    @GuardedBy("lock")
    private boolean closed;
    private final List<Thread> workers = new ArrayList<>();

    /** @param workerCount threads that run gate checks and passes; the number of cores suits inference with one intra-op thread */
    public DetectScheduler(int workerCount) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("a detect scheduler needs at least one worker, not " + workerCount);
        }
        for (int i = 0; i < workerCount; i++) {
            workers.add(Thread.ofPlatform().name("detect-" + (i + 1)).daemon().start(this::work));
        }
    }

    /**
     * Workers for this machine: {@code watchroom.detect.workers} when set (a positive number), else one per core.
     */
    public static int defaultWorkers() {
        String property = System.getProperty("watchroom.detect.workers");
        if (property != null && !property.isBlank()) {
            try {
                int wanted = Integer.parseInt(property.trim());
                if (wanted > 0) {
                    return wanted;
                }
            } catch (NumberFormatException e) {
                LOG.warn("watchroom.detect.workers is not a number: '{}'; using one worker per core", property, e);
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public int workers() { return workers.size(); }

    /** Starts scheduling {@code loop}: its first gate check comes within one period, at its own phase. */
    void add(DetectLoop loop) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the detect scheduler is closed");
            }
            double phase = (added++ * PHASE_STEP) % 1.0;
            entries.add(new Entry(loop, System.nanoTime(), phase));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops scheduling {@code loop} and waits until no worker runs it (unless called from the very worker that
     * runs it, from a result's sink): afterwards its reader and detectors may be closed. Gives up waiting after
     * {@link #REMOVE_WAIT_NANOS} with a warning (a pass stuck in native code) rather than hang an engine's shutdown.
     */
    void remove(DetectLoop loop) {
        lock.lock();
        try {
            Entry entry = null;
            for (Entry e : entries) {
                if (e.loop == loop) {
                    entry = e;
                }
            }
            if (entry == null) {
                return;
            }
            entries.remove(entry);
            long left = REMOVE_WAIT_NANOS;
            while (entry.runner != null && entry.runner != Thread.currentThread()) {
                if (left <= 0) {
                    LOG.warn("Camera '{}': its detection pass did not end within {} s of closing; closing anyway",
                            loop.cameraName(), TimeUnit.NANOSECONDS.toSeconds(REMOVE_WAIT_NANOS));
                    return;
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Loops scheduled now. */
    public int loops() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the workers after the work they are doing; loops still registered are not run any more. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.NANOSECONDS.toMillis(REMOVE_WAIT_NANOS));
                if (worker.isAlive()) {
                    LOG.warn("Detect worker {} did not stop within {} s", worker.getName(),
                            TimeUnit.NANOSECONDS.toSeconds(REMOVE_WAIT_NANOS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What a worker took on, chosen under the lock. */
    private record Picked(Entry entry, Job job, boolean periodicDue) {
    }

    private void work() {
        while (true) {
            Picked picked = next();
            if (picked == null) {
                return;
            }
            Entry entry = picked.entry();
            Job job = picked.job();
            DetectLoop.Want outcome = DetectLoop.Want.NONE; // a gate check's finding; a pass leaves none
            long started = System.nanoTime();
            try {
                if (job.gate()) {
                    outcome = entry.loop.checkGate(picked.periodicDue());
                } else {
                    entry.loop.runPass(job.since());
                }
            } catch (RuntimeException e) {
                LOG.warn("Detection on camera '{}' failed", entry.loop.cameraName(), e);
            } catch (Error e) {
                // the camera must still be released (or closing it would wait for ever); the error goes on up
                LOG.error("Detection on camera '{}' failed", entry.loop.cameraName(), e);
                throw e;
            } finally {
                lock.lock();
                try {
                    entry.runner = null;
                    entry.finished(job, outcome, started);
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Waits for the most urgent due job and claims its camera; null once closed. */
    private Picked next() {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return null;
                }
                long now = System.nanoTime();
                Entry entry = null;
                Job job = null;
                long wake = now + IDLE_WAIT_NANOS;
                for (Entry e : entries) {
                    if (e.runner != null) {
                        continue;
                    }
                    Job candidate = e.due(now);
                    if (candidate == null) {
                        long at = e.dueAt();
                        wake = at - wake < 0 ? at : wake;
                    } else if (job == null || candidate.before(job)) {
                        entry = e;
                        job = candidate;
                    }
                }
                if (entry != null) {
                    entry.runner = Thread.currentThread();
                    return new Picked(entry, job, now - entry.nextPeriodic >= 0);
                }
                try {
                    changed.awaitNanos(Math.max(1, wake - now));
                } catch (InterruptedException e) {
                    // nothing but close() ends a worker; a stray interrupt (a sink restoring its flag) is logged
                    LOG.warn("Detect worker {} was interrupted; it goes on", Thread.currentThread().getName(), e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A unit of work for one camera and its place in the queue: gate checks first; then passes on <em>fresh</em>
     * motion (for {@link #FRESH_NANOS} after a camera still for {@link #STILL_BEFORE_FRESH_NANOS} moved); then the
     * other passes by deadline — a pass on motion is due when it may run, a periodic pass
     * {@link #PERIODIC_SLACK_NANOS} after it fell due, so that it yields to a steady load of motion without starving.
     *
     * @param rank 0 gate check, 1 pass on fresh motion, 2 pass on motion, 3 periodic pass
     * @param since when it became due: the gate tick, or for a pass when it was wanted (motion seen, periodic pass
     *              due) or, if later, when the camera's rate lets it run (the wait statistics count from here)
     */
    private record Job(int rank, long since) {
        boolean gate() { return rank == 0; }

        long deadline() { return rank == 3 ? since + PERIODIC_SLACK_NANOS : since; }

        boolean before(Job other) {
            if (gate() != other.gate()) {
                return gate();
            }
            if ((rank == 1) != (other.rank == 1)) {
                return rank == 1;
            }
            return deadline() - other.deadline() < 0;
        }
    }

    /** One loop's timetable; every field is guarded by the scheduler's lock. */
    private static final class Entry {
        final DetectLoop loop;
        final long period;
        final long forceEvery;
        final double phase;
        /** The worker running this loop now, or null. */
        Thread runner;
        long nextGate;
        long nextPass;
        long nextPeriodic;
        DetectLoop.Want wanted = DetectLoop.Want.NONE;
        long wantedSince;
        boolean passedOnce;
        /** Whether the last gate checks saw no motion, and since when. */
        boolean still;
        long stillSince;
        /** Until when this camera's motion counts as fresh (it was still before). */
        long freshUntil;

        Entry(DetectLoop loop, long now, double phase) {
            this.loop = loop;
            this.period = (long) (1e9 / loop.fps());
            this.forceEvery = loop.forceEveryNanos();
            this.phase = phase;
            this.nextGate = now + (long) (period * phase);
            this.nextPass = now;
            this.nextPeriodic = now;
        }

        /**
         * What this loop needs done now, or null when nothing is due yet. Gate checks go on while a periodic pass
         * waits (motion then makes it a pass on motion); a pass on motion waits for nothing but a worker.
         */
        Job due(long now) {
            Job gate = wanted != DetectLoop.Want.MOTION && nextGate - now <= 0 ? new Job(0, nextGate) : null;
            if (wanted == DetectLoop.Want.NONE || gate != null) {
                return gate;
            }
            if (nextPass - now > 0) {
                return null;
            }
            // a pass held back by the rate limit queues from when it may run, not from when it was wanted: a busy
            // camera that asks again right after its pass must not hold a place ahead of a camera that just woke
            long eligible = nextPass - wantedSince > 0 ? nextPass : wantedSince;
            int rank = wanted == DetectLoop.Want.PERIODIC ? 3 : freshUntil - now > 0 ? 1 : 2;
            return new Job(rank, eligible);
        }

        void markStill(long now) {
            if (!still) {
                still = true;
                stillSince = now;
            }
        }

        /** When {@link #due} will next return a job. */
        long dueAt() {
            return switch (wanted) {
                case NONE, NOTHING_NEW -> nextGate;
                case MOTION -> nextPass;
                case PERIODIC -> nextGate - nextPass < 0 ? nextGate : nextPass;
            };
        }

        void finished(Job job, DetectLoop.Want outcome, long started) {
            if (job.gate()) {
                long missed = Math.max(0, (started - nextGate) / period);
                loop.countMissedTicks(missed);
                nextGate += (missed + 1) * period;
                switch (outcome) {
                    case NOTHING_NEW -> { } // a waiting periodic pass keeps its pinned frame and its place
                    case MOTION -> {
                        // fresh only after real stillness: a camera flickering between motion and none (rain, trees)
                        // must not keep itself ahead of everyone
                        if (still && started - stillSince >= STILL_BEFORE_FRESH_NANOS) {
                            freshUntil = started + FRESH_NANOS;
                        }
                        still = false;
                        wanted = DetectLoop.Want.MOTION;
                        wantedSince = started;
                    }
                    case PERIODIC -> {
                        markStill(started);
                        if (wanted != DetectLoop.Want.PERIODIC) {
                            wanted = DetectLoop.Want.PERIODIC;
                            wantedSince = started;
                        }
                    }
                    case NONE -> {
                        markStill(started);
                        wanted = DetectLoop.Want.NONE;
                    }
                }
                return;
            }
            // ticks that went by while a pass on motion waited were missed (a waiting periodic pass goes on with gate
            // checks, which count their own); the next gate check may come at once (nextPass holds the rate), not
            // at a stale tick that would count them twice
            if (wanted == DetectLoop.Want.MOTION) {
                loop.countMissedTicks(Math.max(0, started - wantedSince) / period);
            }
            if (nextGate - started < 0) {
                nextGate = started;
            }
            wanted = DetectLoop.Want.NONE;
            // a period after this pass started: a camera that waited does not catch up ahead of the others (a
            // catch-up rule made the shares of a saturated worker uneven)
            nextPass = started + period;
            // the first periodic pass comes at this camera's phase of the period, the later ones a period apart
            nextPeriodic = started + (passedOnce ? forceEvery : (long) (forceEvery * (0.2 + 0.8 * phase)));
            passedOnce = true;
        }
    }
}
