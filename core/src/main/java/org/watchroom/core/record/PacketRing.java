package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Clock;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.watchroom.core.camera.PacketListener;
import org.watchroom.core.record.internal.StreamTypes;

/**
 * The encoded video packets of the last {@code preRoll} seconds of one camera, back to the keyframe at or
 * before that point, so that a clip can start before the event that opened it. Only the first video stream
 * is kept (audio is not recorded yet). Each packet is an {@code av_packet_clone} (a new reference to the
 * demuxer's buffer, no copy of the data) and is freed when it leaves the ring; the codec parameters are copied
 * once per connection. Beyond the hard caps on packets and bytes the oldest packets are dropped and counted
 * (a camera with a GOP longer than the cap can still record, from the next keyframe kept).
 *
 * <p>Times are arrival wall times ({@link Clock#millis()}), the same clock the event layer stamps events with.
 * When a reconnect or a loop brings streams whose parameters differ, the ring is emptied: packets of different
 * parameters cannot share one MP4 track.
 *
 * <p>Thread-safety: every method is synchronized; written on the ingest thread, read by a {@link Recorder}
 * when a clip starts (the recorder calls it under its own lock too).
 */
public final class PacketRing implements PacketListener {
    private final long preRollMillis;
    private final long maxBytes;
    private final Clock clock;
    private final AVPacket[] packets;
    private final long[] arrivals;
    private final boolean[] keys;
    @GuardedBy("this")
    private int head;
    @GuardedBy("this")
    private int count;
    @GuardedBy("this")
    private long bytes;
    private final StreamTypes streamTypes = new StreamTypes(); // per connection
    @GuardedBy("this")
    private int videoIndex = -1;
    @GuardedBy("this")
    private StreamParams params;
    @GuardedBy("this")
    private int generation;
    @GuardedBy("this")
    private long added;
    @GuardedBy("this")
    private long freed;
    @GuardedBy("this")
    private long capDrops;

    public PacketRing(RecordSettings settings, Clock clock) {
        this.preRollMillis = settings.preRoll().toMillis();
        this.maxBytes = settings.maxBytes();
        this.clock = clock;
        this.packets = new AVPacket[settings.maxPackets()];
        this.arrivals = new long[settings.maxPackets()];
        this.keys = new boolean[settings.maxPackets()];
    }

    @Override
    public synchronized void onPacket(AVPacket packet, AVStream stream, boolean streamsChanged) {
        offer(packet, stream, streamsChanged, clock.millis());
    }

    /**
     * Keeps a clone of {@code packet} if it belongs to the video stream; returns whether it did.
     * {@code arrivalMillis} is the packet's wall time.
     */
    synchronized boolean offer(AVPacket packet, AVStream stream, boolean streamsChanged, long arrivalMillis) {
        if (streamsChanged) {
            streamTypes.forget();
            videoIndex = -1;
        }
        int index = packet.stream_index();
        if (videoIndex < 0 && isVideo(index, stream)) {
            videoIndex = index;
            adoptStream(stream);
        }
        if (index != videoIndex) {
            return false;
        }
        boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        if (count == 0 && !key) {
            return true; // useless for stream copy: a clip must start on a keyframe; still "video" for the caller
        }
        int size = packet.size();
        while (count > 0 && (count == packets.length || bytes + size > maxBytes)) {
            dropOldest();
            capDrops++;
            dropLeadingNonKeys();
        }
        if (count == 0 && !key) {
            return true;
        }
        AVPacket clone = av_packet_clone(packet);
        if (clone == null) {
            return true; // out of memory: the ring goes on without it
        }
        int slot = (head + count) % packets.length;
        packets[slot] = clone;
        arrivals[slot] = arrivalMillis;
        keys[slot] = key;
        count++;
        bytes += size;
        added++;
        trimToPreRoll(arrivalMillis - preRollMillis);
        return true;
    }

    private boolean isVideo(int index, AVStream stream) {
        return streamTypes.isVideo(index, stream);
    }

    @GuardedBy("this")
    private void adoptStream(AVStream stream) {
        StreamParams next = new StreamParams(stream);
        if (params != null && params.sameAs(next)) {
            next.free(); // same camera after a reconnect or a loop: the packets kept still fit
            return;
        }
        clear();
        if (params != null) {
            params.free(); // a clip writer copies what it needs when it opens
        }
        params = next;
        generation++;
    }

    /** Drops whole GOPs from the head while the next keyframe is itself at or before {@code cutoff}. */
    @GuardedBy("this")
    private void trimToPreRoll(long cutoff) {
        while (true) {
            int next = nextKeyAfterHead();
            if (next < 0 || arrivals[(head + next) % packets.length] > cutoff) {
                return;
            }
            for (int i = 0; i < next; i++) {
                dropOldest();
            }
        }
    }

    /** Offset from head of the first keyframe after the head, or -1. */
    @GuardedBy("this")
    private int nextKeyAfterHead() {
        for (int i = 1; i < count; i++) {
            if (keys[(head + i) % packets.length]) {
                return i;
            }
        }
        return -1;
    }

    @GuardedBy("this")
    private void dropLeadingNonKeys() {
        while (count > 0 && !keys[head]) {
            dropOldest();
        }
    }

    @GuardedBy("this")
    private void dropOldest() {
        AVPacket packet = packets[head];
        bytes -= packet.size();
        av_packet_free(packet);
        packets[head] = null;
        head = (head + 1) % packets.length;
        count--;
        freed++;
    }

    /**
     * Offset of the packet a clip starting at {@code startMillis} (event time minus pre-roll) begins with: the
     * last keyframe that arrived at or before it, else the oldest packet kept (always a keyframe); -1 if empty.
     */
    synchronized int startFor(long startMillis) {
        int found = count > 0 ? 0 : -1;
        for (int i = 1; i < count; i++) {
            int slot = (head + i) % packets.length;
            if (arrivals[slot] > startMillis) {
                break;
            }
            if (keys[slot]) {
                found = i;
            }
        }
        return found;
    }

    /** The packet at {@code offset} from the oldest; still owned by the ring. */
    synchronized AVPacket packet(int offset) { return packets[(head + offset) % packets.length]; }

    synchronized long arrivalMillis(int offset) { return arrivals[(head + offset) % packets.length]; }

    /** Parameters of the video stream kept, or null before the first video packet. */
    synchronized StreamParams params() { return params; }

    /** Changes whenever the ring was emptied for streams with other parameters. */
    synchronized int generation() { return generation; }

    public synchronized int size() { return count; }

    public synchronized long bytes() { return bytes; }

    /** Packets cloned into the ring since it was created. */
    synchronized long added() { return added; }

    /** Packets freed by the ring (pre-roll trimming, caps, stream changes, {@link #clear()}). */
    synchronized long freed() { return freed; }

    /** Packets dropped because a hard cap (packets or bytes) was reached. */
    synchronized long capDrops() { return capDrops; }

    /** Frees every packet kept. */
    public synchronized void clear() {
        while (count > 0) {
            dropOldest();
        }
    }

    /** Frees the packets and the stream parameters. */
    public synchronized void close() {
        clear();
        if (params != null) {
            params.free();
            params = null;
        }
    }
}
