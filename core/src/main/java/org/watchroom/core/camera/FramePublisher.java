package org.watchroom.core.camera;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.watchroom.core.camera.internal.FrameConverter;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.media.BgraScaler;

/**
 * The converter thread's work: swscale each decoded frame straight into a {@link FrameRing} slot at the
 * {@link OutputSize}, publish it, count it and tell the watchdog a picture arrived. The ring's one producer.
 *
 * <p>Thread-safety: the converter thread only.
 */
final class FramePublisher implements FrameConverter.Handler {
    private final FrameRing ring;
    private final OutputSize outputSize;
    private final IngestStats stats;
    private final Reconnector reconnector;

    FramePublisher(FrameRing ring, OutputSize outputSize, IngestStats stats, Reconnector reconnector) {
        this.ring = ring;
        this.outputSize = outputSize;
        this.stats = stats;
        this.reconnector = reconnector;
    }

    @Override
    public void convert(AVFrame frame, BgraScaler scaler, long decodeNanos) {
        long started = System.nanoTime();
        stats.streamWidth = frame.width();
        stats.streamHeight = frame.height();
        long size = outputSize.fit(frame.width(), frame.height());
        int width = OutputSize.width(size);
        int height = OutputSize.height(size);
        ByteBuffer target = ring.beginWrite(width, height);
        if (target == null) {
            return; // every slot busy: dropped and counted by the ring
        }
        scaler.scale(frame, target, width, height);
        long now = System.nanoTime();
        ring.publish(now);
        reconnector.frameArrived(now);
        stats.framesDecoded.incrementAndGet();
        stats.decodedRate.add(1, now);
        stats.decodeTimes.record(decodeNanos + now - started);
        reconnector.states().setLive();
    }
}
