package org.watchroom.core.camera;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.camera.internal.FrameConverter;
import org.watchroom.core.camera.internal.Pacer;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.media.BgraScaler;
import org.watchroom.core.media.FfmpegErrors;
import org.watchroom.core.media.FfmpegInput;
import org.watchroom.core.media.FfmpegLog;
import org.watchroom.core.media.FfmpegLogBuffer;
import org.watchroom.core.media.InputFailure;
import org.watchroom.core.media.MediaInput;
import org.watchroom.core.media.VideoDecoder;
import org.watchroom.core.metrics.LatencyWindow;
import org.watchroom.core.metrics.RateMeter;
import org.watchroom.core.redaction.RedactedThrowable;
import org.watchroom.core.redaction.Redaction;

/**
 * One connection to one camera stream, whatever the number of consumers. Its ingest thread (a platform
 * thread: decoding is CPU work) reads each packet once, hands it to {@link PacketListener}s (clip writer) and
 * decodes video packets with avcodec; a second platform thread, the {@link FrameConverter}, takes each decoded
 * frame by reference and lets swscale write BGRA straight into a {@link FrameRing} slot (it is the ring's one
 * producer), so that converting frame n overlaps decoding frame n+1.
 * On failure it reconnects with exponential backoff; a shared {@link Watchdog} declares STALLED and breaks
 * reads that block on a silent server.
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
    private final List<Consumer<CameraState>> stateListeners = new CopyOnWriteArrayList<>();
    private final RateMeter inputRate = new RateMeter();
    private final RateMeter decodedRate = new RateMeter();
    private final RateMeter byteRate = new RateMeter();
    private final LatencyWindow decodeTimes = new LatencyWindow(128);
    private final AtomicLong framesDecoded = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Pacer pacer = new Pacer();
    private final FfmpegLogBuffer ffmpegLog;
    private volatile CameraState state = new CameraState.Stopped();
    private volatile FfmpegInput input;
    private volatile boolean running;
    private volatile long lastFrameNanos;
    private volatile long connectStartedNanos;
    private volatile String lastError;
    private volatile String codec = "";
    private volatile int streamWidth;
    private volatile int streamHeight;
    private volatile long requestedSize; // width << 32 | height, 0 = options' maximum
    private volatile FrameConverter converter;
    private final Object stateLock = new Object();
    private Thread thread;

    public CameraSource(String name, CameraUrl url, SourceOptions options) {
        this.name = Objects.requireNonNull(name);
        this.url = Objects.requireNonNull(url);
        this.options = Objects.requireNonNull(options);
        this.ffmpegLog = new FfmpegLogBuffer(FfmpegLogBuffer.DEFAULT_CAPACITY, url.password());
        this.ring = new FrameRing(options.ringSlots(), Math.min(640, options.maxWidth()), Math.min(360, options.maxHeight()));
    }

    public String name() { return name; }

    public CameraUrl url() { return url; }

    public FrameRing ring() { return ring; }

    public CameraState state() { return state; }

    public void addPacketListener(PacketListener listener) { packetListeners.add(listener); }

    public void removePacketListener(PacketListener listener) { packetListeners.remove(listener); }

    /** Called on the thread that changes the state (ingest or watchdog); must return quickly. */
    public void addStateListener(Consumer<CameraState> listener) { stateListeners.add(listener); }

    /**
     * Asks swscale to produce pictures that fit {@code width x height} (the size a tile shows), capped by the
     * options' maximum; 0 x 0 returns to the maximum. Takes effect with the next frame.
     */
    public void requestOutputSize(int width, int height) {
        requestedSize = ((long) Math.max(0, width) << 32) | Math.max(0, height);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("ingest-" + name).daemon().start(this::run);
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
        FfmpegInput current = input;
        if (current != null) {
            current.abort();
        }
        FrameConverter stage = converter;
        if (stage != null) {
            stage.wake(); // an ingest thread waiting for the converter re-checks running
        }
        if (ingest != null) {
            LockSupport.unpark(ingest);
            try {
                ingest.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stage != null) {
            stage.close(); // normally already closed by the ingest thread on its way out; joins the thread
        }
        setState(new CameraState.Stopped());
    }

    @Override
    public void close() { stop(); }

    public CameraStats stats() {
        Map<String, Long> drops = new LinkedHashMap<>();
        for (FrameRing.Reader reader : ring.readers()) {
            drops.merge(reader.name(), reader.skipped(), Long::sum);
        }
        return new CameraStats(inputRate.perSecond(), decodedRate.perSecond(), byteRate.perSecond() * 8 / 1000,
                streamWidth, streamHeight, codec, framesDecoded.get(), reconnects.get(), lastError,
                decodeTimes.percentileMillis(0.5), decodeTimes.percentileMillis(0.95), drops, ring.producerDrops());
    }

    /** Watchdog: declares STALLED, then forces a reconnect. Runs on the watchdog thread. */
    void checkStall(long now) {
        CameraState current = state;
        long stall = options.stallAfter().toNanos();
        if (current instanceof CameraState.Live && now - lastFrameNanos > stall) {
            setState(new CameraState.Stalled(System.currentTimeMillis()));
        } else if (current instanceof CameraState.Stalled && now - lastFrameNanos > 2 * stall) {
            abortInput();
        } else if (current instanceof CameraState.Connecting
                && now - connectStartedNanos > options.ioTimeout().toNanos() + stall) {
            abortInput();
        }
    }

    private void abortInput() {
        FfmpegInput current = input;
        if (current != null) {
            current.abort();
        }
    }

    private void run() {
        Backoff backoff = new Backoff(options.backoffMin(), options.backoffMax(), ThreadLocalRandom.current());
        int attempt = 0;
        AVPacket packet = avcodec.av_packet_alloc();
        FrameConverter converter = new FrameConverter("convert-" + name, options.ringSlots(), this::convert,
                () -> running);
        this.converter = converter;
        FfmpegLog.attach(ffmpegLog);
        try {
            while (running) {
                connectStartedNanos = System.nanoTime();
                setState(new CameraState.Connecting());
                long framesBefore = framesDecoded.get();
                InputFailure failure = stream(packet, converter);
                if (!running) {
                    break;
                }
                if (failure == null) { // a file without loop played to its end
                    converter.awaitIdle(); // publish the last frames before STOPPED
                    running = false;
                    break;
                }
                // A picture of the failed connection must not turn the state back to LIVE after this.
                converter.discardPending();
                converter.awaitIdle();
                lastError = failure.reason();
                LOG.warn("Camera '{}' ({}): {}{}", name, url.redacted(), failure.reason(), ffmpegLines());
                if (failure.permanent()) {
                    running = false;
                    setState(new CameraState.Failed(failure.reason()));
                    return;
                }
                attempt = framesDecoded.get() > framesBefore ? 1 : attempt + 1;
                reconnects.incrementAndGet();
                long delay = backoff.delay(attempt).toMillis();
                setState(new CameraState.Reconnecting(attempt, Instant.now().plusMillis(delay), failure.reason()));
                sleep(delay);
            }
            setState(new CameraState.Stopped());
        } catch (RuntimeException | Error e) {
            lastError = "internal error: " + Redaction.redact(e.toString(), url.password());
            LOG.error("Camera '{}' ingest crashed: {}{}", name, lastError, ffmpegLines(),
                    RedactedThrowable.of(e, url.password()));
            setState(new CameraState.Failed(lastError));
        } finally {
            FfmpegLog.detach();
            converter.close();
            avcodec.av_packet_free(packet);
        }
    }

    /** FFmpeg's last lines for this camera (redacted), each on its own line, or nothing when it printed none. */
    private String ffmpegLines() {
        List<String> lines = ffmpegLog.drain();
        return lines.isEmpty() ? "" : "; FFmpeg's last lines:" + lines.stream().map(l -> "\n    " + l)
                .collect(java.util.stream.Collectors.joining());
    }

    private void sleep(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (running && System.nanoTime() < deadline) {
            LockSupport.parkNanos(deadline - System.nanoTime());
        }
    }

    /** One connection's life; returns why it ended, or null when a non-looping file ended. */
    private InputFailure stream(AVPacket packet, FrameConverter converter) {
        try (FfmpegInput in = new FfmpegInput()) {
            input = in;
            if (!running) {
                return new InputFailure("stopped", false);
            }
            if (url.refusal().isPresent()) { // stored before the parser refused it: must never reach FFmpeg
                return new InputFailure(url.refusal().get(), true);
            }
            MediaInput media = SourceInputs.of(url, options);
            long openStarted = System.nanoTime();
            int result = in.open(media);
            if (result < 0) {
                if (result == AVERROR_INVALIDDATA && SourceInputs.timeoutLooksLikeData(url.kind())
                        && System.nanoTime() - openStarted >= options.ioTimeout().toNanos()) {
                    // FFmpeg ignores the timeout of an unanswered RTSP OPTIONS and reports the missing status line
                    // as invalid data; the camera accepted the connection but never answered.
                    result = AVERROR_EXIT;
                }
                return FfmpegErrors.describe(result, "while connecting", media);
            }
            int video = in.videoStreamIndex();
            AVStream videoStream = in.stream(video);
            int timeBaseNum = videoStream.time_base().num();
            int timeBaseDen = videoStream.time_base().den();
            try (VideoDecoder decoder = VideoDecoder.open(videoStream.codecpar(), options.decodeThreads(),
                    url.kind().live())) {
                codec = decoder.codecName();
                pacer.reset();
                boolean streamsChanged = true;
                boolean waitForKeyframe = false;
                while (running) {
                    long readStarted = System.nanoTime();
                    result = in.read(packet);
                    if (result >= 0 && SourceInputs.timeoutLooksLikeData(url.kind()) && (in.aborted()
                            || System.nanoTime() - readStarted >= options.ioTimeout().toNanos())) {
                        // The socket timeout fired (or the watchdog aborted) inside this read: av_read_frame then
                        // flushes its parser and returns the frame it held back as if it had just arrived. Taking it
                        // as news made a frozen camera flicker back to LIVE and doubled the time to reconnect.
                        return FfmpegErrors.describe(AVERROR_EXIT, "while reading", media);
                    }
                    if (result == AVERROR_EOF && !url.kind().live()) {
                        drain(decoder, converter); // frames held back for B-frame reordering
                        if (!url.loop()) {
                            return null;
                        }
                        in.rewind();
                        decoder.flush();
                        pacer.reset();
                        streamsChanged = true;
                        continue;
                    }
                    if (result < 0) {
                        return FfmpegErrors.describe(result, "while reading", media);
                    }
                    long now = System.nanoTime();
                    byteRate.add(packet.size(), now);
                    AVStream stream = in.stream(packet.stream_index());
                    notifyPacket(packet, stream, streamsChanged);
                    streamsChanged = false;
                    if (packet.stream_index() != video) {
                        continue;
                    }
                    inputRate.add(1, now);
                    if (!url.kind().live() && options.paced()) {
                        pacer.await(packet.dts() != org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE
                                ? packet.dts() : packet.pts(), timeBaseNum, timeBaseDen);
                    }
                    if (options.decodeOnlyWhenWatched() && !ring.hasReaders()) {
                        // Nobody looks: keep the connection (and the packets for recording) but spare the CPU.
                        waitForKeyframe = !decoder.intraOnly();
                        lastFrameNanos = now;
                        setLive();
                        continue;
                    }
                    if (waitForKeyframe) {
                        if ((packet.flags() & org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY) == 0) {
                            continue; // resume decoding on a keyframe, not into a smear
                        }
                        decoder.flush();
                        waitForKeyframe = false;
                    }
                    decode(decoder, packet, converter);
                }
                return new InputFailure("stopped", false);
            } catch (VideoDecoder.DecoderException e) {
                return FfmpegErrors.describe(e.code(), "while opening the decoder", media);
            }
        } finally {
            input = null;
        }
    }

    private void decode(VideoDecoder decoder, AVPacket packet, FrameConverter converter) {
        long started = System.nanoTime();
        int result = decoder.send(packet);
        if (result < 0 && result != AVERROR_EAGAIN()) {
            return; // a corrupt packet: skip it, the next keyframe recovers
        }
        receiveAll(decoder, converter, started);
    }

    private void drain(VideoDecoder decoder, FrameConverter converter) {
        long started = System.nanoTime();
        if (decoder.sendEndOfStream() >= 0) {
            receiveAll(decoder, converter, started);
        }
    }

    /** Hands every frame the decoder has ready to the converter (waiting while it is busy). */
    private void receiveAll(VideoDecoder decoder, FrameConverter converter, long started) {
        while (decoder.receive() == 0) {
            if (!converter.submit(decoder.frame(), System.nanoTime() - started)) {
                return; // stopping
            }
            started = System.nanoTime(); // the wait for the converter is not decode time
        }
    }

    /** Converter thread: swscale into a ring slot and publish. */
    private void convert(AVFrame frame, BgraScaler scaler, long decodeNanos) {
        long started = System.nanoTime();
        streamWidth = frame.width();
        streamHeight = frame.height();
        long size = requestedSize;
        int boxWidth = size == 0 ? options.maxWidth() : Math.min(options.maxWidth(), (int) (size >>> 32));
        int boxHeight = size == 0 ? options.maxHeight() : Math.min(options.maxHeight(), (int) size);
        double scale = Math.min(1.0, Math.min((double) boxWidth / frame.width(), (double) boxHeight / frame.height()));
        int width = Math.max(2, (int) (frame.width() * scale) & ~1);
        int height = Math.max(2, (int) (frame.height() * scale) & ~1);
        ByteBuffer target = ring.beginWrite(width, height);
        if (target == null) {
            return; // every slot busy: dropped and counted by the ring
        }
        scaler.scale(frame, target, width, height);
        long now = System.nanoTime();
        ring.publish(now);
        lastFrameNanos = now;
        framesDecoded.incrementAndGet();
        decodedRate.add(1, now);
        decodeTimes.record(decodeNanos + now - started);
        setLive();
    }

    private void notifyPacket(AVPacket packet, AVStream stream, boolean streamsChanged) {
        for (PacketListener listener : packetListeners) {
            try {
                listener.onPacket(packet, stream, streamsChanged);
            } catch (RuntimeException e) {
                LOG.warn("Packet listener of camera '{}' failed", name, RedactedThrowable.of(e, url.password()));
            }
        }
    }

    private void setLive() {
        if (!(state instanceof CameraState.Live)) {
            synchronized (stateLock) {
                if (!(state instanceof CameraState.Live)) {
                    setState(new CameraState.Live());
                }
            }
        }
    }

    /** Ingest, converter, watchdog or stopping thread; serialized so that listeners see changes in order. */
    private void setState(CameraState next) {
        synchronized (stateLock) {
            setStateLocked(next);
        }
    }

    private void setStateLocked(CameraState next) {
        CameraState previous = state;
        if (previous.equals(next) && !(next instanceof CameraState.Reconnecting)) {
            return;
        }
        state = next;
        if (!(previous.getClass() == next.getClass())) {
            LOG.info("Camera '{}' ({}): {}", name, url.redacted(), describe(next));
        }
        for (Consumer<CameraState> listener : stateListeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("State listener of camera '{}' failed", name, RedactedThrowable.of(e, url.password()));
            }
        }
    }

    private static String describe(CameraState state) {
        return switch (state) {
            case CameraState.Reconnecting r -> "RECONNECTING (attempt " + r.attempt() + ": " + r.lastError() + ")";
            case CameraState.Failed f -> "FAILED: " + f.reason();
            default -> state.label();
        };
    }
}
