package org.watchroom.core.playback;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.watchroom.core.testing.TestMedia;

/**
 * Real clips as the recorder writes them: vtest.mp4 (H.264, people walking, 10 fps) stream-copied into a
 * fragmented MP4 with the recorder's flags, starting at pts 0.
 */
public final class TestClips {
    private TestClips() {
    }

    public static Path fragmented(Path target, double seconds) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(TestMedia.file("vtest.mp4").toFile())) {
            grabber.start();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), grabber.getImageWidth(),
                    grabber.getImageHeight(), 0)) {
                recorder.setFormat("mp4");
                recorder.setOption("movflags", "frag_keyframe+delay_moov+default_base_moof");
                recorder.start(grabber.getFormatContext());
                AVPacket packet;
                while ((packet = grabber.grabPacket()) != null) {
                    double at = packet.pts() * avutil.av_q2d(
                            grabber.getFormatContext().streams(packet.stream_index()).time_base());
                    if (at >= seconds) {
                        break;
                    }
                    recorder.recordPacket(packet);
                }
                recorder.stop();
            }
            grabber.stop();
        }
        return target;
    }
}
