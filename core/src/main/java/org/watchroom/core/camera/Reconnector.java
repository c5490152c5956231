package org.watchroom.core.camera;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.camera.internal.FrameConverter;
import org.watchroom.core.camera.internal.Pacer;
import org.watchroom.core.media.FfmpegLog;
import org.watchroom.core.media.FfmpegLogBuffer;
import org.watchroom.core.media.InputFailure;
import org.watchroom.core.redaction.RedactedThrowable;
import org.watchroom.core.redaction.Redaction;

/**
 * A camera's reconnect state machine. The ingest thread runs {@link #run()}: CONNECTING, one {@link Connection},
 * then on failure RECONNECTING after an exponential {@link Backoff} (reset once a connection delivered frames), or
 * FAILED when retrying cannot help, or STOPPED when a file ends or the source stops. The {@link Watchdog} calls
 * {@link #checkStall}: LIVE without a frame for {@code stallAfter} turns STALLED; twice that, or a connect that takes
 * longer than {@code ioTimeout + stallAfter}, aborts the connection so that the loop reconnects. A failure is logged
 * with FFmpeg's last lines for this camera.
 *
 * <p>Thread-safety: {@link #run()} on the ingest thread; {@link #checkStall} on the watchdog thread; {@link #abort()},
 * {@link #wakeConverter()} and {@link #closeConverter()} from any thread.
 */
final class Reconnector {
    private static final Logger LOG = LoggerFactory.getLogger(CameraSource.class); // the camera's log, as before

    private final CameraSource source;
    private final CameraUrl url;
    private final SourceOptions options;
    private final IngestStats stats;
    private final StateChanges states;
    private final FramePublisher publisher;
    private final Pacer pacer = new Pacer();
    private final FfmpegLogBuffer ffmpegLog;
    private volatile Connection current;
    private volatile FrameConverter converter;
    private volatile long lastFrameNanos;
    private volatile long connectStartedNanos;

    Reconnector(CameraSource source, IngestStats stats, StateChanges states, OutputSize outputSize) {
        this.source = source;
        this.url = source.url();
        this.options = source.options();
        this.stats = stats;
        this.states = states;
        this.publisher = new FramePublisher(source.ring(), outputSize, stats, this);
        this.ffmpegLog = new FfmpegLogBuffer(FfmpegLogBuffer.DEFAULT_CAPACITY, url.password());
    }

    StateChanges states() { return states; }

    boolean running() { return source.running(); }

    /** A picture arrived (or, while nobody watches, a packet that would make one): not stalled. */
    void frameArrived(long nanos) { lastFrameNanos = nanos; }

    /** Watchdog: declares STALLED, then forces a reconnect. Runs on the watchdog thread. */
    void checkStall(long now) {
        CameraState state = states.current();
        long stall = options.stallAfter().toNanos();
        if (state instanceof CameraState.Live && now - lastFrameNanos > stall) {
            states.set(new CameraState.Stalled(System.currentTimeMillis()));
        } else if (state instanceof CameraState.Stalled && now - lastFrameNanos > 2 * stall) {
            abort();
        } else if (state instanceof CameraState.Connecting
                && now - connectStartedNanos > options.ioTimeout().toNanos() + stall) {
            abort();
        }
    }

    /** Breaks the current connection's blocking open or read, if there is one. */
    void abort() {
        Connection connection = current;
        if (connection != null) {
            connection.abort();
        }
    }

    /** An ingest thread waiting for the converter re-checks whether it still runs. */
    void wakeConverter() {
        FrameConverter stage = converter;
        if (stage != null) {
            stage.wake();
        }
    }

    /** Normally already closed by the ingest thread on its way out; joins the converter thread. */
    void closeConverter() {
        FrameConverter stage = converter;
        if (stage != null) {
            stage.close();
        }
    }

    /** The ingest thread's body. */
    void run() {
        Backoff backoff = new Backoff(options.backoffMin(), options.backoffMax(), ThreadLocalRandom.current());
        int attempt = 0;
        AVPacket packet = avcodec.av_packet_alloc();
        FrameConverter converter = new FrameConverter("convert-" + source.name(), options.ringSlots(), publisher,
                this::running);
        this.converter = converter;
        FfmpegLog.attach(ffmpegLog);
        try {
            while (running()) {
                connectStartedNanos = System.nanoTime();
                states.set(new CameraState.Connecting());
                long framesBefore = stats.framesDecoded.get();
                InputFailure failure = connect(packet, converter);
                if (!running()) {
                    break;
                }
                if (failure == null) { // a file without loop played to its end
                    converter.awaitIdle(); // publish the last frames before STOPPED
                    source.finished();
                    break;
                }
                // A picture of the failed connection must not turn the state back to LIVE after this.
                converter.discardPending();
                converter.awaitIdle();
                stats.lastError = failure.reason();
                LOG.warn("Camera '{}' ({}): {}{}", source.name(), url.redacted(), failure.reason(), ffmpegLines());
                if (failure.permanent()) {
                    source.finished();
                    states.set(new CameraState.Failed(failure.reason()));
                    return;
                }
                attempt = stats.framesDecoded.get() > framesBefore ? 1 : attempt + 1;
                stats.reconnects.incrementAndGet();
                long delay = backoff.delay(attempt).toMillis();
                states.set(new CameraState.Reconnecting(attempt, Instant.now().plusMillis(delay), failure.reason()));
                sleep(delay);
            }
            states.set(new CameraState.Stopped());
        } catch (RuntimeException | Error e) {
            stats.lastError = "internal error: " + Redaction.redact(e.toString(), url.password());
            LOG.error("Camera '{}' ingest crashed: {}{}", source.name(), stats.lastError, ffmpegLines(),
                    RedactedThrowable.of(e, url.password()));
            states.set(new CameraState.Failed(stats.lastError));
        } finally {
            FfmpegLog.detach();
            converter.close();
            avcodec.av_packet_free(packet);
        }
    }

    private InputFailure connect(AVPacket packet, FrameConverter converter) {
        try (Connection connection = new Connection(source, stats, this, packet, converter, pacer)) {
            current = connection;
            if (!running()) {
                return new InputFailure("stopped", false);
            }
            return connection.run();
        } finally {
            current = null;
        }
    }

    /** FFmpeg's last lines for this camera (redacted), each on its own line, or nothing when it printed none. */
    private String ffmpegLines() {
        List<String> lines = ffmpegLog.drain();
        return lines.isEmpty() ? "" : "; FFmpeg's last lines:" + lines.stream().map(l -> "\n    " + l)
                .collect(Collectors.joining());
    }

    private void sleep(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (running() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(deadline - System.nanoTime());
        }
    }
}
