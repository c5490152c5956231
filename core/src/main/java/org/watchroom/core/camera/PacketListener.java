package org.watchroom.core.camera;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * Sees every demuxed packet of a camera, before it is decoded, on the camera's ingest thread. This is how a
 * clip writer stream-copies without a second connection.
 *
 * <p>Ownership: the packet belongs to the source and is overwritten by the next read; a listener that keeps
 * it must take its own reference ({@code av_packet_clone}). Listeners must return quickly: they run on the
 * ingest thread.
 */
@FunctionalInterface
public interface PacketListener {

    /**
     * @param packet the packet just read
     * @param stream the stream it belongs to (codec parameters, time base)
     * @param streamsChanged true for the first packet after a (re)connect or loop, when streams may differ
     */
    void onPacket(AVPacket packet, AVStream stream, boolean streamsChanged);
}
