package org.watchroom.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogTest {
    @TempDir
    Path dir;

    @Test
    void rotatesBySizeAndKeepsAFixedNumberOfFiles() throws Exception {
        try (RotatingLog log = new RotatingLog(dir, 1000, 3)) {
            byte[] line = "[main] INFO camera 'Gate' LIVE .................................................\n"
                    .getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 200; i++) {
                log.write(line, 0, line.length);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("watchroom.1.log", "watchroom.2.log", "watchroom.3.log", "watchroom.log");
        }
        assertThat(Files.size(dir.resolve("watchroom.1.log"))).isLessThanOrEqualTo(1000);
        assertThat(Files.readString(dir.resolve("watchroom.log"))).contains("camera 'Gate' LIVE");
    }

    @Test
    void appendsToTheLogOfTheLastRun() throws Exception {
        try (RotatingLog log = new RotatingLog(dir, 10_000, 3)) {
            log.write("first run\n".getBytes(StandardCharsets.UTF_8));
        }
        try (RotatingLog log = new RotatingLog(dir, 10_000, 3)) {
            log.write("second run\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.readString(dir.resolve("watchroom.log"))).isEqualTo("first run\nsecond run\n");
    }
}
