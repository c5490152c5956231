package org.watchroom.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.testing.TestMedia;

/**
 * A clip cut off by {@code kill -9}: a separate JVM records a looping H.264 file and is killed mid-clip, without
 * a trailer; the fragmented MP4 it leaves must still open and decode up to its last complete fragment.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClipKillTest {
    @TempDir
    Path dir;

    @Test
    void clipCutOffByKillNineStillPlays() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = dir.resolve("stderr.txt");
        Path clips = Files.createDirectories(dir.resolve("clips"));
        Process process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), RecordUntilKilled.class.getName(),
                TestMedia.file("vtest.mp4") + "?loop=1", clips.toString()))
                .redirectError(stderr.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            assertThat(line).as("child output; stderr: %s", Files.readString(stderr)).startsWith("CLIP ");
            Path clip = Path.of(line.substring("CLIP ".length()));
            Thread.sleep(4000);
            assertThat(process.isAlive()).isTrue();
            process.destroyForcibly(); // SIGKILL: no trailer, no shutdown hook
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(clip).exists();
            ClipProbe probe = ClipProbe.of(clip);
            System.out.println("Killed clip: " + Files.size(clip) + " bytes, " + probe);
            assertThat(probe.firstKey()).isTrue();
            assertThat(probe.firstDts()).isZero();
            assertThat(probe.decodedFrames()).as("frames of a 10 fps file").isGreaterThanOrEqualTo(20);
            assertThat(probe.lastSeconds()).isGreaterThanOrEqualTo(2.0);
        } finally {
            process.destroyForcibly();
        }
    }
}
