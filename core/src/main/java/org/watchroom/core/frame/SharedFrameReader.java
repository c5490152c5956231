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
import static org.watchroom.core.frame.SharedFrameLayout.PRODUCER_DROPS;
import static org.watchroom.core.frame.SharedFrameLayout.SEQUENCE;
import static org.watchroom.core.frame.SharedFrameLayout.SKIPPED;
import static org.watchroom.core.frame.SharedFrameLayout.SLOT_CAPACITY;
import static org.watchroom.core.frame.SharedFrameLayout.SLOT_COUNT;
import static org.watchroom.core.frame.SharedFrameLayout.START;
import static org.watchroom.core.frame.SharedFrameLayout.STATE;
import static org.watchroom.core.frame.SharedFrameLayout.STATE_OPEN;
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
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A reader of a {@link FrameRing#shared shared} ring in another process (the workstation reading the engine's
 * camera): the same contract as {@link FrameRing.Reader}, newest frame only, skipped frames counted, a trailing
 * variant, and the same {@link FrameSlot}s, whose pixels are the file's memory itself (no copy), mapped read-only:
 * a JavaFX {@code PixelBuffer} can wrap them as they are.
 *
 * <p>It pins slots in its entry of the file's reader table; the producer never writes a pinned slot, and takes
 * the pins back if this process dies. When the engine replaces the file (a bigger picture, or a restart after a
 * crash) or closes it, {@link #acquireNewest()} returns {@code null} and reopens the path (every 200 ms at most)
 * until a live file is there again; slots handed out before stay valid (their mapping is freed by the garbage
 * collector once unreferenced).
 *
 * <p>Thread-safety: one thread per reader, like {@link FrameRing.Reader}.
 */
public final class SharedFrameReader implements FrameReader {
    private static final long REOPEN_NANOS = 200_000_000L;

    private final Path path;
    private final String name;
    private final boolean trailing;
    private Mapping mapping;
    private FrameSlot held;
    /** This reader's own number in its entry ({@link SharedFrameLayout#TOKEN}). */
    private final long token;
    private long heldPin;
    /** The pin word of a trailing reader's slot before {@link #held}, still pinned; always 0 for a plain reader. */
    private long previousPin;
    private long lastSequence;
    private long skipped;
    private long displayed;
    private long lastReopen;
    private boolean closed;

    /** One generation of the file, mapped: the header read-write (pins), the pixels read-only. */
    private record Mapping(MemorySegment header, FrameSlot[] slots, long capacity, long entry, long generation) {
    }

    private SharedFrameReader(Path path, String name, boolean trailing, Mapping mapping, long token) {
        this.token = token;
        this.path = path;
        this.name = name;
        this.trailing = trailing;
        this.mapping = mapping;
    }

    /** A reader of the file at {@code path}; {@code trailing} as {@link FrameRing#newTrailingReader}. */
    public static SharedFrameReader open(Path path, String name, boolean trailing) throws IOException {
        long token = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        return new SharedFrameReader(path, name, trailing, map(path, token), token);
    }

    private static Mapping map(Path path, long token) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < SharedFrameLayout.PAGE) {
                throw new IOException(path + " is not a frame file (" + size + " bytes)");
            }
            MemorySegment first = channel.map(FileChannel.MapMode.READ_ONLY, 0, SharedFrameLayout.PAGE, Arena.ofAuto());
            if (SharedFrameLayout.get(first, MAGIC) != MAGIC_VALUE || SharedFrameLayout.get(first, VERSION) != VERSION_VALUE) {
                throw new IOException(path + " is not a frame file of this version");
            }
            long slotCount = SharedFrameLayout.get(first, SLOT_COUNT);
            long capacity = SharedFrameLayout.get(first, SLOT_CAPACITY);
            if (slotCount < 3 || slotCount > 255 || capacity <= 0
                    || SharedFrameLayout.fileSize((int) slotCount, capacity) != size) {
                throw new IOException(path + " has a damaged header");
            }
            int slots = (int) slotCount;
            long pixels = SharedFrameLayout.pixelsOffset(slots);
            // Arena.ofAuto: a slot handed to the render thread may outlive this reader's use of the generation
            MemorySegment header = channel.map(FileChannel.MapMode.READ_WRITE, 0, pixels, Arena.ofAuto());
            MemorySegment data = channel.map(FileChannel.MapMode.READ_ONLY, pixels, size - pixels, Arena.ofAuto());
            FrameSlot[] views = new FrameSlot[slots];
            for (int i = 0; i < slots; i++) {
                views[i] = new FrameSlot(i, data.asSlice(i * capacity, capacity).asByteBuffer().order(ByteOrder.nativeOrder()));
            }
            return new Mapping(header, views, capacity, register(path, header, slots, token),
                    SharedFrameLayout.get(header, GENERATION));
        }
    }

    /** Claims a free entry of the reader table; returns its offset. */
    private static long register(Path path, MemorySegment header, int slotCount, long token) throws IOException {
        for (int r = 0; r < MAX_READERS; r++) {
            long entry = SharedFrameLayout.readerEntry(slotCount, r);
            if (SharedFrameLayout.compareAndSet(header, entry + PID, 0, SharedFrameFile.SELF_PID)) {
                SharedFrameLayout.set(header, entry + PIN_A, 0);
                SharedFrameLayout.set(header, entry + PIN_B, 0);
                SharedFrameLayout.set(header, entry + SKIPPED, 0);
                SharedFrameLayout.set(header, entry + DISPLAYED, 0);
                SharedFrameLayout.set(header, entry + HEARTBEAT, System.nanoTime());
                SharedFrameLayout.set(header, entry + START, SharedFrameFile.SELF_START);
                SharedFrameLayout.set(header, entry + TOKEN, token);
                return entry;
            }
        }
        throw new IOException(path + " already has " + MAX_READERS + " readers");
    }

    /** Gives the entry back, if it is still this reader's (a swept one may be another reader's by now). */
    private void unregister(Mapping m) {
        if (!ownsEntry(m)) {
            return;
        }
        SharedFrameLayout.set(m.header, m.entry + TOKEN, 0);
        SharedFrameLayout.set(m.header, m.entry + PIN_A, 0);
        SharedFrameLayout.set(m.header, m.entry + PIN_B, 0);
        SharedFrameLayout.set(m.header, m.entry + START, 0);
        SharedFrameLayout.compareAndSet(m.header, m.entry + PID, SharedFrameFile.SELF_PID, 0);
    }

    @Override
    public String name() { return name; }

    @Override
    public FrameSlot acquireNewest() {
        Mapping m = mapping;
        if (closed) {
            return null;
        }
        if (SharedFrameLayout.get(m.header, STATE) != STATE_OPEN) {
            m = reopen();
            if (m == null) {
                return null;
            }
        }
        if (!ownsEntry(m)) {
            m = reclaimEntry(m);
            if (m == null) {
                return null;
            }
        }
        MemorySegment header = m.header;
        SharedFrameLayout.set(header, m.entry + HEARTBEAT, System.nanoTime());
        while (true) {
            long packed = SharedFrameLayout.get(header, NEWEST);
            if (packed < 0 || SharedFrameLayout.sequenceOf(packed) <= lastSequence) {
                return null;
            }
            // as FrameRing.Reader: let go of the old frame first, so that slots >= pins + 2 holds across processes
            if (trailing) {
                unpin(previousPin);
                previousPin = 0;
            } else {
                release();
            }
            long pin = heldPin == PIN_A ? PIN_B : PIN_A;
            int index = SharedFrameLayout.indexOf(packed);
            SharedFrameLayout.set(header, m.entry + pin, index + 1L);
            // the producer never starts writing the newest slot and reads our pin before it picks one (both
            // volatile), so a slot still newest after pinning stays untouched until we unpin it
            if (SharedFrameLayout.get(header, NEWEST) == packed) {
                long slotEntry = SharedFrameLayout.slotEntry(index);
                long width = SharedFrameLayout.get(header, slotEntry + WIDTH);
                long height = SharedFrameLayout.get(header, slotEntry + HEIGHT);
                long stride = SharedFrameLayout.get(header, slotEntry + STRIDE);
                long sequence = SharedFrameLayout.get(header, slotEntry + SEQUENCE);
                if (width <= 0 || height <= 0 || stride < width * 4 || stride * height > m.capacity) {
                    SharedFrameLayout.set(header, m.entry + pin, 0);
                    return null; // a damaged entry: never hand out memory outside the slot
                }
                FrameSlot slot = m.slots[index];
                slot.show((int) width, (int) height, (int) stride, sequence,
                        SharedFrameLayout.get(header, slotEntry + CAPTURE_NANOS));
                if (lastSequence > 0 && sequence > lastSequence + 1) {
                    skipped += sequence - lastSequence - 1;
                    SharedFrameLayout.set(header, m.entry + SKIPPED, skipped);
                }
                lastSequence = sequence;
                displayed++;
                SharedFrameLayout.set(header, m.entry + DISPLAYED, displayed);
                if (trailing) {
                    previousPin = heldPin;
                }
                held = slot;
                heldPin = pin;
                return slot;
            }
            SharedFrameLayout.set(header, m.entry + pin, 0);
        }
    }

    /** Whether the entry this reader registered in is still its own (not swept while it was silent). */
    private boolean ownsEntry(Mapping m) {
        // the token alone: a sweep clears it before it frees the entry, and whoever claims the entry next writes its own
        return SharedFrameLayout.get(m.header, m.entry + TOKEN) == token;
    }

    /**
     * The engine swept this reader's entry while it was silent (a tile not shown for a while, where the engine cannot
     * see this process): registers again, its pins gone with the old entry. Null when no entry is free.
     */
    private Mapping reclaimEntry(Mapping m) {
        long entry;
        try {
            entry = register(path, m.header, m.slots.length, token);
        } catch (IOException full) {
            return null;
        }
        held = null;
        heldPin = 0;
        previousPin = 0;
        mapping = new Mapping(m.header, m.slots, m.capacity, entry, m.generation);
        return mapping;
    }

    /** Switches to the file now at the path, if it is a live one; null while there is none (rate-limited). */
    private Mapping reopen() {
        long now = System.nanoTime();
        if (lastReopen != 0 && now - lastReopen < REOPEN_NANOS) {
            return null;
        }
        lastReopen = now;
        Mapping next;
        try {
            next = map(path, token);
        } catch (IOException e) {
            return null; // no file (the engine is restarting) or a half-made one: try again later
        }
        if (SharedFrameLayout.get(next.header, STATE) != STATE_OPEN) {
            unregister(next);
            return null;
        }
        unregister(mapping); // the old generation is not written any more: its pins protect nothing
        // slots handed out from the old generation stay readable (their mapping lives while referenced)
        held = null;
        heldPin = 0;
        previousPin = 0;
        lastSequence = 0;
        mapping = next;
        return next;
    }

    /**
     * Tells the engine this reader lives without acquiring anything. Only needed by a reader that holds a pin and
     * stops calling {@link #acquireNewest()} for more than a second or two: where the engine cannot see this
     * process, a reader silent for 3 s loses its pins.
     */
    public void keepAlive() {
        if (!closed && (ownsEntry(mapping) || reclaimEntry(mapping) != null)) {
            SharedFrameLayout.set(mapping.header, mapping.entry + HEARTBEAT, System.nanoTime());
        }
    }

    private void unpin(long pin) {
        if (pin != 0) {
            SharedFrameLayout.set(mapping.header, mapping.entry + pin, 0);
        }
    }

    @Override
    public FrameSlot held() { return held; }

    @Override
    public void release() {
        unpin(heldPin);
        held = null;
        heldPin = 0;
        unpin(previousPin);
        previousPin = 0;
    }

    @Override
    public long skipped() { return skipped; }

    /** Frames this reader acquired. */
    public long displayed() { return displayed; }

    @Override
    public boolean hasNewer() {
        Mapping m = mapping;
        long packed = SharedFrameLayout.get(m.header, NEWEST);
        return packed >= 0 && SharedFrameLayout.sequenceOf(packed) > lastSequence;
    }

    /** The file's generation this reader reads now (it changes when the engine replaces the file). */
    public long generation() {
        return mapping.generation;
    }

    /** Frames the engine dropped because every slot was busy. */
    public long producerDrops() {
        return SharedFrameLayout.get(mapping.header, PRODUCER_DROPS);
    }

    /** Whether the engine process that writes the file still runs. */
    public boolean writerAlive() {
        Mapping m = mapping;
        return SharedFrameLayout.get(m.header, STATE) == STATE_OPEN && SharedFrameFile.alive(
                SharedFrameLayout.get(m.header, WRITER_PID), SharedFrameLayout.get(m.header, WRITER_START));
    }

    public Path path() { return path; }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
        unregister(mapping);
    }
}
