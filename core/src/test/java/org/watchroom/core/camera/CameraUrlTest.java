package org.watchroom.core.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CameraUrlTest {

    @Test
    void credentialsAreHeldApartAndNeverShown() {
        CameraUrl url = CameraUrl.parse("rtsp://admin:Hunter2%40x@10.0.0.5:554/stream1");
        assertThat(url.kind()).isEqualTo(SourceKind.RTSP);
        assertThat(url.username()).isEqualTo("admin");
        assertThat(url.password()).isEqualTo("Hunter2@x");
        assertThat(url.address()).isEqualTo("rtsp://10.0.0.5:554/stream1");
        assertThat(url.redacted()).isEqualTo("rtsp://admin:***@10.0.0.5:554/stream1");
        assertThat(url.toString()).doesNotContain("Hunter2");
        assertThat(url.withCredentials()).isEqualTo("rtsp://admin:Hunter2%40x@10.0.0.5:554/stream1");
    }

    @Test
    void storedCredentialsApplyWhenTheUrlHasNone() {
        CameraUrl url = CameraUrl.parse("rtsps://cam.local/live", "viewer", "pw");
        assertThat(url.withCredentials()).isEqualTo("rtsps://viewer:pw@cam.local/live");
        assertThat(url.redacted()).isEqualTo("rtsps://viewer:***@cam.local/live");
    }

    @Test
    void recognisesEverySourceKind() {
        assertThat(CameraUrl.parse("rtmp://server/app/key").kind()).isEqualTo(SourceKind.RTMP);
        assertThat(CameraUrl.parse("http://cam/mjpeg").kind()).isEqualTo(SourceKind.HTTP);
        assertThat(CameraUrl.parse("https://cam/live.m3u8").kind()).isEqualTo(SourceKind.HTTP);
        assertThat(CameraUrl.parse("/dev/video0").address()).isEqualTo("v4l2:/dev/video0");
        assertThat(CameraUrl.parse("dshow:video=USB Camera").address()).isEqualTo("dshow:video=USB Camera");
        assertThat(CameraUrl.parse("/footage/front door.mp4").address()).isEqualTo("/footage/front door.mp4");
        assertThat(CameraUrl.parse("lavfi:testsrc2").kind()).isEqualTo(SourceKind.LAVFI);
        CameraUrl file = CameraUrl.parse("/footage/lobby.mp4?loop=1");
        assertThat(file.kind()).isEqualTo(SourceKind.FILE);
        assertThat(file.loop()).isTrue();
        assertThat(file.address()).isEqualTo("/footage/lobby.mp4");
        assertThat(file.storedAddress()).isEqualTo("/footage/lobby.mp4?loop=1");
        assertThat(CameraUrl.parse("file:///footage/a.avi").address()).isEqualTo("/footage/a.avi");
    }

    @Test
    void badInputGetsAClearMessageWithoutThePassword() {
        assertThatThrownBy(() -> CameraUrl.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> CameraUrl.parse("ftp://host/x")).hasMessageContaining("Unsupported URL scheme 'ftp'");
        assertThatThrownBy(() -> CameraUrl.parse("rtsp:///stream")).hasMessageContaining("no host");
        assertThatThrownBy(() -> CameraUrl.parse("rtsp://u:topsecret@host:99999/x"))
                .hasMessageContaining("port").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> CameraUrl.parse("rtsp://u:topsecret@host/a b"))
                .hasMessageContaining("spaces").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> CameraUrl.parse("/x.mp4?speed=2")).hasMessageContaining("only loop=1");
        assertThatThrownBy(() -> CameraUrl.parse("lavfi:")).hasMessageContaining("filter graph");
    }

    @Test
    void redactionCoversFreeText() {
        assertThat(Redaction.redact("open rtsp://root:pa55@cam/1 failed; retry http://u:p@h/x"))
                .isEqualTo("open rtsp://root:***@cam/1 failed; retry http://u:***@h/x");
        assertThat(Redaction.redact("error near pa55word", "pa55word")).isEqualTo("error near ***");
    }

    @Test
    void backoffGrowsWithJitterAndIsCapped() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(1));
        assertThat(backoff.delay(1).toMillis()).isBetween(400L, 600L);
        assertThat(backoff.delay(2).toMillis()).isBetween(800L, 1200L);
        assertThat(backoff.delay(4).toMillis()).isBetween(3200L, 4800L);
        for (int attempt = 8; attempt < 40; attempt++) {
            assertThat(backoff.delay(attempt).toMillis()).isBetween(24_000L, 30_000L);
        }
    }
}
