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
 *   <li>passes on <em>fresh</em> motion: for one second after a still camera starts moving, its passes go first —
 *       someone just walked in, and the first passes decide how soon the guard hears of it;</li>
 *   <li>the other passes, earliest deadline first: a pass on motion is due when the camera's rate lets it run —
 *       fair between busy cameras; a periodic pass of a quiet camera (stationary objects) one second after it fell
 *       due, so it yields to motion but is not starved by it.</li>
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
     * runs it, from a result's sink): afterwards its reader and detectors may be closed.
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
            while (entry.runner != null && entry.runner != Thread.currentThread()) {
                changed.awaitUninterruptibly();
            }
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
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void work() {
        while (true) {
            Entry entry;
            Job job;
            lock.lock();
            try {
                while (true) {
                    if (closed) {
                        return;
                    }
                    long now = System.nanoTime();
                    entry = null;
                    job = null;
                    long wake = now + IDLE_WAIT_NANOS;
                    for (Entry e : entries) {
                        if (e.runner != null) {
                            continue;
                        }
                        Job candidate = e.due(now);
                        if (candidate == null) {
                            wake = Math.min(wake, e.dueAt());
                        } else if (job == null || candidate.before(job)) {
                            entry = e;
                            job = candidate;
                        }
                    }
                    if (entry != null) {
                        entry.runner = Thread.currentThread();
                        break;
                    }
                    changed.awaitNanos(Math.max(1, wake - now));
                }
            } catch (InterruptedException e) {
                return; // only close() ends a worker, and it does not interrupt; leave quietly if someone does
            } finally {
                lock.unlock();
            }
            DetectLoop.Want outcome = DetectLoop.Want.NONE;
            long started = System.nanoTime();
            try {
                outcome = job.gate() ? entry.loop.checkGate(started >= entry.nextPeriodic) : entry.loop.runPass(job.wanted());
            } catch (RuntimeException e) {
                LOG.warn("Detection on camera '{}' failed", entry.loop.cameraName(), e);
            }
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

    /**
     * A unit of work for one camera and its place in the queue: gate checks first; then passes on <em>fresh</em>
     * motion (a camera that was still until less than {@link #FRESH_NANOS} ago: someone just walked in); then the
     * other passes by deadline — a pass on motion is due when it may run, a periodic pass
     * {@link #PERIODIC_SLACK_NANOS} after it fell due, so that it yields to motion but never starves under it.
     *
     * @param rank 0 gate check, 1 pass on fresh motion, 2 pass on motion, 3 periodic pass
     * @param since when it became due: the gate tick, or for a pass when it was wanted (motion seen, periodic pass
     *              due) or, if later, when the camera's rate lets it run
     * @param wanted when the pass was wanted, for the wait statistics
     */
    private record Job(int rank, long since, long wanted) {
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
        /** Whether the last gate check saw no motion. */
        boolean still;
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
            Job gate = wanted != DetectLoop.Want.MOTION && nextGate - now <= 0 ? new Job(0, nextGate, nextGate) : null;
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
            return new Job(rank, eligible, wantedSince);
        }

        /** When {@link #due} will next return a job. */
        long dueAt() {
            return switch (wanted) {
                case NONE, NOTHING_NEW -> nextGate;
                case MOTION -> nextPass;
                case PERIODIC -> Math.min(nextGate, nextPass);
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
                        if (still) {
                            freshUntil = started + FRESH_NANOS;
                        }
                        still = false;
                        wanted = DetectLoop.Want.MOTION;
                        wantedSince = started;
                    }
                    case PERIODIC -> {
                        still = true;
                        if (wanted != DetectLoop.Want.PERIODIC) {
                            wanted = DetectLoop.Want.PERIODIC;
                            wantedSince = Math.min(started, nextPeriodic);
                        }
                    }
                    case NONE -> {
                        still = true;
                        wanted = DetectLoop.Want.NONE;
                    }
                }
                return;
            }
            // ticks that went by while the pass waited were missed; the next gate check may come at once (the
            // pass rate is held by nextPass), not at a stale tick that would count them twice
            loop.countMissedTicks(Math.max(0, started - wantedSince) / period);
            if (nextGate - started < 0) {
                nextGate = started;
            }
            wanted = DetectLoop.Want.NONE;
            // keep to the asked rate on average (a pass that waited lets the next come sooner), never two passes
            // closer than half a period
            nextPass = Math.max(nextPass + period, started + period / 2);
            // the first periodic pass comes at this camera's phase of the period, the later ones a period apart
            nextPeriodic = started + (passedOnce ? forceEvery : (long) (forceEvery * (0.2 + 0.8 * phase)));
            passedOnce = true;
        }
    }
}
