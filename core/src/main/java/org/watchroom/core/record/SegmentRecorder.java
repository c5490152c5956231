package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.PacketListener;
import org.watchroom.core.record.internal.MotionWindow;
import org.watchroom.core.record.internal.PacketQueue;
import org.watchroom.core.record.internal.StreamTypes;
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
 * A gap ends where a segment begins, when that segment's file is created. Should nothing of that segment be kept
 * (it could not be finished: {@link Listener#segmentDiscarded}), recording did not resume there: the gap is reopened
 * ({@link Listener#gapReopened}) and goes on to the next segment written, or to the next gap, so that it still ends
 * exactly where the kept footage begins.
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
 * <p>The parts: this class is the ingest side (queue and drop policy) and the lifecycle; {@link SegmentWriter} is
 * the writer thread and decides the timeline; {@link SegmentFile} is one file from first keyframe to hash;
 * {@link SegmentReports} tells the listener (segments, motion-mode decisions, gaps); {@link SegmentCounters} counts.
 *
 * <p>Thread-safety: {@link #onPacket} on one ingest thread at a time; {@link #onSourceState}, {@link #motion},
 * {@link #stats}, {@link #close} and {@link #shutdown} from any thread. Listener methods are called on the writer
 * thread, in order, and may block it (not the camera) but should be quick: the queue fills meanwhile.
 */
public final class SegmentRecorder implements PacketListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecorder.class);
    /** Queued bytes that wake the writer before the next keyframe does. */
    private static final long WAKE_BYTES = 1L << 20;

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

        /**
         * The gap that last ended, at {@code at}, goes on after all: the segment that began there was discarded
         * just before ({@link #segmentDiscarded}) with nothing of it kept, so recording did not resume there. It is
         * open again, as if it had not ended, until the next segment or gap ends it.
         */
        default void gapReopened(Instant at) { }
    }

    private final String camera;
    private final Clock clock;
    private final PacketQueue queue;
    private final MotionWindow motion = new MotionWindow();
    private final SegmentCounters counters = new SegmentCounters();
    private final SegmentWriter writer;
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
        Objects.requireNonNull(directory);
        Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        Objects.requireNonNull(listener);
        this.queue = new PacketQueue(settings.queuePackets(), settings.queueBytes());
        this.wakeAt = Math.min(32, settings.queuePackets() / 2);
        SegmentReports reports = new SegmentReports(camera, settings, clock, listener, motion, counters, openGap);
        this.writer = new SegmentWriter(camera, directory, settings, clock, disk, queue, counters, reports);
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
            counters.packetsReceived.incrementAndGet();
            counters.bytesReceived.addAndGet(size);
            boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            if (dropping && !key) {
                runDrops++;
                counters.packetsDropped.incrementAndGet();
                return;
            }
            int flags = (key ? SegmentWriter.KEY : 0) | (dropping ? SegmentWriter.AFTER_DROP : 0);
            if (queue.offer(packet, now, flags, pendingParams, runDrops, dropStartMillis)) {
                pendingParams = null;
                dropping = false;
            } else {
                if (!dropping) {
                    dropping = true;
                    dropStartMillis = now;
                    runDrops = 0;
                    long runs = counters.dropRuns.incrementAndGet();
                    if (runs == 1 || runs % 100 == 0) {
                        LOG.warn("Camera '{}': the recording writer is {} packets ({} KB) behind; packets are dropped "
                                + "up to the next keyframe that fits (drop run {})", camera, queue.size(),
                                queue.bytes() >> 10, runs);
                    }
                }
                runDrops++;
                counters.packetsDropped.incrementAndGet();
            }
            // The muxer flushes a fragment when the next keyframe comes, so the writer need not wake for every
            // packet: on keyframes, after 32 packets or 1 MiB (big packets are not held long: fresh memory for each
            // costs page faults), and every 250 ms by itself — a few wake-ups per second instead of one per frame.
            if (writer.parked() && (key || queue.size() >= wakeAt || queue.bytes() >= WAKE_BYTES)) {
                writer.wake();
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
        if (reason != null) {
            writer.sourceOffline(reason);
        }
    }

    /** Motion was seen at {@code at} (motion mode keeps the segments around it). Any thread. */
    public void motion(Instant at) {
        motion.mark(at.toEpochMilli());
    }

    public SegmentStats stats() {
        return counters.snapshot(queue, writer.writing());
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
        if (!writer.stop(engine)) {
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
}
