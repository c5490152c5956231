package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.PacketListener;
import org.watchroom.core.record.internal.StreamTypes;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.record.internal.MotionWindow;
import org.watchroom.core.record.internal.Mp4Fragments;
import org.watchroom.core.record.internal.PacketQueue;
import org.watchroom.core.store.RecordingGap;

/**
 * Continuous recording of one camera: every video packet of its main stream goes, by stream copy, into fragmented
 * MP4 segments of about {@link SegmentSettings#segment()} each, under
 * {@code <camera dir>/<yyyy-MM-dd>/<HH>/<yyyyMMdd-HHmmss-SSS>.mp4} ({@link SegmentPaths}).
 *
 * <h2>Threads and the drop policy</h2>
 * Attach it to the camera's source ({@code addPacketListener}, and {@link #onSourceState} as a state listener).
 * On the camera's ingest thread {@link #onPacket} only takes a reference to the packet into a {@link PacketQueue}
 * allocated once (no copy, no Java object per packet) and, at keyframes (or after 32 packets or 1 MiB), wakes
 * the writer: the muxer writes a fragment per GOP anyway, so one wake-up per GOP is enough. A platform thread per
 * camera, the writer, muxes, hashes and reports. The ingest thread never waits for the writer: when the queue is full
 * ({@link SegmentSettings#queuePackets()} packets or {@link SegmentSettings#queueBytes()} bytes — 34 s at 30 fps,
 * 20 s of a 25 Mbit/s 4K stream by default), the packet is dropped and counted, and so is every packet after it up
 * to the first keyframe that fits (the packets in between could not be decoded anyway). The writer then ends the
 * open segment at its last packet, records a {@link RecordingGap.Reason#DROPPED dropped} gap from there to that
 * keyframe and starts a new segment with it. A disk that stalls for seconds therefore costs footage, never the
 * live picture or detection.
 *
 * <h2>Segments</h2>
 * Each segment starts on a keyframe, with timestamps rebased so that its first keyframe's DTS is 0 ({@link
 * ClipWriter}); it is cut at the first keyframe at least {@code segment} into it, and that keyframe starts the next
 * segment, so consecutive segments hold every frame once. While one connection lasts, a segment's start time is
 * the previous one's start plus the media time between their first keyframes: the wall time of any frame is
 * {@code startedAt} + its timestamp in the file, and consecutive segments join exactly (the stream's clock, not the
 * packets' arrival jitter, decides). Should that drift further than {@link SegmentSettings#maxDrift()} from the
 * arrival time, the next segment starts at its arrival instead. A new connection (reconnect, a file's loop, new
 * stream parameters) ends the segment at its last frame; the next one starts at the next keyframe's arrival.
 * On close the file's SHA-256 is computed (on the writer thread, from the page cache) and the segment is reported
 * with {@link Listener#segmentClosed}; the hash chain ({@code prev_sha256}) is the listener's business, which knows
 * the stored segments.
 *
 * <h2>Gaps</h2>
 * <ul>
 *   <li>{@code offline}: the source reported STALLED, RECONNECTING or FAILED; from the end of the last segment (or
 *       then) to the next keyframe. A reconnect that left a hole longer than a second without such a state is
 *       recorded too.</li>
 *   <li>{@code paused}: the {@link DiskGuard} says there is too little free space (asked at every keyframe), or a
 *       file could not be created or written; until a keyframe finds room again.</li>
 *   <li>{@code dropped}: see above.</li>
 *   <li>{@code engine_down}: begun by {@link #shutdown()} (the engine stops), or by start-up recovery after a crash;
 *       the next recorder of the camera is given it open and ends it where its recording resumes.</li>
 * </ul>
 *
 * <h2>Motion mode</h2>
 * With {@link SegmentSettings#motionOnly()} segments are written as above, but each finished one waits until
 * {@code preRoll} after its end and is kept only if {@link #motion} was reported between {@code postRoll} before
 * its start and {@code preRoll} after its end; otherwise it is deleted ({@link Listener#segmentDiscarded}). Kept
 * footage is whole segments: simple, at the price of up to a segment of footage without motion around it.
 *
 * <p>Codecs the MP4 muxer refuses (and MJPEG) are re-encoded to H.264 per segment ({@link TranscodingClip}, its own
 * worker and bounded queue; what it drops is counted here too).
 *
 * <p>Thread-safety: {@link #onPacket} on one ingest thread at a time; {@link #onSourceState}, {@link #motion},
 * {@link #stats}, {@link #close} and {@link #shutdown} from any thread. Listener methods are called on the writer
 * thread, in order, and may block it (not the camera) but should be quick: the queue fills meanwhile.
 */
