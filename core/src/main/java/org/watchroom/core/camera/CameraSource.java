package org.watchroom.core.camera;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.camera.internal.FrameConverter;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.redaction.RedactedThrowable;

/**
 * One connection to one camera stream, whatever the number of consumers. Its ingest thread (a platform
 * thread: decoding is CPU work) reads each packet once, hands it to {@link PacketListener}s (clip writer) and
 * decodes video packets with avcodec; a second platform thread, the {@link FrameConverter}, takes each decoded
 * frame by reference and lets swscale write BGRA straight into a {@link FrameRing} slot (it is the ring's one
 * producer), so that converting frame n overlaps decoding frame n+1.
 * On failure it reconnects with exponential backoff; a shared {@link Watchdog} declares STALLED and breaks
 * reads that block on a silent server.
 *
 * <p>The parts: {@link Reconnector} (the reconnect state machine, the ingest thread's loop), {@link Connection}
 * (one connection's life: open, read, decode, drain), {@link SourceInputs} (each kind of source's quirks),
 * {@link FramePublisher} and {@link OutputSize} (the converter thread's work, at the size viewers ask for),
 * {@link StateChanges} and {@link IngestStats}.
 *
 * <p>Thread-safety: {@link #start}, {@link #stop}, getters and listener registration from any thread; the
 * decoding state belongs to the ingest thread, the scaler and the ring's producer side to the converter
 * thread. Stats: {@code framesDecoded} and the decoded rate count published frames; the decode time
 * percentiles are per frame decode (ingest thread) + convert (converter thread) time, waiting excluded.
 */
public final class CameraSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraSource.class);

    private final String name;
    private final CameraUrl url;
    private final SourceOptions options;
    private final FrameRing ring;
    private final List<PacketListener> packetListeners = new CopyOnWriteArrayList<>();
    private final IngestStats stats = new IngestStats();
    private final OutputSize outputSize;
    private final StateChanges states;
    private final Reconnector reconnector;
    private volatile boolean running;
    private Thread thread; // guarded by this

    public CameraSource(String name, CameraUrl url, SourceOptions options) {
        this(name, url, options, localRing(options));
    }

    /**
     * A source that writes its pictures into {@code ring} (one in shared memory, for walls in other processes);
     * whoever made the ring closes it after {@link #stop()}.
     */
    public CameraSource(String name, CameraUrl url, SourceOptions options, FrameRing ring) {
        this.name = Objects.requireNonNull(name);
        this.url = Objects.requireNonNull(url);
        this.options = Objects.requireNonNull(options);
        this.ring = Objects.requireNonNull(ring);
        this.outputSize = new OutputSize(options.maxWidth(), options.maxHeight());
        this.states = new StateChanges(name, url);
        this.reconnector = new Reconnector(this, stats, states, outputSize);
    }

    /** A ring of this process for {@code options}' slots, sized for a small tile until the first picture. */
    public static FrameRing localRing(SourceOptions options) {
        return new FrameRing(options.ringSlots(), Math.min(640, options.maxWidth()), Math.min(360, options.maxHeight()));
    }

    public String name() { return name; }

    public CameraUrl url() { return url; }

    SourceOptions options() { return options; }

    public FrameRing ring() { return ring; }

    public CameraState state() { return states.current(); }

    public void addPacketListener(PacketListener listener) { packetListeners.add(listener); }

    public void removePacketListener(PacketListener listener) { packetListeners.remove(listener); }

    /** Called on the thread that changes the state (ingest or watchdog); must return quickly. */
    public void addStateListener(Consumer<CameraState> listener) { states.addListener(listener); }

    /**
     * Asks swscale to produce pictures that fit {@code width x height} (the size a tile shows), capped by the
     * options' maximum; 0 x 0 returns to the maximum. Takes effect with the next frame.
     */
    public void requestOutputSize(int width, int height) {
        outputSize.request(width, height);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("ingest-" + name).daemon().start(reconnector::run);
        Watchdog.shared().watch(this);
    }

    public void stop() {
        Thread ingest;
        synchronized (this) {
            if (!running && thread == null) {
                return;
            }
            running = false;
            ingest = thread;
            thread = null;
        }
        Watchdog.shared().unwatch(this);
        reconnector.abort();
        reconnector.wakeConverter(); // an ingest thread waiting for the converter re-checks running
        if (ingest != null) {
            LockSupport.unpark(ingest);
            try {
                ingest.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reconnector.closeConverter();
        states.set(new CameraState.Stopped());
    }

    @Override
    public void close() { stop(); }

    public CameraStats stats() {
        return stats.snapshot(ring);
    }

    /** Watchdog: declares STALLED, then forces a reconnect. Runs on the watchdog thread. */
    void checkStall(long now) {
        reconnector.checkStall(now);
    }

    boolean running() { return running; }

    /** The ingest thread is done (a file ended, or retrying cannot help): nothing more will run. */
    void finished() { running = false; }

    /** Ingest thread: one packet, read once, to every packet listener. */
    void notifyPacket(AVPacket packet, AVStream stream, boolean streamsChanged) {
        for (PacketListener listener : packetListeners) {
            try {
                listener.onPacket(packet, stream, streamsChanged);
            } catch (RuntimeException e) {
                LOG.warn("Packet listener of camera '{}' failed", name, RedactedThrowable.of(e, url.password()));
            }
        }
    }
}
