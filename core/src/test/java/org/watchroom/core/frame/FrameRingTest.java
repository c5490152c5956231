package org.watchroom.core.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FrameRingTest {

    /** Every byte of a frame carries the low byte of its sequence number; a torn frame mixes two. */
    private static void fill(ByteBuffer pixels, long sequence) {
        byte value = (byte) sequence;
        for (int i = 0; i < pixels.limit(); i++) {
            pixels.put(i, value);
        }
    }

    @Test
    void readersSeeOnlyWholeFramesAndCountWhatTheySkip() throws Exception {
        FrameRing ring = new FrameRing(5, 64, 48);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong torn = new AtomicLong();
        List<FrameRing.Reader> readers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] seen = new long[3];
        for (int r = 0; r < 3; r++) {
            FrameRing.Reader reader = ring.newReader("reader-" + r);
            readers.add(reader);
            int index = r;
            long pauseNanos = r * 200_000L; // reader 0 is fast, the others slow
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
                reader.release();
            }));
        }
        long published = 0;
        long deadline = System.nanoTime() + 1_500_000_000L;
        // at least 1.5 s and 1000 frames (both resolutions, twice): a loaded machine takes longer, never fewer frames
        long giveUp = System.nanoTime() + 30_000_000_000L;
        while ((System.nanoTime() < deadline || published <= 1000) && System.nanoTime() < giveUp) {
            int width = published % 1000 < 500 ? 64 : 80; // resolution changes must work too
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
        assertThat(published).isGreaterThan(1000);
        assertThat(seen[0]).isPositive();
        FrameRing.Reader slow = readers.get(2);
        assertThat(slow.skipped()).as("a slow reader skips frames and counts them").isPositive();
        assertThat(seen[2] + slow.skipped()).isLessThanOrEqualTo(published);
        assertThat(ring.producerDrops()).as("5 slots for 3 readers never starve the producer").isZero();
    }

    @Test
    void steadyStateAllocatesNothing() {
        FrameRing ring = new FrameRing(4, 320, 240);
        FrameRing.Reader reader = ring.newReader("tile");
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Runnable cycle = () -> {
            ByteBuffer pixels = ring.beginWrite(320, 240);
            pixels.put(0, (byte) 1);
            ring.publish(System.nanoTime());
            FrameSlot slot = reader.acquireNewest();
            slot.pixels().get(0);
        };
        for (int i = 0; i < 50_000; i++) { // warm-up: JIT, slot buffers
            cycle.run();
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            cycle.run();
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated for 100 000 frames").isLessThan(4096);
    }

    @Test
    void pinnedSlotIsNeverOverwritten() {
        FrameRing ring = new FrameRing(3, 4, 4);
        FrameRing.Reader reader = ring.newReader("viewer");
        fill(ring.beginWrite(4, 4), 1);
        ring.publish(1);
        FrameSlot held = reader.acquireNewest();
        assertThat(held.sequence()).isEqualTo(1);
        for (int i = 2; i < 50; i++) {
            ByteBuffer pixels = ring.beginWrite(4, 4);
            assertThat(pixels).as("a free slot exists with one pinned").isNotNull();
            fill(pixels, i);
            ring.publish(i);
        }
        assertThat(held.sequence()).isEqualTo(1);
        assertThat(held.pixels().get(0)).isEqualTo((byte) 1);
        FrameSlot newest = reader.acquireNewest();
        assertThat(newest.sequence()).isEqualTo(49);
        assertThat(reader.skipped()).isEqualTo(47);
        assertThat(reader.acquireNewest()).as("nothing newer").isNull();
    }

    @Test
    void producerDropsWhenEverySlotIsBusyInsteadOfBlocking() {
        FrameRing ring = new FrameRing(3, 2, 2);
        FrameRing.Reader a = ring.newReader("a");
        FrameRing.Reader b = ring.newReader("b");
        ring.beginWrite(2, 2);
        ring.publish(1);
        a.acquireNewest();
        ring.beginWrite(2, 2);
        ring.publish(2);
        b.acquireNewest();
        // slot of frame 1 pinned by a, slot of frame 2 newest and pinned by b, one slot free
        assertThat(ring.beginWrite(2, 2)).isNotNull();
        ring.publish(3);
        // now: 1 pinned, 2 pinned, 3 newest → nothing free
        assertThat(ring.beginWrite(2, 2)).isNull();
        assertThat(ring.producerDrops()).isEqualTo(1);
    }

    /**
     * A wall tile hands its slot to the render thread, which may still upload it after the tile acquired the
     * next frame; the decoder must not resize (or rewrite) that slot until the tile acquires once more.
     */
    @Test
    void aTrailingReaderKeepsItsPreviousSlotUntilItsNextAcquire() {
        FrameRing ring = new FrameRing(4, 64, 48);
        FrameRing.Reader tile = ring.newTrailingReader("wall");
        ring.beginWrite(64, 48);
        ring.publish(1);
        FrameSlot shown = tile.acquireNewest();
        ring.beginWrite(64, 48);
        ring.publish(2);
        FrameSlot next = tile.acquireNewest();
        assertThat(next).isNotSameAs(shown);

        // the wall shrinks: every frame from now on is smaller, and the producer keeps writing
        for (int frame = 0; frame < 20; frame++) {
            ByteBuffer target = ring.beginWrite(32, 24);
            assertThat(target).as("frame %d gets a slot", frame).isNotNull();
            ring.publish(3 + frame);
            assertThat(shown.width()).as("the slot the render thread may still read keeps its size").isEqualTo(64);
            assertThat(shown.sequence()).isEqualTo(1);
            assertThat(next.width()).isEqualTo(64);
        }
        assertThat(ring.producerDrops()).isZero();

        FrameSlot third = tile.acquireNewest();
        assertThat(third.width()).isEqualTo(32);
        boolean shownRewritten = false;
        for (int frame = 0; frame < 8 && !shownRewritten; frame++) {
            ring.beginWrite(32, 24);
            ring.publish(100 + frame);
            shownRewritten = shown.width() == 32;
        }
        assertThat(shownRewritten).as("two acquires later the first slot is free again").isTrue();
        assertThat(next.width()).as("the one before the newest stays pinned").isEqualTo(64);
        tile.close();
    }

    @Test
    void aPlainReaderLetsGoOfItsPreviousSlotAtOnce() {
        FrameRing ring = new FrameRing(3, 64, 48);
        FrameRing.Reader reader = ring.newReader("detect");
        ring.beginWrite(64, 48);
        ring.publish(1);
        FrameSlot first = reader.acquireNewest();
        ring.beginWrite(64, 48);
        ring.publish(2);
        reader.acquireNewest();
        boolean rewritten = false;
        for (int frame = 0; frame < 4 && !rewritten; frame++) {
            ring.beginWrite(32, 24);
            ring.publish(3 + frame);
            rewritten = first.width() == 32;
        }
        assertThat(rewritten).isTrue();
        reader.close();
    }
}
