package org.watchroom.core.camera;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.watchroom.core.camera.internal.FrameConverter;
import org.watchroom.core.camera.internal.Pacer;
import org.watchroom.core.media.FfmpegErrors;
import org.watchroom.core.media.FfmpegInput;
import org.watchroom.core.media.InputFailure;
import org.watchroom.core.media.MediaInput;
import org.watchroom.core.media.VideoDecoder;

/**
 * One connection's life: open the input, read each packet once and hand it to the {@link PacketListener}s, pace a
 * file, decode video packets (or, while nobody watches, skip them until a keyframe), drain the decoder at a file's
 * end and loop it; then say why it ended. A new one for every attempt.
 *
 * <p>Thread-safety: the ingest thread; {@link #abort()} from any thread (the watchdog, stop).
 */
final class Connection implements AutoCloseable {
    private final CameraSource source;
    private final CameraUrl url;
    private final SourceOptions options;
    private final IngestStats stats;
    private final Reconnector reconnector;
    private final AVPacket packet;
    private final FrameConverter converter;
    private final Pacer pacer;
    private final FfmpegInput input = new FfmpegInput();

    /** {@code packet}: the ingest thread's one packet, reused; {@code pacer}: reset here, as a new timeline starts. */
    Connection(CameraSource source, IngestStats stats, Reconnector reconnector, AVPacket packet,
               FrameConverter converter, Pacer pacer) {
        this.source = source;
        this.url = source.url();
        this.options = source.options();
        this.stats = stats;
        this.reconnector = reconnector;
        this.packet = packet;
        this.converter = converter;
        this.pacer = pacer;
    }

    /** Makes the open or read that blocks now, and every later one, return at once. */
    void abort() { input.abort(); }

    /** Runs the connection; returns why it ended, or null when a non-looping file ended. */
    InputFailure run() {
        if (url.refusal().isPresent()) { // stored before the parser refused it: must never reach FFmpeg
            return new InputFailure(url.refusal().get(), true);
        }
        MediaInput media = SourceInputs.of(url, options);
        long openStarted = System.nanoTime();
        int result = input.open(media);
        if (result < 0) {
            if (result == AVERROR_INVALIDDATA && SourceInputs.timeoutLooksLikeData(url.kind())
                    && System.nanoTime() - openStarted >= options.ioTimeout().toNanos()) {
                // FFmpeg ignores the timeout of an unanswered RTSP OPTIONS and reports the missing status line
                // as invalid data; the camera accepted the connection but never answered.
                result = AVERROR_EXIT;
            }
            return FfmpegErrors.describe(result, "while connecting", media);
        }
        int video = input.videoStreamIndex();
        AVStream videoStream = input.stream(video);
        int timeBaseNum = videoStream.time_base().num();
        int timeBaseDen = videoStream.time_base().den();
        try (VideoDecoder decoder = VideoDecoder.open(videoStream.codecpar(), options.decodeThreads(),
                url.kind().live())) {
            stats.codec = decoder.codecName();
            pacer.reset();
            boolean streamsChanged = true;
            boolean waitForKeyframe = false;
            while (reconnector.running()) {
                long readStarted = System.nanoTime();
                result = input.read(packet);
                if (result >= 0 && SourceInputs.timeoutLooksLikeData(url.kind()) && (input.aborted()
                        || System.nanoTime() - readStarted >= options.ioTimeout().toNanos())) {
                    // The socket timeout fired (or the watchdog aborted) inside this read: av_read_frame then
                    // flushes its parser and returns the frame it held back as if it had just arrived. Taking it
                    // as news made a frozen camera flicker back to LIVE and doubled the time to reconnect.
                    return FfmpegErrors.describe(AVERROR_EXIT, "while reading", media);
                }
                if (result == AVERROR_EOF && !url.kind().live()) {
                    drain(decoder); // frames held back for B-frame reordering
                    if (!url.loop()) {
                        return null;
                    }
                    input.rewind();
                    decoder.flush();
                    pacer.reset();
                    streamsChanged = true;
                    continue;
                }
                if (result < 0) {
                    return FfmpegErrors.describe(result, "while reading", media);
                }
                long now = System.nanoTime();
                stats.byteRate.add(packet.size(), now);
                AVStream stream = input.stream(packet.stream_index());
                source.notifyPacket(packet, stream, streamsChanged);
                streamsChanged = false;
                if (packet.stream_index() != video) {
                    continue;
                }
                stats.inputRate.add(1, now);
                if (!url.kind().live() && options.paced()) {
                    pacer.await(packet.dts() != avutil.AV_NOPTS_VALUE
                            ? packet.dts() : packet.pts(), timeBaseNum, timeBaseDen);
                }
                if (options.decodeOnlyWhenWatched() && !source.ring().hasReaders()) {
                    // Nobody looks: keep the connection (and the packets for recording) but spare the CPU.
                    waitForKeyframe = !decoder.intraOnly();
                    reconnector.frameArrived(now);
                    reconnector.states().setLive();
                    continue;
                }
                if (waitForKeyframe) {
                    if ((packet.flags() & avcodec.AV_PKT_FLAG_KEY) == 0) {
                        continue; // resume decoding on a keyframe, not into a smear
                    }
                    decoder.flush();
                    waitForKeyframe = false;
                }
                decode(decoder);
            }
            return new InputFailure("stopped", false);
        } catch (VideoDecoder.DecoderException e) {
            return FfmpegErrors.describe(e.code(), "while opening the decoder", media);
        }
    }

    private void decode(VideoDecoder decoder) {
        long started = System.nanoTime();
        int result = decoder.send(packet);
        if (result < 0 && result != AVERROR_EAGAIN()) {
            return; // a corrupt packet: skip it, the next keyframe recovers
        }
        receiveAll(decoder, started);
    }

    private void drain(VideoDecoder decoder) {
        long started = System.nanoTime();
        if (decoder.sendEndOfStream() >= 0) {
            receiveAll(decoder, started);
        }
    }

    /** Hands every frame the decoder has ready to the converter (waiting while it is busy). */
    private void receiveAll(VideoDecoder decoder, long started) {
        while (decoder.receive() == 0) {
            if (!converter.submit(decoder.frame(), System.nanoTime() - started)) {
                return; // stopping
            }
            started = System.nanoTime(); // the wait for the converter is not decode time
        }
    }

    @Override
    public void close() {
        input.close();
    }
}
