package org.watchroom.core.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.watchroom.core.testing.RtspTest;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.Tee;
import org.watchroom.core.testing.Waits;

/**
 * When a camera fails, the log says why in words and then quotes FFmpeg's own last lines for that camera, with no
 * trace of its password; a crash of the ingest thread is logged with its stack trace.
 */
@RtspTest
class CameraFailureLogTest {
    private static final String PASSWORD = "s3cret pass/w@rd";
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        System.setErr(originalErr);
    }

    @Test
    void aRejectedPasswordIsLoggedWithFfmpegsOwnLinesAndNoPassword() {
        try (RtspTestServer server = RtspTestServer.builder().credentials("watchman", "right").start();
             CameraSource camera = new CameraSource("gate", CameraUrl.parse(server.url("/test"), "watchman", PASSWORD),
                     SourceOptions.defaults())) {
            camera.start();
            Waits.until(Duration.ofSeconds(20), () -> camera.state() instanceof CameraState.Failed);
        }

        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("Camera 'gate' (rtsp://watchman:***@127.0.0.1:",
                "401 unauthorized: the camera rejected the user name or password; FFmpeg's last lines:",
                "[rtsp] method DESCRIBE failed: 401");
        assertThat(logged).doesNotContain(PASSWORD, URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8),
                "s3cret", "w@rd");
    }

    @Test
    void aCrashedIngestThreadIsLoggedWithItsStackTrace() {
        try (CameraSource camera = new CameraSource("listener", CameraUrl.parse("rtsp://127.0.0.1:9/x", "u", PASSWORD),
                SourceOptions.defaults())) {
            camera.addStateListener(state -> {
                if (state instanceof CameraState.Connecting) {
                    throw new IllegalStateException("listener broke on rtsp://u:" + PASSWORD + "@127.0.0.1:9/x");
                }
            });
            camera.start();
            Waits.until(Duration.ofSeconds(20), () -> log.toString(StandardCharsets.UTF_8).contains("listener broke"));
        }

        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("State listener of camera 'listener' failed",
                "java.lang.IllegalStateException: listener broke on rtsp://u:***@127.0.0.1:9/x",
                "at org.watchroom.core.camera.StateChanges").doesNotContain("s3cret");
    }
}
