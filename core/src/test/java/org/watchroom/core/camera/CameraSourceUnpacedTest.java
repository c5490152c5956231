package org.watchroom.core.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.watchroom.core.testing.TestMedia;

class CameraSourceUnpacedTest {

    @Test
    void unpacedFilePlaysToItsEndWithoutWaitingForItsFrameRate() throws InterruptedException {
        // vtest.avi: 795 frames at 10 fps = 79.5 s of footage when paced
        CameraUrl url = CameraUrl.parse(TestMedia.file("vtest.avi").toString());
        SourceOptions options = SourceOptions.defaults().withMaxSize(768, 576).withPacing(false);
        CountDownLatch ended = new CountDownLatch(1);
        try (CameraSource source = new CameraSource("unpaced", url, options)) {
            source.addStateListener(state -> {
                if (state instanceof CameraState.Stopped || state instanceof CameraState.Failed) {
                    ended.countDown();
                }
            });
            source.start();

            assertThat(ended.await(60, TimeUnit.SECONDS)).as("file played to its end well before 79.5 s").isTrue();
            assertThat(source.state()).isInstanceOf(CameraState.Stopped.class);
            assertThat(source.stats().framesDecoded()).isEqualTo(795);
        }
    }

    @Test
    void framesHeldBackForReorderingAreNotLostAtTheEnd() throws InterruptedException {
        // vtest.mp4 is the same 795 frames as H.264 with B-frames: the decoder holds the last ones back
        CameraUrl url = CameraUrl.parse(TestMedia.file("vtest.mp4").toString());
        CountDownLatch ended = new CountDownLatch(1);
        try (CameraSource source = new CameraSource("drained", url, SourceOptions.defaults().withPacing(false))) {
            source.addStateListener(state -> {
                if (state instanceof CameraState.Stopped) {
                    ended.countDown();
                }
            });
            source.start();
            assertThat(ended.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(source.stats().framesDecoded()).isEqualTo(795);
        }
    }
}
