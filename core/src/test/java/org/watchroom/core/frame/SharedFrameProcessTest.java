package org.watchroom.core.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.testing.SlowTest;

/**
 * The engine and the workstation in two real JVMs, sharing frames through /dev/shm ({@link SharedFrameChild}).
 * Slow: two JVM starts and a 3 s silence before a killed reader's pins go.
 */
@SlowTest
class SharedFrameProcessTest {
    @TempDir
    Path dataFolder;
    private Path folder;
    private Path stderr;

    @BeforeEach
    void makeFolder() throws IOException {
        folder = SharedFrameFolder.open(dataFolder, FileAccess.OWNER);
        stderr = dataFolder.resolve("child-stderr.txt");
    }

    @AfterEach
    void removeFolder() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Process child(String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), SharedFrameChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    private String line(BufferedReader out) throws Exception {
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        assertThat(line).as("child output; stderr: %s", Files.readString(stderr)).isNotNull();
        return line;
    }

    @Test
    void framesWrittenByAnotherProcessArriveWholeAndInOrder() throws Exception {
        Path file = SharedFrameFolder.file(folder, "engine-cam");
        Process engine = child("write", file.toString(), "320", "240");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8));
            assertThat(line(out)).isEqualTo("READY");
            long first = 0;
            long last = 0;
            long frames = 0;
            long wrongBytes = 0;
            try (SharedFrameReader reader = SharedFrameReader.open(file, "workstation", true)) {
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (frames < 200 && System.nanoTime() < deadline) {
                    FrameSlot slot = reader.acquireNewest();
                    if (slot == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    assertThat(slot.sequence()).isGreaterThan(last);
                    assertThat(slot.width()).isEqualTo(320);
                    assertThat(slot.height()).isEqualTo(240);
                    first = first == 0 ? slot.sequence() : first;
                    last = slot.sequence();
                    frames++;
                    ByteBuffer pixels = slot.pixels();
                    for (int i = 0; i < slot.stride() * slot.height(); i++) {
                        if (pixels.get(i) != SharedFrameChild.expected(last, i)) {
                            wrongBytes++;
                        }
                    }
                    if (frames % 3 == 0) {
                        Thread.sleep(5); // a slow consumer now and then: it skips frames, and counts them
                    }
                }
                assertThat(frames).as("frames read from the other process").isEqualTo(200);
                assertThat(wrongBytes).as("bytes that differ from what the writer wrote (torn frames)").isZero();
                assertThat(reader.skipped()).as("skipped = published - shown between the first and the last")
                        .isEqualTo(last - first + 1 - frames);
                assertThat(reader.writerAlive()).isTrue();

                engine.getOutputStream().close(); // the engine stops the camera
                assertThat(line(out)).isEqualTo("CLOSED");
                assertThat(engine.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(file).as("the engine removed its file").doesNotExist();
                assertThat(reader.acquireNewest()).isNull();
                assertThat(reader.writerAlive()).isFalse();
            }
        } finally {
            engine.destroyForcibly();
        }
    }

    @Test
    void aKilledReaderLeavesNoEntryBehindEvenWhenTheRingHasSlotsToSpare() throws Exception {
        Path file = SharedFrameFolder.file(folder, "roomy");
        try (FrameRing ring = FrameRing.shared(file, 8, 64, 48, FileAccess.OWNER)) {
            ring.beginWrite(64, 48).put(0, (byte) 1);
            ring.publish(1);
            Process workstation = child("read", file.toString());
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(workstation.getInputStream(), StandardCharsets.UTF_8));
                assertThat(line(out)).startsWith("PINNED");
                assertThat(ring.sharedReaders()).hasSize(1);
            } finally {
                workstation.destroyForcibly(); // SIGKILL while pinning
            }
            assertThat(workstation.waitFor(10, TimeUnit.SECONDS)).isTrue();
            // 8 slots: its pins never stand in the producer's way, so only the periodic sweep frees its entry
            long deadline = System.nanoTime() + 15_000_000_000L;
            long sequence = 2;
            while (!ring.sharedReaders().isEmpty() && System.nanoTime() < deadline) {
                assertThat(ring.beginWrite(64, 48)).isNotNull();
                ring.publish(sequence++);
                Thread.sleep(20);
            }
            assertThat(ring.sharedReaders()).as("the dead reader's entry is free again").isEmpty();
            assertThat(ring.reclaimedReaders()).isEqualTo(1);
        }
    }

    @Test
    void aKilledReaderProcessDoesNotWedgeTheCamera() throws Exception {
        Path file = SharedFrameFolder.file(folder, "cam");
        try (FrameRing ring = FrameRing.shared(file, 3, 64, 48, FileAccess.OWNER)) {
            ring.beginWrite(64, 48).put(0, (byte) 1);
            ring.publish(1);
            Process workstation = child("read", file.toString());
            int pinned;
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(workstation.getInputStream(), StandardCharsets.UTF_8));
                String[] said = line(out).split(" ");
                assertThat(said[0]).isEqualTo("PINNED");
                assertThat(said[2]).isEqualTo("1");
                pinned = Integer.parseInt(said[1]);
                assertThat(ring.sharedReaders()).singleElement()
                        .satisfies(r -> assertThat(r.pid()).isEqualTo(workstation.pid()));
                for (int i = 2; i < 100; i++) {
                    assertThat(ring.beginWrite(64, 48)).as("one slot stays free").isNotNull();
                    ring.publish(i);
                    assertThat(ring.slot(pinned).sequence()).as("the other process's pin is honoured").isEqualTo(1);
                }
            } finally {
                workstation.destroyForcibly(); // SIGKILL: no chance to unpin
            }
            assertThat(workstation.waitFor(10, TimeUnit.SECONDS)).isTrue();

            // a reaped process cannot be told from a hidden one: its pins go once it has been silent for 3 s
            long deadline = System.nanoTime() + 10_000_000_000L;
            long sequence = 100;
            while (ring.slot(pinned).sequence() == 1 && System.nanoTime() < deadline) {
                assertThat(ring.beginWrite(64, 48)).isNotNull();
                ring.publish(sequence++);
                Thread.sleep(10);
            }
            assertThat(ring.slot(pinned).sequence()).as("the dead reader's slot is written again").isNotEqualTo(1);
            assertThat(ring.reclaimedReaders()).isEqualTo(1);
            assertThat(ring.sharedReaders()).isEmpty();
            assertThat(ring.producerDrops()).isZero();
        }
    }
}
