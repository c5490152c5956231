package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.camera.PacketListener;
import org.watchroom.core.digest.Sha256;

/**
 * Event clips of one camera. Attach it to the camera's source ({@code addPacketListener}): it feeds its own
 * {@link PacketRing} and, while a clip is open, stream-copies each live video packet into it. The event layer
 * calls {@link #startOrExtend} and {@link #eventEnded}: the first event opens a clip that begins with the
 * pre-roll kept in the ring; events that start while it is open join it; it closes {@code postRoll} after the
 * last of its events ended, so overlapping events share one clip and no second is written for the same seconds.
 *
 * <p>Threads: packets are written on the camera's ingest thread, in {@link #onPacket}. Stream copy is a reference
 * to the demuxer's buffer handed to the muxer, and a fragment is written to the file once per GOP, so it costs
 * far less than the decoding that thread already does; a worker queue would add a second owner of every packet
 * and a drop policy for no gain. The price: a disk that blocks for seconds blocks the camera's ingest with it.
 * The event-layer calls take the same lock and write the pre-roll themselves (a few MB at most, the ring's cap).
 * A clip whose post-roll ran out closes with the next packet, or with {@link #tick} when the camera has gone
 * silent. Listener callbacks run under the lock on the calling thread and must return quickly, except
 * {@code clipClosed} of a stream-copied clip: it comes from a virtual thread once the finished file is hashed
 * (reading a long clip back must not hold up the camera's ingest); {@link #close()} waits for those.
 *
 * <p>Codecs the MP4 muxer refuses (MS-MPEG4, raw video, ...) are re-encoded to H.264 on a worker thread per clip
 * ({@link ClipInfo#streamCopied()} false; see {@code TranscodingClip} for its queue and drop policy); such a
 * clip's {@link Listener#clipClosed} (or {@code clipFailed}) then comes from that worker thread.
 *
 * <p>Thread-safety: all public methods are thread-safe (one lock per recorder).
 */
