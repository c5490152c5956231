package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.TestMedia;

/** {@code watchroom cameras add}: refusals never print the password; the command line keeps adding file cameras. */
class CamerasCliTest {
    @TempDir
    Path data;

    private Cli.Result add(String name, String url) {
        return Cli.inDataDir(data, "cameras", "add", "--name", name, "--url", url);
    }

    @Test
    void refusedUrlsAreExplainedWithoutThePassword() {
        for (String url : List.of("rtsp://admin:S3cr Wrd9@cam.local/x", "rtsp://admin:S3cr/Wrd9@cam.local/x",
                "rtsp://admin:S3cr@Wrd9@cam.local/x", "rtsp:/admin:S3cr/Wrd9@cam.local/x", "admin:S3cr Wrd9@cam.local",
                "rtsp://admin:S3cr%Wrd9@cam.local/x")) {
            Cli.Result result = add("Gate", url);
            assertThat(result.exit()).as(url).isEqualTo(2);
            assertThat(result.err()).as(url).startsWith("watchroom: ").doesNotContain("S3cr").doesNotContain("Wrd9");
        }
        Cli.Result tooLong = add("Gate", "rtsp://admin:S3cr" + "w".repeat(600) + "Wrd9@cam.local/x");
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(tooLong.err()).contains("password").contains("500 characters")
                .doesNotContain("S3cr").doesNotContain("wwww");
        try (Database db = Database.open(data)) {
            assertThat(new CameraStore(db).list()).as("nothing stored").isEmpty();
        }
    }

    @Test
    void theCommandLineStillAddsFileCamerasAnywhere() {
        Path footage = TestMedia.file("vtest.mp4");
        Cli.Result result = add("Lobby", footage + "?loop=1");
        assertThat(result.exit()).as(result.err()).isZero();
        try (Database db = Database.open(data)) {
            Camera lobby = new CameraStore(db).list().getFirst();
            assertThat(lobby.url()).isEqualTo(footage + "?loop=1");
        }
    }
}
