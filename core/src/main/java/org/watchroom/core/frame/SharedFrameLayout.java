package org.watchroom.core.frame;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Where things lie in a shared frame file (docs/decisions/0023-shared-memory-frames.md): a header of aligned
 * longs, one 64-byte entry per slot (the metadata of the frame it holds), one 64-byte entry per out-of-process
 * reader (who it is and which slots it pins), then the slots' pixels, each slot page-aligned. Every field is a
 * long read and written through a {@link VarHandle} with volatile semantics, so that a pin and the newest-frame
 * word are ordered across processes exactly as {@link FrameRing}'s atomics are within one.
 *
 * <p>Thread-safety: stateless.
 */
final class SharedFrameLayout {
    static final long MAGIC_VALUE = 0x314D524652574DL; // "WMRFRM1", little-endian-ish marker
    static final long VERSION_VALUE = 1;
    static final int MAX_READERS = 16;
    static final long PAGE = 4096;

    // header fields
    static final long MAGIC = 0;
    static final long VERSION = 8;
    static final long GENERATION = 16;
    static final long SLOT_COUNT = 24;
    static final long SLOT_CAPACITY = 32;
    static final long READER_COUNT = 40;
    static final long WRITER_PID = 48;
    static final long WRITER_START = 56;
    static final long STATE = 64;
    /** The newest slot index and its sequence packed as {@link FrameRing} packs them, -1 before the first. */
    static final long NEWEST = 72;
    static final long PRODUCER_DROPS = 80;
    /** {@link System#currentTimeMillis()} of the last publish: the writer's heartbeat while frames flow. */
    static final long PUBLISHED_MILLIS = 88;
    static final long PIXELS_OFFSET = 96;
    static final long SLOTS = 128;

    // per slot, relative to the slot's entry
    static final long ENTRY = 64;
    static final long WIDTH = 0;
    static final long HEIGHT = 8;
    static final long STRIDE = 16;
    static final long SEQUENCE = 24;
    static final long CAPTURE_NANOS = 32;

    // per reader, relative to the reader's entry
    /** The reader's process id; 0 = a free entry. Claimed by compare-and-set. */
    static final long PID = 0;
    /** The reader process's start, epoch milliseconds (0 = unknown), so a reused pid is not taken for it. */
    static final long START = 8;
    /** Two pin words, slot index + 1 or 0: a reader pins at most two slots (a trailing reader's two). */
    static final long PIN_A = 16;
    static final long PIN_B = 24;
    static final long SKIPPED = 32;
    static final long DISPLAYED = 40;
    /**
     * {@link System#nanoTime()} of the reader's last call (one monotonic clock for all processes on Linux): how a
     * reader whose process the engine cannot see (another user under {@code ProtectProc=invisible}) shows it lives.
     */
    static final long HEARTBEAT = 48;
    /**
     * A random number of the reader that holds the entry: readers in one process share its pid, so this tells a reader
     * that its entry, swept while it was silent, went to another reader of the same process.
     */
    static final long TOKEN = 56;

    static final long STATE_OPEN = 0;
    /** The writer made a new file (a bigger picture, or a new start): readers reopen the path. */
    static final long STATE_REPLACED = 1;
    /** The writer closed the ring and removed the file. */
    static final long STATE_CLOSED = 2;

    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private SharedFrameLayout() {
    }

    static long slotEntry(int index) { return SLOTS + index * ENTRY; }

    static long readerEntry(int slotCount, int reader) { return SLOTS + slotCount * ENTRY + reader * ENTRY; }

    static long pixelsOffset(int slotCount) {
        return roundUp(readerEntry(slotCount, MAX_READERS));
    }

    static long roundUp(long bytes) { return (bytes + PAGE - 1) / PAGE * PAGE; }

    static long fileSize(int slotCount, long capacity) { return pixelsOffset(slotCount) + slotCount * capacity; }

    static long get(MemorySegment segment, long offset) {
        return (long) LONG.getVolatile(segment, offset);
    }

    static void set(MemorySegment segment, long offset, long value) {
        LONG.setVolatile(segment, offset, value);
    }

    static boolean compareAndSet(MemorySegment segment, long offset, long expected, long value) {
        return LONG.compareAndSet(segment, offset, expected, value);
    }

    static long getAndAdd(MemorySegment segment, long offset, long delta) {
        return (long) LONG.getAndAdd(segment, offset, delta);
    }

    static int indexOf(long packed) { return packed < 0 ? -1 : (int) (packed & 0xFF); }

    static long sequenceOf(long packed) { return packed >>> 8; }
}