public final class Recorder implements PacketListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    /** What a store needs to keep clip rows; called under the recorder's lock, must return quickly. */
    public interface Listener {
        /** A clip file was created and is being written (an "open" clip row). */
        default void clipOpened(Path path, Instant startedAt, List<Long> eventIds) { }

        /** A clip was finished; its file is complete. */
        default void clipClosed(ClipInfo clip) { }

        /** A clip could not be written; {@code path} may be null when the file was never created. */
        default void clipFailed(Path path, String reason, List<Long> eventIds) { }
    }

    private final String camera;
    private final Path directory;
    private final RecordSettings settings;
    private final Clock clock;
    private final Listener listener;
    private final PacketRing ring;
    private final BooleanSupplier roomToWrite;
    @GuardedBy("this")
    private boolean pausedForSpace; // a clip was closed early for lack of space; its events still run
    private final Set<Long> openEvents = new LinkedHashSet<>();
    private final List<Long> clipEvents = new ArrayList<>();
    @GuardedBy("this")
    private ClipOutput writer; // a ClipWriter (stream copy) or a TranscodingClip (re-encode on a worker)
    @GuardedBy("this")
    private int writerGeneration;
    @GuardedBy("this")
    private boolean pending; // events open but no video seen yet: the clip opens with the first video packet
    @GuardedBy("this")
    private long pendingStartMillis;
    @GuardedBy("this")
    private long closeAtMillis = Long.MAX_VALUE;
    private final AtomicLong clipsClosed = new AtomicLong();
    private final AtomicLong clipsFailed = new AtomicLong();
    @GuardedBy("this")
    private boolean closed;
    /** Clips whose SHA-256 is still being computed on a virtual thread. */
    private final AtomicInteger hashing = new AtomicInteger();

    public Recorder(String camera, Path directory, RecordSettings settings, Listener listener) {
        this(camera, directory, settings, Clock.systemUTC(), listener);
    }

    public Recorder(String camera, Path directory, RecordSettings settings, Clock clock, Listener listener) {
        this(camera, directory, settings, clock, listener, () -> true);
    }

    /**
     * @param roomToWrite asked at each keyframe of an open clip (a {@link DiskGuard}): false closes the clip there,
     *                    cleanly, and true again opens a new one for the events still running
     */
    public Recorder(String camera, Path directory, RecordSettings settings, Clock clock, Listener listener,
                    BooleanSupplier roomToWrite) {
        this.roomToWrite = Objects.requireNonNull(roomToWrite);
        this.camera = Objects.requireNonNull(camera);
        this.directory = Objects.requireNonNull(directory);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.listener = Objects.requireNonNull(listener);
        this.ring = new PacketRing(settings, clock);
    }

    public PacketRing ring() { return ring; }

    @Override
    public synchronized void onPacket(AVPacket packet, AVStream stream, boolean streamsChanged) {
        if (closed) {
            return;
        }
        long now = clock.millis();
        boolean video = ring.offer(packet, stream, streamsChanged, now);
        if (writer != null && now >= closeAtMillis) {
            finishClip();
        }
        if (!video) {
            return;
        }
        if (pending && ring.params() != null) {
            openClip(pendingStartMillis); // the ring already holds this packet
            return;
        }
        boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        if (writer == null) {
            if (pausedForSpace && key && !openEvents.isEmpty() && roomToWrite.getAsBoolean()) {
                pausedForSpace = false;
                LOG.info("Camera '{}': there is room again; the running events get a new clip", camera);
                clipEvents.addAll(openEvents);
                openClip(now); // from this keyframe, which the ring already holds
            }
            return;
        }
        if (ring.generation() != writerGeneration) {
            // Streams with other parameters after a reconnect: they cannot continue this MP4 track.
            rotate(now);
            return;
        }
        if (key && !roomToWrite.getAsBoolean()) {
            // closed here, whole and hashed, rather than written until the disk is full and the file is torn
            LOG.warn("Camera '{}': clip {} closed early: too little free space; it goes on when there is room",
                    camera, writer.file());
            finishClip();
            pausedForSpace = !openEvents.isEmpty();
            return;
        }
        if (key && writer.startedAt() != null
                && now - writer.startedAt().toEpochMilli() >= settings.maxClip().toMillis()) {
            rotate(now); // the running events go on in a new clip that starts with this keyframe
            return;
        }
        try {
            writer.write(packet, now);
        } catch (IOException e) {
            failClip(e);
        }
    }

    /**
     * Event {@code eventId} started at {@code at}: opens a clip with the pre-roll before {@code at}, or joins the
     * clip already open (which then stays open until this event too has ended plus post-roll).
     */
    public synchronized void startOrExtend(long eventId, Instant at) {
        if (closed) {
            return;
        }
        if (writer != null && closeAtMillis <= at.toEpochMilli()) {
            finishClip(); // its post-roll ran out while the camera sent nothing
        }
        openEvents.add(eventId);
        if (!clipEvents.contains(eventId)) {
            clipEvents.add(eventId);
        }
        closeAtMillis = Long.MAX_VALUE;
        if (writer == null && !pending) {
            openClip(at.toEpochMilli() - settings.preRoll().toMillis());
        }
    }

    /** Event {@code eventId} ended at {@code at}; the clip closes post-roll after the last of its events. */
    public synchronized void eventEnded(long eventId, Instant at) {
        if (!openEvents.remove(eventId) || !openEvents.isEmpty()) {
            return;
        }
        if (writer != null || pending) {
            closeAtMillis = at.toEpochMilli() + settings.postRoll().toMillis();
        }
    }

    /** Closes the open clip if its post-roll has run out (for a camera that stopped sending packets). */
    public synchronized void tick(Instant now) {
        if (now.toEpochMilli() >= closeAtMillis) {
            if (writer != null) {
                finishClip();
            } else if (pending) {
                pending = false;
                closeAtMillis = Long.MAX_VALUE;
                listener.clipFailed(null, "no video arrived during the event", List.copyOf(clipEvents));
                clipEvents.clear();
                clipsFailed.incrementAndGet();
            }
        }
    }

    /** Whether a clip is open (or waiting for the camera's first video packet). */
    public synchronized boolean recording() { return writer != null || pending; }

    /** The clip file being written now, if any (an event that joins it is covered by it). */
    public synchronized Optional<Path> currentClip() {
        return writer == null ? Optional.empty() : Optional.of(writer.file());
    }

    public long clipsClosed() { return clipsClosed.get(); }

    public long clipsFailed() { return clipsFailed.get(); }

    /** Finishes the open clip now (its file stays valid) and frees the ring. Detach from the source first. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (writer != null) {
                finishClip();
            }
            closed = true;
            ring.close();
        }
        // the last clip's row should be complete before the engine shuts its writer: wait for its hash
        long deadline = System.nanoTime() + 30_000_000_000L;
        synchronized (hashing) {
            while (hashing.get() > 0 && System.nanoTime() < deadline) {
                try {
                    hashing.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @GuardedBy("this")
    private void openClip(long startMillis) {
        StreamParams params = ring.params();
        if (params == null) {
            pending = true;
            pendingStartMillis = startMillis;
            return;
        }
        pending = false;
        Path file = newFile(startMillis);
        try {
            writer = ClipWriter.canStreamCopy(params.codecId())
                    ? ClipWriter.open(file, params.parameters(), params.timeBase())
                    : TranscodingClip.open(camera, file, params);
        } catch (IOException e) {
            clipsFailed.incrementAndGet();
            LOG.warn("Camera '{}': cannot record a clip", camera, e);
            listener.clipFailed(Files.exists(file) ? file : null, e.getMessage(), List.copyOf(clipEvents));
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // nothing was written to it
            }
            clipEvents.clear();
            openEvents.clear();
            closeAtMillis = Long.MAX_VALUE;
            return;
        }
        writerGeneration = ring.generation();
        int first = ring.startFor(startMillis);
        try {
            for (int i = Math.max(first, 0); first >= 0 && i < ring.size(); i++) {
                writer.write(ring.packet(i), ring.arrivalMillis(i));
            }
        } catch (IOException e) {
            failClip(e);
            return;
        }
        Instant started = writer.startedAt() != null ? writer.startedAt() : Instant.ofEpochMilli(startMillis);
        listener.clipOpened(file, started, List.copyOf(clipEvents));
    }

    /**
     * Closes the clip and opens the next one at {@code now} (from the ring's keyframe) for the same events, which
     * close it when this one would have closed (a clip in its post-roll keeps its end).
     */
    @GuardedBy("this")
    private void rotate(long now) {
        List<Long> carried = List.copyOf(clipEvents);
        long closeAt = closeAtMillis;
        finishClip();
        clipEvents.addAll(carried);
        openClip(now);
        if (writer != null || pending) {
            closeAtMillis = closeAt;
        }
    }

    @GuardedBy("this")
    private void finishClip() {
        ClipOutput clip = writer;
        writer = null;
        closeAtMillis = Long.MAX_VALUE;
        List<Long> events = List.copyOf(clipEvents);
        clipEvents.clear();
        if (clip instanceof TranscodingClip transcoding) {
            // the worker finishes encoding what it has queued, then reports from its own thread
            transcoding.finish(result -> {
                if (result.info() != null) {
                    clipsClosed.incrementAndGet();
                    listener.clipClosed(result.info().withEventIds(events));
                } else {
                    clipsFailed.incrementAndGet();
                    listener.clipFailed(transcoding.file(), result.failure(), events);
                }
            });
            return;
        }
        ClipWriter current = (ClipWriter) clip;
        try {
            ClipInfo info = current.closeUnhashed();
            if (info == null) {
                clipsFailed.incrementAndGet();
                listener.clipFailed(null, "no keyframe arrived before the clip ended", events);
                return;
            }
            // Hashing reads the whole clip back (hundreds of MB for a long 1080p event): not on the ingest thread.
            hashing.incrementAndGet();
            Thread.ofVirtual().name("clip-hash-" + camera).start(() -> {
                try {
                    ClipInfo hashed = info.withSha256(Sha256.of(info.path())).withEventIds(events);
                    clipsClosed.incrementAndGet();
                    listener.clipClosed(hashed);
                } catch (IOException | RuntimeException e) {
                    clipsFailed.incrementAndGet();
                    LOG.warn("Camera '{}': cannot hash clip {}", camera, info.path(), e);
                    listener.clipFailed(info.path(), "cannot hash the finished clip: " + e.getMessage(), events);
                } finally {
                    synchronized (hashing) {
                        hashing.decrementAndGet();
                        hashing.notifyAll();
                    }
                }
            });
        } catch (IOException e) {
            clipsFailed.incrementAndGet();
            LOG.warn("Camera '{}': cannot finish clip {}", camera, current.file(), e);
            listener.clipFailed(current.file(), e.getMessage(), events);
        }
    }

    @GuardedBy("this")
    private void failClip(IOException error) {
        ClipOutput current = writer;
        writer = null;
        current.release();
        clipsFailed.incrementAndGet();
        LOG.warn("Camera '{}': clip {} failed", camera, current.file(), error);
        listener.clipFailed(current.file(), error.getMessage(), List.copyOf(clipEvents));
        clipEvents.clear();
        openEvents.clear();
        closeAtMillis = Long.MAX_VALUE;
    }

    private Path newFile(long startMillis) {
        String safe = camera.replaceAll("[^A-Za-z0-9._-]", "_");
        String base = safe + "-" + FILE_TIME.format(Instant.ofEpochMilli(startMillis));
        Path file = directory.resolve(base + ".mp4");
        for (int n = 2; Files.exists(file); n++) {
            file = directory.resolve(base + "-" + n + ".mp4");
        }
        return file;
    }
}
