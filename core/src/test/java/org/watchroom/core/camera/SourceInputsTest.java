package org.watchroom.core.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.watchroom.core.media.MediaInput;

/** What FFmpeg is asked to open for each kind of camera URL, and the size pictures are scaled to. */
class SourceInputsTest {
    private static final SourceOptions OPTIONS = SourceOptions.defaults().withIoTimeout(Duration.ofSeconds(4));

    @Test
    void rtspGetsItsTransportTimeoutAndShortProbeWithTheCredentialsOnlyInTheTarget() {
        MediaInput input = SourceInputs.of(CameraUrl.parse("rtsp://cam.local/live", "admin", "pw"), OPTIONS);
        assertThat(input.target()).isEqualTo("rtsp://admin:pw@cam.local/live");
        assertThat(input.address()).isEqualTo("rtsp://cam.local/live");
        assertThat(input.toString()).doesNotContain("pw");
        assertThat(input.format()).isNull();
        assertThat(input.options()).isEqualTo(Map.of("rtsp_transport", "tcp", "timeout", "4000000",
                "analyzeduration", "500000"));
        assertThat(input.network()).isTrue();
        assertThat(input.device()).isFalse();
    }

    @Test
    void aRefusedGraphStoredBeforeTheRuleIsNeverMadeAnInput() {
        CameraUrl stored = CameraUrl.stored("lavfi:movie=/etc/passwd", null, null);
        assertThat(stored.refusal()).isPresent();

        assertThatThrownBy(() -> SourceInputs.of(stored, OPTIONS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(stored.refusal().get());
    }

    @Test
    void httpAndRtmpGetAReadTimeout() {
        for (String url : new String[] {"http://cam/mjpeg", "rtmp://server/app/key"}) {
            assertThat(SourceInputs.of(CameraUrl.parse(url), OPTIONS).options())
                    .isEqualTo(Map.of("rw_timeout", "4000000"));
        }
    }

    @Test
    void devicesNameTheirInputFormatAndFilesOpenAsThemselves() {
        MediaInput lavfi = SourceInputs.of(CameraUrl.parse("lavfi:testsrc2=size=64x64:rate=5"), OPTIONS);
        assertThat(lavfi.format()).isEqualTo("lavfi");
        assertThat(lavfi.target()).isEqualTo("testsrc2=size=64x64:rate=5");
        assertThat(lavfi.device()).isTrue();
        assertThat(lavfi.network()).isFalse();

        MediaInput webcam = SourceInputs.of(CameraUrl.parse("/dev/video0"), OPTIONS);
        assertThat(webcam.format()).isEqualTo("v4l2");
        assertThat(webcam.target()).isEqualTo("/dev/video0");
        assertThat(webcam.device()).isTrue();

        MediaInput file = SourceInputs.of(CameraUrl.parse("/footage/door.mp4?loop=1"), OPTIONS);
        assertThat(file.target()).isEqualTo("/footage/door.mp4");
        assertThat(file.options()).isEmpty();
        assertThat(file.network()).isFalse();
        assertThat(file.device()).isFalse();
    }

    @Test
    void onlyRtspHandsOutStaleDataAfterATimeout() {
        for (SourceKind kind : SourceKind.values()) {
            assertThat(SourceInputs.timeoutLooksLikeData(kind)).as("%s", kind).isEqualTo(kind == SourceKind.RTSP);
        }
    }

    @Test
    void picturesFitTheRequestedBoxWithinTheMaximumNeverEnlargedWithEvenSides() {
        OutputSize size = new OutputSize(1280, 720);
        assertThat(fitted(size, 1920, 1080)).isEqualTo("1280x720");
        assertThat(fitted(size, 640, 480)).isEqualTo("640x480");
        size.request(321, 181);
        assertThat(fitted(size, 1920, 1080)).isEqualTo("320x180");
        size.request(4000, 4000);
        assertThat(fitted(size, 1920, 1080)).isEqualTo("1280x720");
        size.request(0, 0);
        assertThat(fitted(size, 2560, 1440)).isEqualTo("1280x720");
    }

    private static String fitted(OutputSize size, int width, int height) {
        long fit = size.fit(width, height);
        return OutputSize.width(fit) + "x" + OutputSize.height(fit);
    }
}
