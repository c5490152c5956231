package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.record.internal.PacketQueue;
import org.watchroom.core.store.RecordingGap;

/**
 * The writer thread of one camera's {@link SegmentRecorder}: takes the queued packets in order and decides the
 * timeline: where a segment starts and is cut, how its start time is chained to the one before, when a reconnect,
 * a clock jump, a drop run, an offline source or a full disk ends one and opens a gap. The files themselves are
 * {@link SegmentFile}s; what the listener hears goes through {@link SegmentReports}. The rules are stated on
 * {@link SegmentRecorder}.
 *
 * <p>Thread-safety: the decisions run on the writer thread only. {@link #sourceOffline}, {@link #wake},
 * {@link #parked}, {@link #writing} and {@link #stop} from any thread (the ingest thread, a state listener, stop).
 */
final class SegmentWriter {
    /** Queue flags: the packet is a keyframe. */
    static final int KEY = 1;
    /** Queue flags: packets were dropped before this one (it carries their count and when dropping began). */
    static final int AFTER_DROP = 2;
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecorder.class); // the recorder's log
    /** A reconnect that leaves a hole longer than this gets an {@code offline} gap even without a state change. */
    private static final long RECONNECT_HOLE_MICROS = 1_000_000;
    /** How long the writer sleeps with nothing (or too little to wake it) queued. */
    private static final long IDLE_NANOS = 250_000_000L;
    /** A jump in a stream's timestamps beyond this ends the segment (the camera reset its clock). */
    private static final long JUMP_MICROS = 10_000_000;

    private final String camera;
    private final Path directory;
    private final SegmentSettings settings;
    private final Clock clock;
    private final DiskGuard disk;
    private final PacketQueue queue;
    private final SegmentCounters counters;
    private final SegmentReports reports;
    private final long segmentMicros;
    private final Thread thread;

    // signals between the sides
    private final AtomicLong offlineSince = new AtomicLong(); // 0: online; else when the source said otherwise
    private volatile String offlineReason;
    private volatile boolean parked;
    private volatile boolean closing;
    private volatile boolean engineStopping;
    private volatile boolean writing;

    // writer thread only
    private StreamParams params;
    private SegmentFile segment;
    private boolean chainable; // the next segment may continue this connection's timeline
    private Instant holeFrom; // end of the segment a reconnect cut, for a hole without an offline state
    private long failureLogs;

    /** Starts the writer thread; {@code reports} holds the gap left open by the last run, if any. */
    SegmentWriter(String camera, Path directory, SegmentSettings settings, Clock clock, DiskGuard disk,
                  PacketQueue queue, SegmentCounters counters, SegmentReports reports) {
        this.camera = camera;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
        this.disk = disk;
        this.queue = queue;
        this.counters = counters;
        this.reports = reports;
        this.segmentMicros = settings.segment().toNanos() / 1000;
        this.thread = Thread.ofPlatform().name("segments-" + camera).daemon().start(this::run);
    }

    /** Whether the writer sleeps, waiting for enough packets (the ingest side wakes it only then). */
    boolean parked() { return parked; }

    void wake() { LockSupport.unpark(thread); }

    /** Whether a segment is open now. */
    boolean writing() { return writing; }

    /** The source went offline: the open segment ends once the packets before now are written. */
    void sourceOffline(String reason) {
        if (!closing) {
            offlineReason = reason;
            if (offlineSince.compareAndSet(0, clock.millis()) && parked) {
                wake();
            }
        }
    }

    /**
     * Writes what is queued, finishes and ends or begins the last gap ({@code engine}: an {@code engine_down} gap),
     * waiting up to a minute. False when the writer did not finish in time (a hung disk).
     */
    boolean stop(boolean engine) {
        engineStopping = engine;
        closing = true;
        wake();
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void run() {
        while (true) {
            try {
                int slot = queue.peek();
                long offline = offlineSince.get();
                if (offline != 0 && (slot < 0 || queue.arrivalMillis(slot) >= offline)) {
                    offlineSince.compareAndSet(offline, 0);
                    goOffline(offline, offlineReason);
                    continue;
                }
                if (slot >= 0) {
                    try {
                        handle(slot);
                    } finally {
                        queue.release(slot);
                    }
                    continue;
                }
                reports.decideMotion(false);
                if (closing) {
                    break;
                }
                parked = true;
                if (queue.isEmpty() && !closing && offlineSince.get() == 0) {
                    LockSupport.parkNanos(IDLE_NANOS);
                }
                parked = false;
            } catch (RuntimeException | Error e) {
                LOG.error("Camera '{}': the recording writer failed; it goes on with the next packet", camera, e);
            }
        }
        try {
            finishAll();
        } catch (RuntimeException | Error e) {
            LOG.error("Camera '{}': the recording writer failed while stopping", camera, e);
        }
    }

    private void handle(int slot) {
        AVPacket packet = queue.packet(slot);
        long arrival = queue.arrivalMillis(slot);
        int flags = queue.flags(slot);
        if (queue.takeAttachment(slot) instanceof StreamParams next) {
            newConnection(next);
        }
        if ((flags & AFTER_DROP) != 0) {
            dropped(queue.count(slot), queue.time(slot));
        }
        if (params == null) {
            return;
        }
        boolean key = (flags & KEY) != 0;
        long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
        if (key) {
            reports.decideMotion(false);
        }
        if (segment == null) {
            if (key && dts != AV_NOPTS_VALUE) {
                startSegment(packet, dts, Instant.ofEpochMilli(arrival), null);
            }
            return;
        }
        long pos = dts == AV_NOPTS_VALUE ? segment.lastEnd() : segment.position(dts);
        if (pos < segment.lastPos() - 1000 || pos > segment.lastEnd() + JUMP_MICROS) {
            // The camera reset or jumped its clock: this segment's timeline cannot hold what follows.
            LOG.info("Camera '{}': its timestamps jumped by {} ms; a new segment starts at the next keyframe",
                    camera, (pos - segment.lastEnd()) / 1000);
            holeFrom = endSegment(segment.lastEnd()); // a hole of more than a second before the next keyframe is a gap
            chainable = false;
            if (key) {
                startSegment(packet, dts, Instant.ofEpochMilli(arrival), null);
            }
            return;
        }
        if (key) {
            if (!room()) {
                Instant end = endSegment(pos);
                reports.beginGap(RecordingGap.Reason.PAUSED, end, pauseDetail());
                return;
            }
            if (pos >= segmentMicros) {
                Instant planned = segment.start().plusNanos(pos * 1000);
                Instant end = endSegment(pos);
                // joined to the one before unless that one lost its last fragment
                startSegment(packet, dts, Instant.ofEpochMilli(arrival), planned.equals(end) ? end : null);
                return;
            }
        }
        write(packet, arrival, pos);
    }

    private void newConnection(StreamParams next) {
        if (segment != null) {
            holeFrom = endSegment(segment.lastEnd());
        }
        chainable = false;
        if (params != null) {
            params.free(); // the segment writers copied what they need
        }
        params = next;
    }

    private void dropped(long count, long sinceMillis) {
        Instant from = Instant.ofEpochMilli(sinceMillis);
        if (segment != null) {
            from = endSegment(segment.lastEnd());
        }
        chainable = false;
        holeFrom = null;
        reports.beginGap(RecordingGap.Reason.DROPPED, from, count + " packets dropped: the recording could not keep up "
                + "(a slow or stalled disk)");
    }

    private void goOffline(long sinceMillis, String reason) {
        Instant from = Instant.ofEpochMilli(sinceMillis);
        if (segment != null) {
            from = endSegment(segment.lastEnd());
        }
        chainable = false;
        holeFrom = null;
        reports.beginGap(RecordingGap.Reason.OFFLINE, from, reason);
    }

    /**
     * Opens a segment with this keyframe. {@code chained}: where the previous segment of this connection ended,
     * used as the start unless it drifted too far from {@code arrival}.
     */
    private void startSegment(AVPacket packet, long dts, Instant arrival, Instant chained) {
        if (!room()) {
            reports.beginGap(RecordingGap.Reason.PAUSED, chained != null ? chained : arrival, pauseDetail());
            return;
        }
        Instant start = arrival;
        if (chained != null && chainable) {
            long drift = Duration.between(chained, arrival).toMillis();
            if (settings.maxDrift() == null || Math.abs(drift) <= settings.maxDrift().toMillis()) {
                start = chained;
            } else {
                LOG.info("Camera '{}': the stream's clock drifted {} ms from the wall clock; the next segment starts "
                        + "at its arrival time", camera, drift);
            }
        }
        if (holeFrom != null && !reports.inGap() && Duration.between(holeFrom, start).toNanos() / 1000
                > RECONNECT_HOLE_MICROS) {
            reports.beginGap(RecordingGap.Reason.OFFLINE, holeFrom, "the camera's stream was interrupted (reconnected)");
        }
        holeFrom = null;
        Path file = SegmentPaths.newFile(directory, start);
        try {
            segment = SegmentFile.open(camera, file, params, start, dts);
        } catch (IOException | RuntimeException e) {
            segment = null;
            failed("cannot create a recording file: " + e.getMessage(), e, start);
            reports.deleteQuietly(file);
            return;
        }
        chainable = true;
        writing = true;
        reports.segmentOpened(file, start); // ends the open gap there (reopened should nothing of it be kept)
        write(packet, arrival.toEpochMilli(), 0);
    }

    private void write(AVPacket packet, long arrival, long pos) {
        try {
            segment.write(packet, arrival, pos);
        } catch (IOException e) {
            Instant at = endSegment(segment.lastEnd());
            failed("cannot write the recording: " + e.getMessage(), e, at);
        }
    }

    private void failed(String why, Exception e, Instant at) {
        counters.writeFailures.incrementAndGet();
        if (failureLogs++ % 60 == 0) { // a disk that refuses every file would log every second
            LOG.warn("Camera '{}': {}; recording is paused until it works ({} failures so far)", camera, why,
                    counters.writeFailures.get(), e);
        }
        chainable = false;
        reports.beginGap(RecordingGap.Reason.PAUSED, at, why);
    }

    /**
     * Closes the open segment as {@code durationMicros} long, hashes it and reports (or holds it, motion mode).
     * Returns where its footage ends: {@code durationMicros} in, or less when its last fragment could not be written
     * (cut off), or its start when nothing of it could be kept; null when no segment was open.
     */
    private Instant endSegment(long durationMicros) {
        SegmentFile current = segment;
        segment = null;
        writing = false;
        if (current == null) {
            return null;
        }
        return switch (current.finish(durationMicros, counters)) {
            case SegmentFile.Finished.Lost lost -> {
                reports.lost(current.file(), lost.why());
                yield current.start();
            }
            case SegmentFile.Finished.Kept kept -> {
                counters.segmentsClosed.incrementAndGet();
                counters.bytesWritten.addAndGet(kept.segment().bytes());
                reports.segmentFinished(kept.segment());
                yield kept.segment().endedAt();
            }
        };
    }

    private boolean room() {
        return disk == null || disk.mayRecord();
    }

    private String pauseDetail() {
        return disk == null ? "too little free space" : disk.alert().orElse("too little free space");
    }

    private void finishAll() {
        Instant end = clock.instant();
        if (segment != null) {
            end = endSegment(segment.lastEnd());
        }
        reports.decideMotion(true);
        if (engineStopping) {
            Instant from = !reports.inGap() ? end : clock.instant();
            reports.beginGap(RecordingGap.Reason.ENGINE_DOWN, from, "Watchroom was stopped");
        } else {
            reports.endGap(clock.instant());
        }
        if (params != null) {
            params.free();
            params = null;
        }
    }
}
