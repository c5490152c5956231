package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.RtspTest;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.SlowTest;

/** {@code watchroom cameras test} against a real RTSP server: a good stream, a wrong password, nobody there. */
@RtspTest
@SlowTest
class CamerasTestCliTest {
    @TempDir
    Path dir;

    @Test
    void aGoodStreamGivesItsSizeCodecRateAndASnapshotAndFailuresSayWhyWithoutThePassword() throws Exception {
        try (RtspTestServer camera = RtspTestServer.builder().credentials("admin", "hunter2").start()) {
            Cli.Result good = Cli.run("cameras", "test", "--url", camera.url("test", "admin", "hunter2"),
                    "--sub-url", camera.url("test", "admin", "hunter2"), "--snapshot-dir", dir.toString());
            assertThat(good.exit()).as(good.err()).isZero();
            assertThat(good.out()).containsPattern("Main stream \\(rtsp://admin:\\*\\*\\*@127\\.0\\.0\\.1:\\d+/test\\): "
                    + "\\d+×\\d+ h264, \\d+\\.\\d fps; snapshot " + dir.resolve("main.jpg"))
                    .contains("Sub-stream").doesNotContain("hunter2");
            Matcher size = Pattern.compile("(\\d+)×(\\d+)").matcher(good.out());
            assertThat(size.find()).isTrue();
            BufferedImage snapshot = ImageIO.read(dir.resolve("main.jpg").toFile());
            assertThat(snapshot.getWidth()).as("at the stream's own size").isEqualTo(Integer.parseInt(size.group(1)));
            assertThat(snapshot.getHeight()).isEqualTo(Integer.parseInt(size.group(2)));
            assertThat(Files.exists(dir.resolve("sub.jpg"))).isTrue();

            Cli.Result wrong = Cli.run("cameras", "test", "--url", camera.url("test", "admin", "wrong-secret"),
                    "--timeout", "10");
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.err()).contains("no picture: 401 unauthorized");
            assertThat(wrong.out() + wrong.err()).doesNotContain("wrong-secret");
        }
        Cli.Result nobody = Cli.run("cameras", "test", "--url", "rtsp://127.0.0.1:" + RtspTestServer.freePort() + "/x",
                "--timeout", "5");
        assertThat(nobody.exit()).isEqualTo(1);
        assertThat(nobody.err()).contains("no picture:");

        Cli.Result bad = Cli.run("cameras", "test", "--url", "ftp://example.org/cam");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("Unsupported URL scheme");
    }
}
