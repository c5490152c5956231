package org.watchroom.core.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.record.internal.Mp4Fragments;

/**
 * One segment file from its first keyframe to its close: written by stream copy ({@link ClipWriter}) or re-encoded
 * ({@link TranscodingClip}), with its timeline (microseconds from the first keyframe: where the last packet sits
 * and where it ends), then closed, cut back to its last whole fragment when a failed write tore the end, and hashed.
 *
 * <p>Thread-safety: the recording writer thread only.
 */
final class SegmentFile {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecorder.class); // the recorder's log
    private static final AVRational MICROS = avutil.av_make_q(1, 1_000_000);

    /** What closing a segment came to. */
    sealed interface Finished {
        /** Complete (or cut back to its last whole fragment) and hashed. */
        record Kept(SegmentInfo segment) implements Finished {
        }

        /** Nothing of it can be kept: the file is to be discarded, for this reason. */
        record Lost(String why) implements Finished {
        }
    }

    private final String camera;
    private final ClipOutput clip;
    private final StreamParams params;
    private final Instant start;
    private final long firstDts;
    private long lastPos; // µs from the segment's first keyframe, of the last packet written
    private long lastEnd; // µs: where the last packet written ends
    private long lastStep; // µs between the last two packets, for packets without a duration
    private long packets;

    private SegmentFile(String camera, ClipOutput clip, StreamParams params, Instant start, long firstDts) {
        this.camera = camera;
        this.clip = clip;
        this.params = params;
        this.start = start;
        this.firstDts = firstDts;
    }

    /** Creates {@code file} for a segment whose first keyframe has {@code firstDts} and is shown at {@code start}. */
    static SegmentFile open(String camera, Path file, StreamParams params, Instant start, long firstDts)
            throws IOException {
        ClipOutput clip = ClipWriter.canStreamCopy(params.codecId())
                ? ClipWriter.open(file, params.parameters(), params.timeBase())
                : TranscodingClip.open(camera, file, params);
        return new SegmentFile(camera, clip, params, start, firstDts);
    }

    Path file() { return clip.file(); }

    Instant start() { return start; }

    /** µs from the first keyframe of the last packet written. */
    long lastPos() { return lastPos; }

    /** µs from the first keyframe to where the last packet written ends. */
    long lastEnd() { return lastEnd; }

    /** Microseconds from the segment's first keyframe to {@code dts}. */
    long position(long dts) {
        return avutil.av_rescale_q(dts - firstDts, params.timeBase(), MICROS);
    }

    /** Writes a queued packet (its slot's reference goes to the muxer where it can) found at {@code pos}. */
    void write(AVPacket packet, long arrival, long pos) throws IOException {
        // read before the muxer takes the packet's reference (and blanks it)
        long duration = packet.duration() > 0 ? avutil.av_rescale_q(packet.duration(), params.timeBase(), MICROS) : 0;
        if (clip instanceof ClipWriter w) {
            w.writeOwned(packet, arrival); // the queue slot's reference goes to the muxer: no second one
        } else {
            clip.write(packet, arrival);
        }
        packets++;
        if (pos > lastPos) {
            lastStep = pos - lastPos;
        }
        lastPos = pos;
        lastEnd = Math.max(lastEnd, pos + (duration > 0 ? duration : lastStep));
    }

    /**
     * Closes the file as {@code durationMicros} long and hashes it. A failure is logged and counted here; the caller
     * discards a {@link Finished.Lost} file.
     */
    Finished finish(long durationMicros, SegmentCounters counters) {
        Path file = clip.file();
        ClipInfo info;
        long transcodeDrops = 0;
        try {
            if (clip instanceof ClipWriter w) {
                info = w.closeUnhashed();
            } else {
                TranscodingClip t = (TranscodingClip) clip;
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
            clip.release();
            counters.writeFailures.incrementAndGet();
            LOG.warn("Camera '{}': cannot finish segment {}", camera, file, e);
            return new Finished.Lost("it could not be finished: " + e.getMessage());
        }
        counters.packetsDropped.addAndGet(transcodeDrops);
        if (info == null) { // nothing was written: never happens, a segment starts with a keyframe
            return new Finished.Lost("nothing was written into it");
        }
        String sha = info.sha256();
        long bytes = info.bytes();
        Duration duration = Duration.ofNanos(durationMicros * 1000);
        long written = packets;
        try {
            // A write that failed (a full or failing disk) can leave a torn last fragment, and the muxer does not
            // say when its trailer could not be written: keep what is whole, as start-up recovery would.
            if (Mp4Fragments.completeLength(file) < bytes) {
                long cut = Mp4Fragments.truncate(file);
                RecordingRecovery.Probe probe = RecordingRecovery.probe(file);
                if (probe == null || probe.packets() == 0) {
                    return new Finished.Lost("no complete fragment was written");
                }
                LOG.warn("Camera '{}': segment {} ended with an incomplete fragment ({} bytes cut off)", camera, file,
                        cut);
                bytes = Files.size(file);
                duration = probe.duration();
                written = probe.packets();
                sha = null;
            }
            if (sha == null) {
                sha = Sha256.of(file);
            }
        } catch (IOException e) {
            counters.writeFailures.incrementAndGet();
            LOG.warn("Camera '{}': cannot hash segment {}", camera, file, e);
            return new Finished.Lost("it could not be read back: " + e.getMessage());
        }
        return new Finished.Kept(new SegmentInfo(file, start, duration, bytes, sha, info.codec(), info.streamCopied(),
                written));
    }
}
