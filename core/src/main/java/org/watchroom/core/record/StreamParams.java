package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * An owned copy of one stream's codec parameters and time base, taken once per connection (not per packet):
 * the demuxer's own copy dies with the connection while a clip may still need it.
 *
 * <p>Thread-safety: immutable after construction until {@link #free()}; the owner frees it once nothing uses it.
 */
final class StreamParams {
    private final AVCodecParameters parameters;
    private final AVRational timeBase;

    StreamParams(AVStream stream) {
        parameters = avcodec_parameters_alloc();
        if (parameters == null || avcodec_parameters_copy(parameters, stream.codecpar()) < 0) {
            throw new OutOfMemoryError("avcodec_parameters_copy failed");
        }
        timeBase = avutil.av_make_q(stream.time_base().num(), stream.time_base().den());
    }

    AVCodecParameters parameters() { return parameters; }

    AVRational timeBase() { return timeBase; }

    int codecId() { return parameters.codec_id(); }

    /** Whether packets of {@code other} can follow packets of this stream in one MP4 track. */
    boolean sameAs(StreamParams other) {
        AVCodecParameters a = parameters;
        AVCodecParameters b = other.parameters;
        if (a.codec_id() != b.codec_id() || a.width() != b.width() || a.height() != b.height()
                || timeBase.num() != other.timeBase.num() || timeBase.den() != other.timeBase.den()
                || a.extradata_size() != b.extradata_size()) {
            return false;
        }
        int size = a.extradata_size();
        if (size == 0) {
            return true;
        }
        BytePointer x = a.extradata();
        BytePointer y = b.extradata();
        for (int i = 0; i < size; i++) {
            if (x.get(i) != y.get(i)) {
                return false;
            }
        }
        return true;
    }

    void free() {
        avcodec_parameters_free(parameters);
    }
}
