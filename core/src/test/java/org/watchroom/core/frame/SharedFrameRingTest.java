package org.watchroom.core.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shared ring and {@link SharedFrameReader}s over the same file in this process (real files in /dev/shm). */
class SharedFrameRingTest {
    @TempDir
    Path dataFolder;
    private Path folder;

    @BeforeEach
    void makeFolder() throws IOException {
        folder = SharedFrameFolder.open(dataFolder, FileAccess.OWNER);
    }

    @AfterEach
    void removeFolder() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Every byte of a frame carries the low byte of its sequence number; a torn frame mixes two. */
    private static void fill(ByteBuffer pixels, long sequence) {
        byte value = (byte) sequence;
        for (int i = 0; i < pixels.limit(); i++) {
            pixels.put(i, value);
        }
    }

    private static long publish(FrameRing ring, int width, int height, long sequence) {
        ByteBuffer pixels = ring.beginWrite(width, height);
        assertThat(pixels).as("a free slot for frame %d", sequence).isNotNull();
        fill(pixels, sequence);
        return ring.publish(sequence);
    }

    @Test
    void aReaderWhoseEntryWasSweptWhileSilentRegistersAgainAndNeverFreesAnotherReadersEntry() throws IOException {
        Path file = SharedFrameFolder.file(folder, "cam-swept");
        try (FrameRing ring = FrameRing.shared(file, 6, 64, 48, FileAccess.OWNER)) {
            SharedFrameReader hidden = SharedFrameReader.open(file, "hidden tile", true);
            publish(ring, 64, 48, 1);
            assertThat(hidden.acquireNewest()).isNotNull();
            // the engine swept the entry of a reader it could not see and that was silent (a tile not shown)
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MemorySegment header = channel.map(FileChannel.MapMode.READ_WRITE, 0,
                        SharedFrameLayout.pixelsOffset(6), Arena.ofAuto());
                long entry = SharedFrameLayout.readerEntry(6, 0);
                assertThat(SharedFrameLayout.get(header, entry + SharedFrameLayout.PID))
                        .isEqualTo(ProcessHandle.current().pid());
                SharedFrameLayout.set(header, entry + SharedFrameLayout.TOKEN, 0);
                SharedFrameLayout.set(header, entry + SharedFrameLayout.PIN_A, 0);
                SharedFrameLayout.set(header, entry + SharedFrameLayout.PIN_B, 0);
                SharedFrameLayout.set(header, entry + SharedFrameLayout.PID, 0);
            }
            try (SharedFrameReader shown = SharedFrameReader.open(file, "shown tile", true)) {
                assertThat(ring.sharedReaders()).as("the new tile took the freed entry").hasSize(1);
                publish(ring, 64, 48, 2);
                assertThat(hidden.acquireNewest()).as("shown again: it registers anew").isNotNull();
                assertThat(shown.acquireNewest()).isNotNull();
                assertThat(ring.sharedReaders()).hasSize(2);
                hidden.close();
                assertThat(ring.sharedReaders()).as("closing gives back its own entry, not the other tile's")
                        .hasSize(1);
                publish(ring, 64, 48, 3);
                assertThat(shown.acquireNewest().sequence()).isEqualTo(3);
            }
        }
    }

    @Test
    void aSharedReaderSeesTheNewestFrameAndItsPixels() throws IOException {
        Path file = SharedFrameFolder.file(folder, "cam-1");
        try (FrameRing ring = FrameRing.shared(file, 4, 64, 48, FileAccess.OWNER);
             SharedFrameReader reader = SharedFrameReader.open(file, "tile", false)) {
            assertThat(reader.acquireNewest()).as("nothing published yet").isNull();
            publish(ring, 64, 48, 1);
            publish(ring, 60, 40, 2);
            FrameSlot slot = reader.acquireNewest();
            assertThat(slot.sequence()).isEqualTo(2);
            assertThat(slot.width()).isEqualTo(60);
            assertThat(slot.height()).isEqualTo(40);
            assertThat(slot.stride()).isEqualTo(240);
            assertThat(slot.captureNanos()).isEqualTo(2);
            ByteBuffer pixels = slot.pixels();
            assertThat(pixels.isDirect()).isTrue();
            assertThat(pixels.isReadOnly()).as("the workstation cannot write the engine's frames").isTrue();
            assertThat(pixels.limit()).isEqualTo(240 * 40);
            for (int i = 0; i < pixels.limit(); i++) {
                assertThat(pixels.get(i)).isEqualTo((byte) 2);
            }
            assertThat(reader.acquireNewest()).as("nothing newer").isNull();
            assertThat(reader.hasNewer()).isFalse();
            assertThat(ring.sharedReaders()).singleElement().satisfies(r -> {
                assertThat(r.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(r.displayed()).isEqualTo(1);
            });
        }
    }

    @Test
    void theProducerNeverOverwritesASlotPinnedThroughTheFileAndReadersCountWhatTheySkip() throws IOException {
        Path file = SharedFrameFolder.file(folder, "cam-2");
        try (FrameRing ring = FrameRing.shared(file, 3, 4, 4, FileAccess.OWNER);
             SharedFrameReader reader = SharedFrameReader.open(file, "viewer", false)) {
            publish(ring, 4, 4, 1);
            FrameSlot held = reader.acquireNewest();
            assertThat(held.sequence()).isEqualTo(1);
            for (int i = 2; i < 50; i++) {
                publish(ring, 4, 4, i);
            }
            assertThat(ring.slot(held.index()).sequence()).as("the pinned slot in the engine").isEqualTo(1);
            assertThat(held.pixels().get(0)).isEqualTo((byte) 1);
            FrameSlot newest = reader.acquireNewest();
            assertThat(newest.sequence()).isEqualTo(49);
            assertThat(reader.skipped()).isEqualTo(47);
            assertThat(ring.sharedReaders()).singleElement().satisfies(r -> {
                assertThat(r.skipped()).as("the engine sees the workstation's skipped frames").isEqualTo(47);
                assertThat(r.displayed()).isEqualTo(2);
            });
            assertThat(ring.producerDrops()).isZero();
        }
    }

    @Test
    void theProducerDropsWhenSharedAndLocalReadersPinEverything() throws IOException {
        Path file = SharedFrameFolder.file(folder, "cam-3");
        try (FrameRing ring = FrameRing.shared(file, 3, 2, 2, FileAccess.OWNER);
             SharedFrameReader outside = SharedFrameReader.open(file, "outside", false)) {
            FrameRing.Reader inside = ring.newReader("inside");
            publish(ring, 2, 2, 1);
            outside.acquireNewest();
            publish(ring, 2, 2, 2);
            inside.acquireNewest();
            publish(ring, 2, 2, 3);
            assertThat(ring.beginWrite(2, 2)).isNull();
            assertThat(ring.producerDrops()).isEqualTo(1);
            assertThat(outside.producerDrops()).as("drops are mirrored to the file").isEqualTo(1);
            outside.release();
            assertThat(ring.beginWrite(2, 2)).as("released through the file").isNotNull();
            inside.close();
        }
    }

    @Test
    void aTrailingSharedReaderKeepsItsPreviousSlotUntilItsNextAcquire() throws IOException {
        Path file = SharedFrameFolder.file(folder, "cam-4");
        try (FrameRing ring = FrameRing.shared(file, 4, 64, 48, FileAccess.OWNER);
             SharedFrameReader tile = SharedFrameReader.open(file, "wall", true)) {
            publish(ring, 64, 48, 1);
            FrameSlot shown = tile.acquireNewest();
            publish(ring, 64, 48, 2);
            FrameSlot next = tile.acquireNewest();
            assertThat(next.index()).isNotEqualTo(shown.index());
            for (int frame = 0; frame < 20; frame++) {
                publish(ring, 32, 24, 3 + frame);
                assertThat(ring.slot(shown.index()).sequence()).as("kept for the render thread").isEqualTo(1);
                assertThat(ring.slot(next.index()).sequence()).isEqualTo(2);
            }
            tile.acquireNewest();
            boolean rewritten = false;
            for (int frame = 0; frame < 8 && !rewritten; frame++) {
                publish(ring, 32, 24, 100 + frame);
                rewritten = ring.slot(shown.index()).sequence() != 1;
            }
            assertThat(rewritten).as("two acquires later the first slot is free again").isTrue();
            assertThat(ring.slot(next.index()).sequence()).as("the one before the newest stays pinned").isEqualTo(2);
            assertThat(ring.producerDrops()).isZero();
        }
    }

    @Test
    void aBiggerPictureMakesTheNextGenerationWhichReadersFollow() throws IOException {
        Path file = SharedFrameFolder.file(folder, "cam-5");
        try (FrameRing ring = FrameRing.shared(file, 4, 32, 24, FileAccess.OWNER);
             SharedFrameReader reader = SharedFrameReader.open(file, "tile", true)) {
            FrameRing.Reader local = ring.newReader("detector");
            publish(ring, 32, 24, 1);
            FrameSlot small = reader.acquireNewest();
            FrameSlot localSmall = local.acquireNewest();
            assertThat(ring.sharedGeneration()).isEqualTo(1);

            publish(ring, 64, 48, 2); // the camera reconnected at a higher resolution
            assertThat(ring.sharedGeneration()).isEqualTo(2);
            assertThat(Files.size(file)).isGreaterThanOrEqualTo(4L * 64 * 48 * 4);
            FrameSlot big = reader.acquireNewest();
            assertThat(reader.generation()).isEqualTo(2);
            assertThat(big.width()).isEqualTo(64);
            assertThat(big.sequence()).isEqualTo(2);
            assertThat(big.pixels().get(64 * 48 * 4 - 1)).isEqualTo((byte) 2);
            assertThat(small.pixels().get(0)).as("a slot of the old generation stays readable").isEqualTo((byte) 1);
            assertThat(localSmall.pixels().get(0)).isEqualTo((byte) 1);
            assertThat(local.acquireNewest().width()).as("in-process readers see the new slots").isEqualTo(64);
            for (int i = 3; i < 20; i++) {
                publish(ring, 64, 48, i);
                assertThat(reader.acquireNewest().sequence()).isEqualTo(i);
            }
            assertThat(ring.sharedReaders()).as("the reader registered in the new file").hasSize(1);
            local.close();
        }
    }

    /**
     * The service cannot see the processes of other users ({@code ProtectProc=invisible}): a reader whose pid it
     * cannot find keeps its pins while it calls in, and loses them after 3 s of silence.
     */
    @Test
    void aReaderTheEngineCannotSeeKeepsItsPinsWhileItCallsIn() throws Exception {
        Path file = SharedFrameFolder.file(folder, "cam-10");
        try (FrameRing ring = FrameRing.shared(file, 3, 4, 4, FileAccess.OWNER);
             SharedFrameReader reader = SharedFrameReader.open(file, "hidden", false);
             FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofConfined()) {
            publish(ring, 4, 4, 1);
            FrameSlot held = reader.acquireNewest();
            MemorySegment header = channel.map(FileChannel.MapMode.READ_WRITE, 0, SharedFrameLayout.PAGE, arena);
            long entry = SharedFrameLayout.readerEntry(3, 0);
            long invisible = 1L << 40; // no such pid: ProcessHandle.of finds nothing, as for a hidden process
            assertThat(ProcessHandle.of(invisible)).isEmpty();
            SharedFrameLayout.set(header, entry + SharedFrameLayout.PID, invisible);

            long sequence = 2;
            long until = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < until) { // sweeps run, the reader keeps calling in
                publish(ring, 4, 4, sequence++);
                reader.keepAlive();
                Thread.sleep(20);
            }
            assertThat(ring.slot(held.index()).sequence()).as("pins of a reader that calls in are kept").isEqualTo(1);
            assertThat(ring.reclaimedReaders()).isZero();

            SharedFrameLayout.set(header, entry + SharedFrameLayout.HEARTBEAT,
                    System.nanoTime() - SharedFrameFile.SILENCE_NANOS - 1);
            until = System.nanoTime() + 2_000_000_000L;
            while (ring.reclaimedReaders() == 0 && System.nanoTime() < until) {
                publish(ring, 4, 4, sequence++);
                Thread.sleep(20);
            }
            assertThat(ring.reclaimedReaders()).as("a silent, invisible reader is taken for dead").isEqualTo(1);
            assertThat(ring.sharedReaders()).isEmpty();
        }
    }

    @Test
    void filesAndFolderAreTheOwnersOnly() throws IOException {
        Path file = SharedFrameFolder.file(folder, "cam-6");
        try (FrameRing ring = FrameRing.shared(file, 3, 16, 16, FileAccess.OWNER)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            publish(ring, 64, 64, 1); // bigger than a 4 KiB slot: a new generation is made with the same permissions
            assertThat(ring.sharedGeneration()).isEqualTo(2);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.getOwner(file).getName()).isEqualTo(System.getProperty("user.name"));
        }
        if (Files.isDirectory(Path.of("/dev/shm"))) {
            assertThat(folder).as("memory, not disk").startsWith(Path.of("/dev/shm"));
        }
    }

    @Test
    void theGroupVariantLetsTheGroupInAndNobodyElse() throws IOException {
        Path groupFolder = SharedFrameFolder.prepare(dataFolder.resolve("group"), FileAccess.GROUP);
        Path file = SharedFrameFolder.file(groupFolder, "cam-7");
        try (FrameRing ring = FrameRing.shared(file, 3, 16, 16, FileAccess.GROUP)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(groupFolder))).isEqualTo("rwxr-x---");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-rw----");
            assertThat(ring.sharedFile()).contains(file);
        }
    }

    @Test
    void accessFollowsTheDataFolderAndReadersFindTheEnginesFolder() throws IOException {
        Path data = Files.createDirectory(dataFolder.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(FileAccess.of(data)).as("the service's 0750").isEqualTo(FileAccess.GROUP);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        assertThat(FileAccess.of(data)).isEqualTo(FileAccess.OWNER);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(FileAccess.of(data)).as("open to others: nothing is shared beyond the owner").isEqualTo(FileAccess.OWNER);

        assertThatThrownBy(() -> SharedFrameFolder.forReading(data)).as("no engine yet").isInstanceOf(IOException.class);
        assertThat(SharedFrameFolder.forReading(dataFolder)).as("the folder the engine made").isEqualTo(folder);
        assertThat(folder.getFileName().toString()).startsWith("watchroom-frames-")
                .doesNotContain(System.getProperty("user.name"));
    }

    @Test
    void aFolderThatIsALinkIsRefused() throws IOException {
        Path target = Files.createDirectory(dataFolder.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dataFolder.resolve("link"), target);
        assertThatThrownBy(() -> SharedFrameFolder.prepare(link, FileAccess.OWNER)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a folder");
        assertThatThrownBy(() -> SharedFrameFolder.file(folder, "../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingRemovesTheFileAndAStaleFileIsReplacedOnTheNextStart() throws IOException {
        Path file = SharedFrameFolder.file(folder, "cam-8");
        FrameRing crashed = FrameRing.shared(file, 3, 8, 8, FileAccess.OWNER); // never closed: as if killed
        publish(crashed, 8, 8, 1);
        try (SharedFrameReader reader = SharedFrameReader.open(file, "tile", false)) {
            assertThat(reader.acquireNewest().sequence()).isEqualTo(1);
            assertThat(reader.writerAlive()).isTrue();

            FrameRing restarted = FrameRing.shared(file, 3, 8, 8, FileAccess.OWNER);
            assertThat(restarted.sharedGeneration()).as("after the stale file's generation").isEqualTo(2);
            assertThat(reader.acquireNewest()).as("the replaced file has nothing new").isNull();
            publish(restarted, 8, 8, 1);
            FrameSlot slot = reader.acquireNewest();
            assertThat(slot).as("the reader followed the new file").isNotNull();
            assertThat(slot.sequence()).isEqualTo(1);
            assertThat(reader.generation()).isEqualTo(2);

            restarted.close();
            assertThat(file).doesNotExist();
            assertThat(Files.exists(file.resolveSibling(file.getFileName() + ".new"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThat(reader.writerAlive()).isFalse();
            assertThat(reader.acquireNewest()).isNull();
        }
    }

    @Test
    void sharedReadersOnOtherThreadsSeeOnlyWholeFrames() throws Exception {
        Path file = SharedFrameFolder.file(folder, "cam-9");
        try (FrameRing ring = FrameRing.shared(file, 6, 80, 48, FileAccess.OWNER)) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong torn = new AtomicLong();
            List<SharedFrameReader> readers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            long[] seen = new long[3];
            for (int r = 0; r < 3; r++) {
                SharedFrameReader reader = SharedFrameReader.open(file, "reader-" + r, r == 2);
                readers.add(reader);
                int index = r;
                long pauseNanos = r * 200_000L;
                threads.add(Thread.ofPlatform().start(() -> {
                    while (running.get()) {
                        FrameSlot slot = reader.acquireNewest();
                        if (slot == null) {
                            Thread.onSpinWait();
                            continue;
                        }
                        byte expected = (byte) slot.sequence();
                        ByteBuffer pixels = slot.pixels();
                        for (int i = 0; i < slot.stride() * slot.height(); i += 7) {
                            if (pixels.get(i) != expected) {
                                torn.incrementAndGet();
                                break;
                            }
                        }
                        seen[index]++;
                        long until = System.nanoTime() + pauseNanos;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    }
                    reader.close();
                }));
            }
            long published = 0;
            long deadline = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < deadline) {
                int width = published % 1000 < 500 ? 64 : 80;
                ByteBuffer pixels = ring.beginWrite(width, 48);
                if (pixels == null) {
                    continue;
                }
                fill(pixels, published + 1);
                published = ring.publish(System.nanoTime());
            }
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(torn.get()).as("torn frames").isZero();
            assertThat(published).as("enough frames to race the readers, even on a loaded machine").isGreaterThan(200);
            assertThat(seen[0]).isPositive();
            assertThat(readers.get(1).skipped()).isPositive();
            assertThat(ring.producerDrops()).as("6 slots for 2 readers and a trailing one").isZero();
            assertThat(ring.sharedReaders()).as("closed readers leave the table").isEmpty();
        }
    }
}
