package org.watchroom.core.frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed set of preallocated {@link FrameSlot}s written by one producer (a camera's decode thread) and
 * read by any number of {@link Reader}s (a tile, a detector, a snapshot endpoint).
 *
 * <p>Ownership rules:
 * <ul>
 *   <li>The producer calls {@link #beginWrite(int, int)}, fills the returned buffer, then
 *       {@link #publish(long)}. It only ever writes a slot that is neither the newest published one nor
 *       pinned by a reader, so it never waits and never tears a frame that someone is looking at.</li>
 *   <li>A reader {@link Reader#acquireNewest() acquires} the newest slot (pins it), uses it, and
 *       {@link Reader#release() releases} it. While pinned, the slot's pixels and metadata are stable.
 *       A reader holds at most one slot at a time, except a {@link #newTrailingReader trailing} reader, which
 *       keeps its previous slot pinned too, for a consumer whose pixels are still read by another thread
 *       after it has moved on (the JavaFX render thread uploading a tile's texture).</li>
 *   <li>Drop policy: readers always jump to the newest frame; the frames in between are counted as
 *       skipped for that reader. If every slot is pinned or newest, the producer drops the frame
 *       (counted in {@link #producerDrops()}); with {@code slots >= readers + trailing readers + 2} that
 *       cannot happen.</li>
 * </ul>
 * No allocation happens per frame; a slot's buffer is reallocated only when the picture grows
 * (e.g. a camera reconnects at a higher resolution).
 *
 * <p>A {@link #shared shared} ring keeps its slots in a memory-mapped file that {@link SharedFrameReader}s in other
 * processes read without a copy; its producer also honours their pins (docs/decisions/0023-shared-memory-frames.md).
 * In-process readers work the same on both kinds.
 *
 * <p>Thread-safety: one producer thread; readers on any threads, each {@link Reader} used by one thread.
 * {@link #close()} once, after the producer has stopped.
 */
public final class FrameRing implements AutoCloseable {
    private final FrameSlot[] slots;
    /** Newest published slot index and its sequence, packed so readers see both atomically. */
    private final AtomicLong newest = new AtomicLong(-1);
    private final AtomicLong producerDrops = new AtomicLong();
    private final List<Reader> readers = new CopyOnWriteArrayList<>();
    /** The shared file holding the slots, or null for a ring in this process's memory only. */
    private final SharedFrameFile shared;
    private FrameSlot writing;
    private long nextSequence = 1;
    private int cursor;

    public FrameRing(int slotCount, int initialWidth, int initialHeight) {
        if (slotCount < 3) {
            throw new IllegalArgumentException("a frame ring needs at least 3 slots, got " + slotCount);
        }
        slots = new FrameSlot[slotCount];
        for (int i = 0; i < slotCount; i++) {
            slots[i] = new FrameSlot(i, initialWidth * initialHeight * 4);
        }
        shared = null;
    }

    private FrameRing(SharedFrameFile shared, int slotCount) {
        this.shared = shared;
        slots = new FrameSlot[slotCount];
        for (int i = 0; i < slotCount; i++) {
            slots[i] = new FrameSlot(i, shared.pixels(i, 0));
        }
    }

    /**
     * A ring whose slots live in the file {@code file} (in a folder made by {@link SharedFrameFolder}), sized for
     * {@code maxWidth x maxHeight} pictures; a bigger one makes a new generation of the file. A file left by a
     * crashed engine is replaced. {@link #close()} removes the file.
     */
    public static FrameRing shared(Path file, int slotCount, int maxWidth, int maxHeight, FileAccess access)
            throws IOException {
        if (slotCount < 3) {
            throw new IllegalArgumentException("a frame ring needs at least 3 slots, got " + slotCount);
        }
        return new FrameRing(SharedFrameFile.create(file, slotCount, (long) maxWidth * maxHeight * 4, access), slotCount);
    }

    /**
     * Producer: picks a free slot sized {@code width x height} and returns its pixel buffer to fill,
     * or {@code null} when no slot is free (the frame is dropped and counted).
     */
    public ByteBuffer beginWrite(int width, int height) {
        int newestIndex = newestIndex(newest.get());
        // A reader that read "newest" just before our last publish may pin that slot for a moment and let go
        // when its check fails; such a pin can hop ahead of one scan. It cannot happen twice without another
        // publish, so a second pass finds the slot that readers + 2 guarantees.
        scan:
        for (int pass = 0; pass < 3; pass++) {
            for (int tries = 0; tries < slots.length; tries++) {
                cursor = (cursor + 1) % slots.length;
                FrameSlot slot = slots[cursor];
                if (slot.index() != newestIndex && slot.pins.get() == 0
                        && (shared == null || !shared.pinnedOutside(slot.index()))) {
                    if (shared != null) {
                        ByteBuffer storage = shared.pixels(slot.index(), (long) width * height * 4);
                        if (storage == null) {
                            break scan; // the file could not grow: drop
                        }
                        slot.storage(storage);
                    }
                    writing = slot;
                    return slot.prepare(width, height);
                }
            }
            Thread.onSpinWait();
        }
        long drops = producerDrops.incrementAndGet();
        if (shared != null) {
            shared.dropped(drops);
        }
        writing = null;
        return null;
    }

    /** Producer: makes the slot filled since {@link #beginWrite} the newest frame. */
    public long publish(long captureNanos) {
        if (writing == null) {
            throw new IllegalStateException("publish without a successful beginWrite");
        }
        long sequence = nextSequence++;
        writing.stamp(sequence, captureNanos);
        long packed = pack(writing.index(), sequence);
        if (shared != null) {
            shared.publish(writing, packed);
        }
        newest.set(packed);
        writing = null;
        return sequence;
    }

    /** The sequence of the newest published frame, 0 before the first. */
    public long newestSequence() {
        long packed = newest.get();
        return packed < 0 ? 0 : sequenceOf(packed);
    }

    public long producerDrops() { return producerDrops.get(); }

    public int slotCount() { return slots.length; }

    /** Slot {@code index} itself, for tests in this package (its contents are the producer's while unpinned). */
    FrameSlot slot(int index) { return slots[index]; }

    /** A new reader; {@link Reader#close() close} it when done so it stops counting drops. */
    public Reader newReader(String name) {
        Reader reader = new Reader(name, false);
        readers.add(reader);
        return reader;
    }

    /**
     * A reader that keeps the slot it held before its last {@link Reader#acquireNewest() acquire} pinned until
     * its next one, so a slot handed to another thread stays untouched for one more acquire; it pins up to two
     * slots and counts twice against the ring's size.
     */
    public Reader newTrailingReader(String name) {
        Reader reader = new Reader(name, true);
        readers.add(reader);
        return reader;
    }

    /**
     * Whether anyone reads this ring now, in this process or (a shared ring) in another (allocation-free, for the
     * producer's per-packet check).
     */
    public boolean hasReaders() { return !readers.isEmpty() || (shared != null && shared.hasReaders()); }

    /** The open readers, for statistics. */
    public List<Reader> readers() { return List.copyOf(readers); }

    /** The readers in other processes (of a shared ring; none otherwise), for statistics. Allocates. */
    public List<SharedReaderStats> sharedReaders() { return shared == null ? List.of() : shared.readers(); }

    /** The shared file this ring's slots live in, if it is {@link #shared shared}. */
    public Optional<Path> sharedFile() { return shared == null ? Optional.empty() : Optional.of(shared.path()); }

    /** The shared file's generation (1 at creation, +1 each time the slots had to grow); 0 for an unshared ring. */
    public long sharedGeneration() { return shared == null ? 0 : shared.generation(); }

    /** Readers of processes that died and whose pins this ring took back. */
    public long reclaimedReaders() { return shared == null ? 0 : shared.reclaimed(); }

    /** A shared ring marks its file closed for its readers and removes it; nothing for an unshared one. */
    @Override
    public void close() {
        if (shared != null) {
            shared.close();
        }
    }

    private static long pack(int index, long sequence) { return (sequence << 8) | index; }

    private static int newestIndex(long packed) { return packed < 0 ? -1 : (int) (packed & 0xFF); }

    private static long sequenceOf(long packed) { return packed >>> 8; }

    /** A consumer's view of the ring. Thread-safety: one thread per reader. */
    public final class Reader implements FrameReader {
        private final String name;
        private final boolean trailing;
        private final AtomicLong skipped = new AtomicLong();
        private FrameSlot held;
        /** A trailing reader's slot before {@link #held}, still pinned; always null for a plain reader. */
        private FrameSlot previous;
        private long lastSequence;

        private Reader(String name, boolean trailing) {
            this.name = name;
            this.trailing = trailing;
        }

        @Override
        public String name() { return name; }

        /**
         * Pins and returns the newest frame if it is newer than the last one this reader saw, releasing the
         * previously held slot first; returns {@code null} (and keeps the held slot) when there is nothing new.
         */
        @Override
        public FrameSlot acquireNewest() {
            while (true) {
                long packed = newest.get();
                if (packed < 0 || sequenceOf(packed) <= lastSequence) {
                    return null;
                }
                // Let go of the old frame first: a reader never pins more slots than it is allowed to keep
                // (one, or two for a trailing reader), which is what makes readers + 2 slots enough.
                if (trailing) {
                    unpin(previous);
                    previous = null;
                } else {
                    release();
                }
                FrameSlot slot = slots[newestIndex(packed)];
                slot.pins.incrementAndGet();
                // The producer never starts writing the newest slot, so if it is still newest after pinning,
                // no write can be in progress and none can start until we release it.
                if (newest.get() == packed) {
                    long sequence = sequenceOf(packed);
                    if (lastSequence > 0 && sequence > lastSequence + 1) {
                        skipped.addAndGet(sequence - lastSequence - 1);
                    }
                    lastSequence = sequence;
                    if (trailing) {
                        previous = held;
                    }
                    held = slot;
                    return slot;
                }
                slot.pins.decrementAndGet();
            }
        }

        /** The slot this reader has pinned, or {@code null}. */
        @Override
        public FrameSlot held() { return held; }

        /** Unpins the held slot, if any (and a trailing reader's previous one). */
        @Override
        public void release() {
            unpin(held);
            held = null;
            unpin(previous);
            previous = null;
        }

        private static void unpin(FrameSlot slot) {
            if (slot != null) {
                slot.pins.decrementAndGet();
            }
        }

        /** Frames published while this reader was busy and never shown to it. */
        @Override
        public long skipped() { return skipped.get(); }

        @Override
        public boolean hasNewer() { return newestSequence() > lastSequence; }

        /** Releases the held slot and detaches this reader from the ring. */
        @Override
        public void close() {
            release();
            readers.remove(this);
        }
    }
}
