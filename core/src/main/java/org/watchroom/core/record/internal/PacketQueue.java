package org.watchroom.core.record.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * A bounded single-producer single-consumer queue of packet references over a pool allocated once: each slot is an
 * {@code AVPacket} made at construction, and {@link #offer} takes a new reference to the caller's packet into the
 * next free slot ({@code av_packet_ref}: the demuxer's buffer is shared, not copied). Nothing is allocated per
 * packet, on the Java heap or natively, besides what FFmpeg does for a packet that has no reference-counted buffer.
 *
 * <p>Bounded by slots and by bytes; a full queue refuses the packet ({@link #offer} returns false) and never
 * waits: the caller (a camera's ingest thread) decides what to drop.
 *
 * <p>Each slot carries the packet's arrival wall time, flags of the producer's choosing, and an attachment (an
 * object handed over with that packet, for rare events such as new stream parameters; null almost always).
 *
 * <p>Thread-safety: one producer thread calls {@link #offer}; one consumer thread calls {@link #peek},
 * {@link #packet} … {@link #release}; {@link #size}, {@link #bytes} from any thread. The head and tail counters are
 * the only shared state and publish the slots (a release write of the tail after the slot is filled, an acquire
 * read before it is used). {@link #free} only after both sides have stopped.
 */
public final class PacketQueue {
    private final AVPacket[] packets;
    private final long[] arrivals;
    private final int[] flags;
    private final int[] sizes;
    private final long[] counts; // a number the producer attaches (e.g. packets dropped just before)
    private final long[] times; // a second time the producer attaches (e.g. when those drops began)
    private final Object[] attachments;
    private final long maxBytes;
    private final AtomicLong head = new AtomicLong(); // next slot the consumer reads
    private final AtomicLong tail = new AtomicLong(); // next slot the producer fills
    private final AtomicLong bytes = new AtomicLong();
    private boolean freed;

    /**
     * @param capacity most packets queued at once
     * @param maxBytes most packet bytes queued at once (a packet larger than this alone is still taken into an
     *                 empty queue, so that a huge keyframe cannot block recording for ever)
     */
    public PacketQueue(int capacity, long maxBytes) {
        if (capacity < 2 || maxBytes < 1) {
            throw new IllegalArgumentException("a packet queue needs room for two packets");
        }
        this.maxBytes = maxBytes;
        packets = new AVPacket[capacity];
        for (int i = 0; i < capacity; i++) {
            packets[i] = av_packet_alloc();
            if (packets[i] == null) {
                throw new OutOfMemoryError("av_packet_alloc failed");
            }
        }
        arrivals = new long[capacity];
        flags = new int[capacity];
        sizes = new int[capacity];
        counts = new long[capacity];
        times = new long[capacity];
        attachments = new Object[capacity];
    }

    public int capacity() { return packets.length; }

    /**
     * Producer: queues a reference to {@code packet}; false (nothing taken) when the queue is full by slots or
     * bytes, or FFmpeg could not reference the packet.
     */
    public boolean offer(AVPacket packet, long arrivalMillis, int flag, Object attachment, long count, long time) {
        long t = tail.get();
        long h = head.get();
        int size = Math.max(0, packet.size());
        long queuedBytes = bytes.get();
        if (t - h >= packets.length || (t != h && queuedBytes + size > maxBytes)) {
            return false;
        }
        int slot = (int) (t % packets.length);
        if (av_packet_ref(packets[slot], packet) < 0) {
            return false;
        }
        arrivals[slot] = arrivalMillis;
        flags[slot] = flag;
        sizes[slot] = size;
        counts[slot] = count;
        times[slot] = time;
        attachments[slot] = attachment;
        bytes.addAndGet(size);
        tail.lazySet(t + 1); // release: the slot's fields are visible before the new tail
        return true;
    }

    /** Consumer: the slot of the oldest packet, or -1 when the queue is empty. */
    public int peek() {
        long h = head.get();
        return h == tail.get() ? -1 : (int) (h % packets.length);
    }

    public AVPacket packet(int slot) { return packets[slot]; }

    public long arrivalMillis(int slot) { return arrivals[slot]; }

    public int flags(int slot) { return flags[slot]; }

    public long count(int slot) { return counts[slot]; }

    public long time(int slot) { return times[slot]; }

    /** The slot's attachment, cleared: the consumer owns it from now on. */
    public Object takeAttachment(int slot) {
        Object a = attachments[slot];
        attachments[slot] = null;
        return a;
    }

    /** Consumer: drops the reference in the oldest slot and frees the slot for the producer. */
    public void release(int slot) {
        av_packet_unref(packets[slot]);
        attachments[slot] = null;
        bytes.addAndGet(-sizes[slot]);
        head.lazySet(head.get() + 1);
    }

    public boolean isEmpty() { return head.get() == tail.get(); }

    /** Packets queued now. */
    public int size() { return (int) (tail.get() - head.get()); }

    /** Packet bytes queued now. */
    public long bytes() { return bytes.get(); }

    /**
     * Frees every reference still queued and the pool; call once both threads are done. Returns the attachments
     * still queued so that the caller can free what they own.
     */
    public synchronized List<Object> free() {
        List<Object> left = new ArrayList<>();
        if (freed) {
            return left;
        }
        freed = true;
        for (int slot = peek(); slot >= 0; slot = peek()) {
            Object a = takeAttachment(slot);
            if (a != null) {
                left.add(a);
            }
            release(slot);
        }
        for (AVPacket p : packets) {
            av_packet_free(p);
        }
        return left;
    }
}
