package org.watchroom.core.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.ConnectionTester;
import org.watchroom.core.detect.FrameSnapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom cameras test}: for scripted installs, opens a stream (and its sub-stream) as the recorder would,
 * and says what it found (resolution, codec, frame rate, a snapshot file) or why it got no picture. Touches no data
 * folder. Exit 0 when every stream given gave pictures, 1 when one did not, 2 for a URL it cannot use.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "test", description = "Open a camera's stream(s) once: resolution, codec, fps and a snapshot, or why not.",
        mixinStandardHelpOptions = true)
final class CamerasTestCommand implements Callable<Integer> {
    /** Snapshots at the stream's own size, up to 8K. */
    private static final int SNAPSHOT_MAX_WIDTH = 7680;
    private static final int SNAPSHOT_MAX_HEIGHT = 4320;

    @ParentCommand CamerasCommand parent;
    @Option(names = "--url", required = true, description = "Main stream URL (user and password may be in it).")
    String url;
    @Option(names = "--sub-url", description = "Lower-resolution stream, tested too.") String subUrl;
    @Option(names = "--rtsp-transport", defaultValue = "tcp", description = "tcp (default) or udp.") String transport;
    @Option(names = "--timeout", defaultValue = "10", description = "Seconds to wait for the first picture (default 10).")
    int timeoutSeconds;
    @Option(names = "--snapshot-dir", description = "Where the snapshots go (default: a new temporary folder).")
    Path snapshotDir;

    @Override
    public Integer call() throws IOException {
        if (!"tcp".equals(transport) && !"udp".equals(transport)) {
            throw new IllegalArgumentException("--rtsp-transport must be tcp or udp, not " + Inputs.quote(transport) + ".");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 120) {
            throw new IllegalArgumentException("--timeout must be 1 to 120 seconds, not " + timeoutSeconds + ".");
        }
        Inputs.refuseControlCharacters("--url", url);
        CameraUrl main = CameraUrl.parse(url);
        CameraUrl sub = null;
        if (subUrl != null) {
            Inputs.refuseControlCharacters("--sub-url", subUrl);
            sub = CameraUrl.parse(subUrl);
        }
        Path folder = snapshotDir != null ? Files.createDirectories(snapshotDir)
                : Files.createTempDirectory("watchroom-camera-test");
        boolean ok = test("Main stream", main, folder.resolve("main.jpg"));
        if (sub != null) {
            ok &= test("Sub-stream", sub, folder.resolve("sub.jpg"));
        }
        return ok ? 0 : 1;
    }

    private boolean test(String what, CameraUrl stream, Path snapshot) {
        ConnectionTester.Result result = ConnectionTester.test(stream, transport, Duration.ofSeconds(timeoutSeconds),
                SNAPSHOT_MAX_WIDTH, SNAPSHOT_MAX_HEIGHT);
        if (!result.ok()) {
            parent.root.err().println(what + " (" + stream.redacted() + "): no picture: " + result.message());
            return false;
        }
        byte[] jpeg = FrameSnapshots.jpegWithBoxes(ByteBuffer.wrap(result.bgra()), result.width(), result.height(),
                result.bgra().length / result.height(), List.of(), result.width(), result.height());
        try {
            Files.write(snapshot, jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException("The snapshot cannot be written to " + snapshot + ": " + e.getMessage(), e);
        }
        parent.out().println(String.format(Locale.ROOT, "%s (%s): %d×%d %s, %.1f fps; snapshot %s", what,
                stream.redacted(), result.streamWidth(), result.streamHeight(), result.codec(), result.fps(),
                snapshot.toAbsolutePath()));
        return true;
    }
}