public final class SegmentRecorder implements PacketListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecorder.class);
    private static final int KEY = 1;
    private static final int AFTER_DROP = 2;
    private static final AVRational MICROS = avutil.av_make_q(1, 1_000_000);
    /** A reconnect that leaves a hole longer than this gets an {@code offline} gap even without a state change. */
    private static final long RECONNECT_HOLE_MICROS = 1_000_000;
    /** Queued bytes that wake the writer before the next keyframe does. */
    private static final long WAKE_BYTES = 1L << 20;
    /** How long the writer sleeps with nothing (or too little to wake it) queued. */
    private static final long IDLE_NANOS = 250_000_000L;
    /** A jump in a stream's timestamps beyond this ends the segment (the camera reset its clock). */
    private static final long JUMP_MICROS = 10_000_000;

    /** What the recorder reports, on its writer thread, in order. */
    public interface Listener {
        /** A segment file was created: its row is open from now on (start-up recovery closes it after a crash). */
        default void segmentOpened(Path file, Instant startedAt) { }

        /** A segment file is complete and hashed. */
        default void segmentClosed(SegmentInfo segment) { }

        /** A segment file was deleted again (motion mode without motion, or it could not be finished). */
        default void segmentDiscarded(Path file, String why) { }

        /** Recording has a hole from {@code at} on; at most one is open at a time. */
        default void gapBegan(RecordingGap.Reason reason, Instant at, String detail) { }

        /** The open gap ended at {@code at}. */
        default void gapEnded(Instant at) { }
    }

    private final String camera;
    private final Path directory;
    private final SegmentSettings settings;
    private final Clock clock;
    private final Listener listener;
    private final DiskGuard disk;
    private final PacketQueue queue;
    private final MotionWindow motion = new MotionWindow();
    private final Thread writer;
    private final long segmentMicros;
    private final int wakeAt; // queued packets that wake the writer before the next keyframe does

    // producer side, guarded by producerLock (the ingest thread; close takes it once)
    private final Object producerLock = new Object();
    @GuardedBy("producerLock")
    private boolean closed;
    @GuardedBy("producerLock")
    private final StreamTypes streamTypes = new StreamTypes(); // per connection
    @GuardedBy("producerLock")
    private int videoIndex = -1;
    @GuardedBy("producerLock")
    private StreamParams pendingParams; // new connection's parameters, handed over with its first queued packet
    @GuardedBy("producerLock")
    private boolean dropping;
    @GuardedBy("producerLock")
    private long dropStartMillis;
    @GuardedBy("producerLock")
    private long runDrops;

    // shared counters (written by one side each)
    private final AtomicLong packetsReceived = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong packetsDropped = new AtomicLong();
    private final AtomicLong dropRuns = new AtomicLong();
    private final AtomicLong segmentsClosed = new AtomicLong();
    private final AtomicLong segmentsDiscarded = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong offlineSince = new AtomicLong(); // 0: online; else when the source said otherwise
    private volatile String offlineReason;
    private volatile boolean parked;
    private volatile boolean closing;
    private volatile boolean engineStopping;
    private volatile boolean writing;

    // writer thread only
    private StreamParams params;
    private Clip clip;
    private Instant segmentStart;
    private long firstDts;
    private long lastPos; // µs from the segment's first keyframe, of the last packet written
    private long lastEnd; // µs: where the last packet written ends
    private long lastStep; // µs between the last two packets, for packets without a duration
    private long segmentPackets;
    private boolean chainable; // the next segment may continue this connection's timeline
    private Instant holeFrom; // end of the segment a reconnect cut, for a hole without an offline state
    private RecordingGap.Reason gap; // the open gap, or null
    private final ArrayDeque<SegmentInfo> undecided = new ArrayDeque<>(); // motion mode
    private long failureLogs;

    /**
     * @param camera    the camera's name (threads, logs)
     * @param directory the camera's recordings folder ({@link SegmentPaths#cameraDir})
     * @param disk      asked at every keyframe whether there is room (null: always)
     */
    public SegmentRecorder(String camera, Path directory, SegmentSettings settings, Clock clock, DiskGuard disk,
                           Listener listener) {
        this(camera, directory, settings, clock, disk, listener, null);
    }

    /**
     * @param openGap a gap of this camera still open when it starts (an {@code engine_down} gap that start-up
     *                recovery or the last clean stop left open): the recorder ends it where recording resumes, as if
     *                it had begun it (null: none)
     */
    public SegmentRecorder(String camera, Path directory, SegmentSettings settings, Clock clock, DiskGuard disk,
                           Listener listener, RecordingGap.Reason openGap) {
        this.camera = Objects.requireNonNull(camera);
        this.directory = Objects.requireNonNull(directory);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.listener = Objects.requireNonNull(listener);
        this.disk = disk;
        this.segmentMicros = settings.segment().toNanos() / 1000;
        this.queue = new PacketQueue(settings.queuePackets(), settings.queueBytes());
        this.wakeAt = Math.min(32, settings.queuePackets() / 2);
        this.gap = openGap; // before the writer starts: it reads it first
        this.writer = Thread.ofPlatform().name("segments-" + camera).daemon().start(this::run);
    }

    // ---------------------------------------------------------------------------------------------- ingest side

    @Override
    public void onPacket(AVPacket packet, AVStream stream, boolean streamsChanged) {
        synchronized (producerLock) {
            if (closed) {
                return;
            }
            if (streamsChanged) {
                streamTypes.forget();
                videoIndex = -1;
            }
            int index = packet.stream_index();
            if (videoIndex < 0 && isVideo(index, stream)) {
                videoIndex = index;
                if (pendingParams != null) {
                    pendingParams.free(); // a connection that never got a packet into the queue
                }
                pendingParams = new StreamParams(stream); // once per connection
            }
            if (index != videoIndex) {
                return; // audio and data are not recorded (video only, like event clips)
            }
            long now = clock.millis();
            int size = packet.size();
            packetsReceived.incrementAndGet();
            bytesReceived.addAndGet(size);
            boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            if (dropping && !key) {
                runDrops++;
                packetsDropped.incrementAndGet();
                return;
            }
            int flags = (key ? KEY : 0) | (dropping ? AFTER_DROP : 0);
            if (queue.offer(packet, now, flags, pendingParams, runDrops, dropStartMillis)) {
                pendingParams = null;
                dropping = false;
            } else {
                if (!dropping) {
                    dropping = true;
                    dropStartMillis = now;
                    runDrops = 0;
                    long runs = dropRuns.incrementAndGet();
                    if (runs == 1 || runs % 100 == 0) {
                        LOG.warn("Camera '{}': the recording writer is {} packets ({} KB) behind; packets are dropped "
                                + "up to the next keyframe that fits (drop run {})", camera, queue.size(),
                                queue.bytes() >> 10, runs);
                    }
                }
                runDrops++;
                packetsDropped.incrementAndGet();
            }
            // The muxer flushes a fragment when the next keyframe comes, so the writer need not wake for every
            // packet: on keyframes, after 32 packets or 1 MiB (big packets are not held long: fresh memory for each
            // costs page faults), and every 250 ms by itself — a few wake-ups per second instead of one per frame.
            if (parked && (key || queue.size() >= wakeAt || queue.bytes() >= WAKE_BYTES)) {
                LockSupport.unpark(writer);
            }
        }
    }

    @GuardedBy("producerLock")
    private boolean isVideo(int index, AVStream stream) {
        return streamTypes.isVideo(index, stream);
    }

    /**
     * The source's state listener: STALLED, RECONNECTING and FAILED end the open segment (once the packets that
     * came before are written) and open an {@code offline} gap; the next keyframe ends it.
     */
    public void onSourceState(CameraState state) {
        String reason = switch (state) {
            case CameraState.Stalled s -> "the camera stopped sending pictures";
            case CameraState.Reconnecting r -> "reconnecting: " + r.lastError();
            case CameraState.Failed f -> "failed: " + f.reason();
            default -> null;
        };
        if (reason != null && !closing) {
            offlineReason = reason;
            if (offlineSince.compareAndSet(0, clock.millis()) && parked) {
                LockSupport.unpark(writer);
            }
        }
    }

    /** Motion was seen at {@code at} (motion mode keeps the segments around it). Any thread. */
    public void motion(Instant at) {
        motion.mark(at.toEpochMilli());
    }

    public SegmentStats stats() {
        return new SegmentStats(packetsReceived.get(), bytesReceived.get(), packetsDropped.get(), dropRuns.get(),
                queue.size(), queue.bytes(), segmentsClosed.get(), segmentsDiscarded.get(), bytesWritten.get(),
                writeFailures.get(), writing);
    }

    /** Stops: writes what is queued, closes the open segment and ends an open gap. Detach from the source first. */
    @Override
    public void close() {
        stop(false);
    }

    /**
     * Like {@link #close()}, for an engine that stops: the hole until it runs again is begun as an
     * {@code engine_down} gap, which start-up recovery ends.
     */
    public void shutdown() {
        stop(true);
    }

    private void stop(boolean engine) {
        synchronized (producerLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        engineStopping = engine;
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            // A disk that never comes back: the writer is stuck in a write. Its packets stay referenced (a leak
            // bounded by the queue) rather than be freed under it.
            LOG.error("Camera '{}': the recording writer did not finish within a minute (is the disk hung?); "
                    + "its segment stays open and start-up recovery closes it", camera);
            return;
        }
        synchronized (producerLock) {
            if (pendingParams != null) {
                pendingParams.free();
                pendingParams = null;
            }
        }
        for (Object left : queue.free()) {
            if (left instanceof StreamParams p) {
                p.free();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- writer side

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
                decideMotion(false);
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
            decideMotion(false);
        }
        if (clip == null) {
            if (key && dts != AV_NOPTS_VALUE) {
                startSegment(packet, dts, Instant.ofEpochMilli(arrival), null);
            }
            return;
        }
        long pos = dts == AV_NOPTS_VALUE ? lastEnd : position(dts);
        if (pos < lastPos - 1000 || pos > lastEnd + JUMP_MICROS) {
            // The camera reset or jumped its clock: this segment's timeline cannot hold what follows.
            LOG.info("Camera '{}': its timestamps jumped by {} ms; a new segment starts at the next keyframe",
                    camera, (pos - lastEnd) / 1000);
            holeFrom = endSegment(lastEnd); // a hole of more than a second before the next keyframe is a gap
            chainable = false;
            if (key) {
                startSegment(packet, dts, Instant.ofEpochMilli(arrival), null);
            }
            return;
        }
        if (key) {
            if (!room()) {
                Instant end = endSegment(pos);
                beginGap(RecordingGap.Reason.PAUSED, end, pauseDetail());
                return;
            }
            if (pos >= segmentMicros) {
                Instant planned = segmentStart.plusNanos(pos * 1000);
                Instant end = endSegment(pos);
                // joined to the one before unless that one lost its last fragment
                startSegment(packet, dts, Instant.ofEpochMilli(arrival), planned.equals(end) ? end : null);
                return;
            }
        }
        write(packet, arrival, pos);
    }

    /** Microseconds from the segment's first keyframe to {@code dts}. */
    private long position(long dts) {
        return avutil.av_rescale_q(dts - firstDts, params.timeBase(), MICROS);
    }

    private void newConnection(StreamParams next) {
        if (clip != null) {
            holeFrom = endSegment(lastEnd);
        }
        chainable = false;
        if (params != null) {
            params.free(); // the segment writers copied what they need
        }
        params = next;
    }

    private void dropped(long count, long sinceMillis) {
        Instant from = Instant.ofEpochMilli(sinceMillis);
        if (clip != null) {
            from = endSegment(lastEnd);
        }
        chainable = false;
        holeFrom = null;
        beginGap(RecordingGap.Reason.DROPPED, from, count + " packets dropped: the recording could not keep up "
                + "(a slow or stalled disk)");
    }

    private void goOffline(long sinceMillis, String reason) {
        Instant from = Instant.ofEpochMilli(sinceMillis);
        if (clip != null) {
            from = endSegment(lastEnd);
        }
        chainable = false;
        holeFrom = null;
        beginGap(RecordingGap.Reason.OFFLINE, from, reason);
    }

    /**
     * Opens a segment with this keyframe. {@code chained}: where the previous segment of this connection ended,
     * used as the start unless it drifted too far from {@code arrival}.
     */
    private void startSegment(AVPacket packet, long dts, Instant arrival, Instant chained) {
        if (!room()) {
            beginGap(RecordingGap.Reason.PAUSED, chained != null ? chained : arrival, pauseDetail());
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
        if (holeFrom != null && gap == null && Duration.between(holeFrom, start).toNanos() / 1000
                > RECONNECT_HOLE_MICROS) {
            beginGap(RecordingGap.Reason.OFFLINE, holeFrom, "the camera's stream was interrupted (reconnected)");
        }
        holeFrom = null;
        Path file = SegmentPaths.newFile(directory, start);
        try {
            clip = ClipWriter.canStreamCopy(params.codecId())
                    ? ClipWriter.open(file, params.parameters(), params.timeBase())
                    : TranscodingClip.open(camera, file, params);
        } catch (IOException | RuntimeException e) {
            clip = null;
            failed("cannot create a recording file: " + e.getMessage(), e, start);
            deleteQuietly(file);
            return;
        }
        endGap(start);
        segmentStart = start;
        firstDts = dts;
        lastPos = 0;
        lastEnd = 0;
        lastStep = 0;
        segmentPackets = 0;
        chainable = true;
        writing = true;
        Instant opened = start;
        listener(() -> listener.segmentOpened(file, opened));
        write(packet, arrival.toEpochMilli(), 0);
    }

    private void write(AVPacket packet, long arrival, long pos) {
        // read before the muxer takes the packet's reference (and blanks it)
        long duration = packet.duration() > 0 ? avutil.av_rescale_q(packet.duration(), params.timeBase(), MICROS) : 0;
        try {
            if (clip instanceof ClipWriter w) {
                w.writeOwned(packet, arrival); // the queue slot's reference goes to the muxer: no second one
            } else {
                clip.write(packet, arrival);
            }
        } catch (IOException e) {
            Instant at = endSegment(lastEnd);
            failed("cannot write the recording: " + e.getMessage(), e, at);
            return;
        }
        segmentPackets++;
        if (pos > lastPos) {
            lastStep = pos - lastPos;
        }
        lastPos = pos;
        lastEnd = Math.max(lastEnd, pos + (duration > 0 ? duration : lastStep));
    }

    private void failed(String why, Exception e, Instant at) {
        writeFailures.incrementAndGet();
        if (failureLogs++ % 60 == 0) { // a disk that refuses every file would log every second
            LOG.warn("Camera '{}': {}; recording is paused until it works ({} failures so far)", camera, why,
                    writeFailures.get(), e);
        }
        chainable = false;
        beginGap(RecordingGap.Reason.PAUSED, at, why);
    }

    /**
     * Closes the open segment as {@code durationMicros} long, hashes it and reports (or holds it, motion mode).
     * Returns where its footage ends: {@code durationMicros} in, or less when its last fragment could not be written
     * (cut off), or its start when nothing of it could be kept; null when no segment was open.
     */
    private Instant endSegment(long durationMicros) {
        Clip current = clip;
        clip = null;
        writing = false;
        if (current == null) {
            return null;
        }
        Instant start = segmentStart;
        Path file = current.file();
        ClipInfo info;
        long transcodeDrops = 0;
        try {
            if (current instanceof ClipWriter w) {
                info = w.closeUnhashed();
            } else {
                TranscodingClip t = (TranscodingClip) current;
                CompletableFuture<TranscodingClip.Result> done = new CompletableFuture<>();
                t.finish(done::complete);
                TranscodingClip.Result result = done.get(2, TimeUnit.MINUTES);
                transcodeDrops = result.droppedPackets();
                if (result.info() == null) {
                    throw new IOException(result.failure());
                }
                info = result.info();
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            current.release();
            writeFailures.incrementAndGet();
            LOG.warn("Camera '{}': cannot finish segment {}", camera, file, e);
            discard(file, "it could not be finished: " + e.getMessage());
            return start;
        }
        packetsDropped.addAndGet(transcodeDrops);
        if (info == null) { // nothing was written: never happens, a segment starts with a keyframe
            discard(file, "nothing was written into it");
            return start;
        }
        String sha = info.sha256();
        long bytes = info.bytes();
        Duration duration = Duration.ofNanos(durationMicros * 1000);
        long packets = segmentPackets;
        try {
            // A write that failed (a full or failing disk) can leave a torn last fragment, and the muxer does not
            // say when its trailer could not be written: keep what is whole, as start-up recovery would.
            if (Mp4Fragments.completeLength(file) < bytes) {
                long cut = Mp4Fragments.truncate(file);
                RecordingRecovery.Probe probe = RecordingRecovery.probe(file);
                if (probe == null || probe.packets() == 0) {
                    discard(file, "no complete fragment was written");
                    return start;
                }
                LOG.warn("Camera '{}': segment {} ended with an incomplete fragment ({} bytes cut off)", camera, file,
                        cut);
                bytes = Files.size(file);
                duration = probe.duration();
                packets = probe.packets();
                sha = null;
            }
            if (sha == null) {
                sha = Sha256.of(file);
            }
        } catch (IOException e) {
            writeFailures.incrementAndGet();
            LOG.warn("Camera '{}': cannot hash segment {}", camera, file, e);
            discard(file, "it could not be read back: " + e.getMessage());
            return start;
        }
        SegmentInfo segment = new SegmentInfo(file, segmentStart, duration, bytes, sha, info.codec(),
                info.streamCopied(), packets);
        segmentsClosed.incrementAndGet();
        bytesWritten.addAndGet(bytes);
        if (settings.motionOnly()) {
            undecided.addLast(segment);
        } else {
            listener(() -> listener.segmentClosed(segment));
        }
        return segment.endedAt();
    }

    /** Motion mode: keeps or deletes the finished segments whose pre-roll has passed (all of them when stopping). */
    private void decideMotion(boolean all) {
        long now = clock.millis();
        long before = settings.preRoll().toMillis();
        long after = settings.postRoll().toMillis();
        while (!undecided.isEmpty()) {
            SegmentInfo s = undecided.peekFirst();
            long end = s.endedAt().toEpochMilli();
            if (!all && now < end + before) {
                return;
            }
            undecided.pollFirst();
            if (motion.any(s.startedAt().toEpochMilli() - after, end + before)) {
                listener(() -> listener.segmentClosed(s));
            } else {
                segmentsClosed.decrementAndGet();
                bytesWritten.addAndGet(-s.bytes());
                discard(s.path(), "no motion in or near it");
            }
        }
    }

    private void discard(Path file, String why) {
        deleteQuietly(file);
        segmentsDiscarded.incrementAndGet();
        listener(() -> listener.segmentDiscarded(file, why));
    }

    private void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Camera '{}': cannot delete {}", camera, file, e);
        }
    }

    private boolean room() {
        return disk == null || disk.mayRecord();
    }

    private String pauseDetail() {
        return disk == null ? "too little free space" : disk.alert().orElse("too little free space");
    }

    private void beginGap(RecordingGap.Reason reason, Instant at, String detail) {
        if (gap == reason) {
            return;
        }
        endGap(at);
        gap = reason;
        listener(() -> listener.gapBegan(reason, at, detail));
    }

    private void endGap(Instant at) {
        if (gap != null) {
            gap = null;
            listener(() -> listener.gapEnded(at));
        }
    }

    private void finishAll() {
        Instant end = clock.instant();
        if (clip != null) {
            end = endSegment(lastEnd);
        }
        decideMotion(true);
        if (engineStopping) {
            Instant from = gap == null ? end : clock.instant();
            beginGap(RecordingGap.Reason.ENGINE_DOWN, from, "Watchroom was stopped");
        } else {
            endGap(clock.instant());
        }
        if (params != null) {
            params.free();
            params = null;
        }
    }

    private void listener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("Camera '{}': a recording listener failed", camera, e);
        }
    }
}
