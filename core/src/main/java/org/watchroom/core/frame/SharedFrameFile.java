package org.watchroom.core.frame;

import static org.watchroom.core.frame.SharedFrameLayout.CAPTURE_NANOS;
import static org.watchroom.core.frame.SharedFrameLayout.DISPLAYED;
import static org.watchroom.core.frame.SharedFrameLayout.GENERATION;
import static org.watchroom.core.frame.SharedFrameLayout.HEARTBEAT;
import static org.watchroom.core.frame.SharedFrameLayout.HEIGHT;
import static org.watchroom.core.frame.SharedFrameLayout.MAGIC;
import static org.watchroom.core.frame.SharedFrameLayout.MAGIC_VALUE;
import static org.watchroom.core.frame.SharedFrameLayout.MAX_READERS;
import static org.watchroom.core.frame.SharedFrameLayout.NEWEST;
import static org.watchroom.core.frame.SharedFrameLayout.PID;
import static org.watchroom.core.frame.SharedFrameLayout.PIN_A;
import static org.watchroom.core.frame.SharedFrameLayout.PIN_B;
import static org.watchroom.core.frame.SharedFrameLayout.PIXELS_OFFSET;
import static org.watchroom.core.frame.SharedFrameLayout.PRODUCER_DROPS;
import static org.watchroom.core.frame.SharedFrameLayout.PUBLISHED_MILLIS;
import static org.watchroom.core.frame.SharedFrameLayout.READER_COUNT;
import static org.watchroom.core.frame.SharedFrameLayout.SEQUENCE;
import static org.watchroom.core.frame.SharedFrameLayout.SKIPPED;
import static org.watchroom.core.frame.SharedFrameLayout.SLOT_CAPACITY;
import static org.watchroom.core.frame.SharedFrameLayout.SLOT_COUNT;
import static org.watchroom.core.frame.SharedFrameLayout.START;
import static org.watchroom.core.frame.SharedFrameLayout.STATE;
import static org.watchroom.core.frame.SharedFrameLayout.STATE_CLOSED;
import static org.watchroom.core.frame.SharedFrameLayout.STATE_OPEN;
import static org.watchroom.core.frame.SharedFrameLayout.STATE_REPLACED;
import static org.watchroom.core.frame.SharedFrameLayout.STRIDE;
import static org.watchroom.core.frame.SharedFrameLayout.TOKEN;
import static org.watchroom.core.frame.SharedFrameLayout.VERSION;
import static org.watchroom.core.frame.SharedFrameLayout.VERSION_VALUE;
import static org.watchroom.core.frame.SharedFrameLayout.WIDTH;
import static org.watchroom.core.frame.SharedFrameLayout.WRITER_PID;
import static org.watchroom.core.frame.SharedFrameLayout.WRITER_START;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of a shared frame file: the memory-mapped storage of a {@link FrameRing}'s slots, the mirror of
 * its metadata that {@link SharedFrameReader}s in other processes read, and the reader table whose pins the
 * producer honours. Readers whose process died give their pins back at the next sweep, so a killed workstation
 * never wedges a camera.
 *
 * <p>A picture bigger than the slots makes a new file (the next generation) that atomically replaces the old one
 * at the same path; the old one is marked replaced and its readers reopen the path. Slots still pinned in this
 * process keep the old mapping until they are written again (it is unmapped by the garbage collector once
 * nothing refers to it).
 *
 * <p>Thread-safety: the ring's producer thread calls everything except {@link #readers()} (any thread) and
 * {@link #close()} (once, when the producer has stopped).
 */
final class SharedFrameFile implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedFrameFile.class);
    private static final long SWEEP_NANOS = 250_000_000L;
    /**
     * How often the producer sweeps even when no pin stands in its way: a killed workstation's entry would otherwise
     * stay while the ring has slots to spare, and enough of them would leave no entry for the next workstation.
     */
    private static final long IDLE_SWEEP_NANOS = 2_000_000_000L;
    /** A reader whose process cannot be seen is taken for dead once it has not called in for this long. */
    static final long SILENCE_NANOS = 3_000_000_000L;
    static final long SELF_PID = ProcessHandle.current().pid();
    static final long SELF_START = startMillis(ProcessHandle.current());

    private long lastIdleSweep;

    private final Path path;
    private final FileAccess access;
    private final int slotCount;
    private volatile MemorySegment segment;
    private long capacity;
    private long generation;
    private ByteBuffer[] slices;
    private long lastSweep = System.nanoTime();
    private long reclaimed;

    private SharedFrameFile(Path path, FileAccess access, int slotCount) {
        this.path = path;
        this.access = access;
        this.slotCount = slotCount;
    }

    /**
     * Creates the file at {@code path} (its folder must exist, see {@link SharedFrameFolder}) with slots of at least
     * {@code slotBytes}. A file left there by an engine that is gone is replaced; one whose writer is alive is not.
     */
    static SharedFrameFile create(Path path, int slotCount, long slotBytes, FileAccess access) throws IOException {
        if (slotCount > 255) {
            throw new IllegalArgumentException("at most 255 slots in a shared ring, got " + slotCount);
        }
        long generation = retire(path);
        SharedFrameFile file = new SharedFrameFile(path, access, slotCount);
        file.map(generation + 1, SharedFrameLayout.roundUp(Math.max(slotBytes, 4)), 0);
        return file;
    }

    /** Marks an existing file replaced and returns its generation (0 if none, or unreadable). */
    private static long retire(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofConfined()) {
            if (channel.size() < SharedFrameLayout.PAGE) {
                return 0;
            }
            MemorySegment header = channel.map(FileChannel.MapMode.READ_WRITE, 0, SharedFrameLayout.PAGE, arena);
            if (SharedFrameLayout.get(header, MAGIC) != MAGIC_VALUE) {
                return 0;
            }
            long writer = SharedFrameLayout.get(header, WRITER_PID);
            if (SharedFrameLayout.get(header, STATE) == STATE_OPEN
                    && alive(writer, SharedFrameLayout.get(header, WRITER_START)) && writer != SELF_PID) {
                throw new IOException(path + " is in use by the running process " + writer);
            }
            SharedFrameLayout.set(header, STATE, STATE_REPLACED);
            log.info("Replacing {} left by process {}", path, writer);
            return SharedFrameLayout.get(header, GENERATION);
        }
    }

    /** Makes a new file of generation {@code gen} with slots of {@code slotCapacity} bytes and swaps it in. */
    private void map(long gen, long slotCapacity, long drops) throws IOException {
        Path next = path.resolveSibling(path.getFileName() + ".new");
        Files.deleteIfExists(next);
        long size = SharedFrameLayout.fileSize(slotCount, slotCapacity);
        MemorySegment mapped;
        try (FileChannel channel = FileChannel.open(next, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE), FileAccess.ownerOnlyFile())) {
            Files.setPosixFilePermissions(next, access.filePermissions());
            // Arena.ofAuto: a slot handed to a reader (a JavaFX texture upload) may outlive this generation
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, Arena.ofAuto());
        }
        long pixels = SharedFrameLayout.pixelsOffset(slotCount);
        SharedFrameLayout.set(mapped, VERSION, VERSION_VALUE);
        SharedFrameLayout.set(mapped, GENERATION, gen);
        SharedFrameLayout.set(mapped, SLOT_COUNT, slotCount);
        SharedFrameLayout.set(mapped, SLOT_CAPACITY, slotCapacity);
        SharedFrameLayout.set(mapped, READER_COUNT, MAX_READERS);
        SharedFrameLayout.set(mapped, WRITER_PID, SELF_PID);
        SharedFrameLayout.set(mapped, WRITER_START, SELF_START);
        SharedFrameLayout.set(mapped, STATE, STATE_OPEN);
        SharedFrameLayout.set(mapped, NEWEST, -1);
        SharedFrameLayout.set(mapped, PRODUCER_DROPS, drops);
        SharedFrameLayout.set(mapped, PIXELS_OFFSET, pixels);
        SharedFrameLayout.set(mapped, MAGIC, MAGIC_VALUE);
        ByteBuffer[] buffers = new ByteBuffer[slotCount];
        for (int i = 0; i < slotCount; i++) {
            buffers[i] = mapped.asSlice(pixels + i * slotCapacity, slotCapacity).asByteBuffer().order(ByteOrder.nativeOrder());
        }
        Files.move(next, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MemorySegment old = segment;
        segment = mapped;
        capacity = slotCapacity;
        generation = gen;
        slices = buffers;
        if (old != null) {
            SharedFrameLayout.set(old, STATE, STATE_REPLACED);
        }
    }

    Path path() { return path; }

    long generation() { return generation; }

    long slotCapacity() { return capacity; }

    /**
     * Producer: the pixel storage of slot {@code index} for a picture of {@code needed} bytes, in the current
     * generation; a picture bigger than the slots makes the next generation first. Null if that fails (logged).
     */
    ByteBuffer pixels(int index, long needed) {
        if (needed > capacity) {
            try {
                map(generation + 1, SharedFrameLayout.roundUp(needed), SharedFrameLayout.get(segment, PRODUCER_DROPS));
                log.info("{}: slots grew to {} bytes (generation {})", path, capacity, generation);
            } catch (IOException e) {
                log.warn("{}: cannot grow the shared slots to {} bytes", path, needed, e);
                return null;
            }
        }
        return slices[index];
    }

    /**
     * Producer: whether a reader in another process pins slot {@code index}. Seeing a pin sweeps out dead readers
     * (at most every 250 ms; the check allocates), so a dead reader's pins last at most that long once they matter.
     */
    boolean pinnedOutside(int index) {
        if (!pinned(index)) {
            return false;
        }
        long now = System.nanoTime();
        if (now - lastSweep < SWEEP_NANOS) {
            return true;
        }
        lastSweep = now;
        sweep();
        return pinned(index);
    }

    private boolean pinned(int index) {
        MemorySegment s = segment;
        long pin = index + 1L;
        for (int r = 0; r < MAX_READERS; r++) {
            long entry = SharedFrameLayout.readerEntry(slotCount, r);
            if (SharedFrameLayout.get(s, entry + PIN_A) == pin || SharedFrameLayout.get(s, entry + PIN_B) == pin) {
                return true;
            }
        }
        return false;
    }

    /** Frees the entries (and pins) of readers whose process is gone; returns how many. */
    int sweep() {
        MemorySegment s = segment;
        int freed = 0;
        for (int r = 0; r < MAX_READERS; r++) {
            long entry = SharedFrameLayout.readerEntry(slotCount, r);
            long pid = SharedFrameLayout.get(s, entry + PID);
            if (pid == 0 || readerAlive(pid, SharedFrameLayout.get(s, entry + START),
                    SharedFrameLayout.get(s, entry + HEARTBEAT))) {
                continue;
            }
            SharedFrameLayout.set(s, entry + TOKEN, 0);
            SharedFrameLayout.set(s, entry + PIN_A, 0);
            SharedFrameLayout.set(s, entry + PIN_B, 0);
            SharedFrameLayout.set(s, entry + START, 0);
            if (SharedFrameLayout.compareAndSet(s, entry + PID, pid, 0)) {
                freed++;
                log.info("{}: reader process {} is gone, its pins are released", path, pid);
            }
        }
        reclaimed += freed;
        return freed;
    }

    /** Readers of dead processes swept out so far. */
    long reclaimed() { return reclaimed; }

    /** Producer: mirrors a published slot's metadata, then makes it the newest (after the metadata, for readers). */
    void publish(FrameSlot slot, long packed) {
        MemorySegment s = segment;
        long entry = SharedFrameLayout.slotEntry(slot.index());
        SharedFrameLayout.set(s, entry + WIDTH, slot.width());
        SharedFrameLayout.set(s, entry + HEIGHT, slot.height());
        SharedFrameLayout.set(s, entry + STRIDE, slot.stride());
        SharedFrameLayout.set(s, entry + SEQUENCE, slot.sequence());
        SharedFrameLayout.set(s, entry + CAPTURE_NANOS, slot.captureNanos());
        SharedFrameLayout.set(s, NEWEST, packed);
        SharedFrameLayout.set(s, PUBLISHED_MILLIS, System.currentTimeMillis());
        long now = System.nanoTime();
        if (now - lastIdleSweep >= IDLE_SWEEP_NANOS) { // every 2 s, not per frame: the check allocates
            lastIdleSweep = now;
            sweep();
        }
    }

    void dropped(long total) {
        SharedFrameLayout.set(segment, PRODUCER_DROPS, total);
    }

    /** Whether a reader in another process is registered now (allocation-free). */
    boolean hasReaders() {
        MemorySegment s = segment;
        for (int r = 0; r < MAX_READERS; r++) {
            if (SharedFrameLayout.get(s, SharedFrameLayout.readerEntry(slotCount, r) + PID) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The readers registered now, for statistics (allocates). */
    List<SharedReaderStats> readers() {
        MemorySegment s = segment;
        List<SharedReaderStats> readers = new ArrayList<>();
        for (int r = 0; r < MAX_READERS; r++) {
            long entry = SharedFrameLayout.readerEntry(slotCount, r);
            long pid = SharedFrameLayout.get(s, entry + PID);
            if (pid != 0) {
                readers.add(new SharedReaderStats(pid, SharedFrameLayout.get(s, entry + DISPLAYED),
                        SharedFrameLayout.get(s, entry + SKIPPED)));
            }
        }
        return readers;
    }

    /** Marks the file closed for its readers and removes it. */
    @Override
    public void close() {
        MemorySegment s = segment;
        if (s != null) {
            SharedFrameLayout.set(s, STATE, STATE_CLOSED);
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Cannot remove the shared frame file {}", path, e);
        }
    }

    /**
     * Whether a reader lives: its process runs (and started when its entry says), or, where this process cannot see
     * it (gone, or hidden: {@code ProtectProc=invisible} hides other users' processes from the service), it called
     * in within {@link #SILENCE_NANOS}.
     */
    static boolean readerAlive(long pid, long startMillis, long heartbeatNanos) {
        if (pid == SELF_PID) {
            return true;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return System.nanoTime() - heartbeatNanos < SILENCE_NANOS;
        }
        return handle.get().isAlive() && sameStart(handle.get(), startMillis);
    }

    /** Whether process {@code pid} runs and (where both are known) started when its entry says it did. */
    static boolean alive(long pid, long startMillis) {
        if (pid == SELF_PID) {
            return true;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().isAlive() && sameStart(handle.get(), startMillis);
    }

    private static boolean sameStart(ProcessHandle handle, long startMillis) {
        long start = startMillis(handle);
        // a reused pid belongs to a process that started later; a second's slack for the clock's rounding
        return startMillis == 0 || start == 0 || Math.abs(start - startMillis) < 1000;
    }

    static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }
}
