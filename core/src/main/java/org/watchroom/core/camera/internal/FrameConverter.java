package org.watchroom.core.camera.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.watchroom.core.media.BgraScaler;

/**
 * The second stage of a camera's pipeline: a platform thread that takes decoded frames from the ingest thread
 * and converts them (swscale into the frame ring) while the ingest thread decodes the next one, like the
 * ffmpeg CLI's decoder and filter threads.
 *
 * <p>Hand-off: a one-frame slot. {@link #submit} moves the decoder's frame into the slot by reference
 * ({@code av_frame_move_ref}: no pixel copy, no allocation); the converter thread moves it on into its own
 * working frame and frees the slot before converting, so at most three frames are in flight (being decoded,
 * waiting, being converted). When the slot is still full, {@link #submit} waits (backpressure, nothing is
 * dropped), in bounded steps that give up as soon as {@link #close()} was called or {@code keepRunning}
 * turns false. The monitor (synchronized / wait / notifyAll) is used rather than a {@code ReentrantLock}
 * because AQS conditions allocate a node per wait, and the steady state must allocate nothing.
 *
 * <p>Thread-safety: {@link #submit}, {@link #awaitIdle} and {@link #discardPending} from the one ingest thread;
 * {@link #close()} and {@link #wake()} from any thread. The {@link Handler} runs on the converter thread only.
 */
public final class FrameConverter implements AutoCloseable {
    /** Converts one frame; runs on the converter thread. */
    public interface Handler {
        /** {@code decodeNanos}: the ingest thread's time to decode this frame. */
        void convert(AVFrame frame, BgraScaler scaler, long decodeNanos);
    }

    private static final long WAIT_STEP_MILLIS = 50;

    private final Handler handler;
    private final BooleanSupplier keepRunning;
    private final BgraScaler scaler;
    private final AVFrame pending = av_frame_alloc();
    private final AVFrame working = av_frame_alloc();
    private final Thread thread;
    @GuardedBy("this")
    private boolean pendingFull;
    @GuardedBy("this")
    private long pendingDecodeNanos;
    @GuardedBy("this")
    private boolean busy;
    @GuardedBy("this")
    private boolean closed;
    @GuardedBy("this")
    private boolean framesFreed;
    @GuardedBy("this")
    private Throwable crash;

    public FrameConverter(String threadName, int ringSlots, Handler handler, BooleanSupplier keepRunning) {
        this.handler = handler;
        this.keepRunning = keepRunning;
        this.scaler = new BgraScaler(ringSlots);
        this.thread = Thread.ofPlatform().name(threadName).daemon().start(this::run);
    }

    public Thread thread() { return thread; }

    /**
     * Moves {@code decoded}'s picture into the slot (leaving {@code decoded} empty), waiting while the slot is
     * full. Returns false, leaving {@code decoded} as it was, when the converter was closed or
     * {@code keepRunning} turned false; throws when the converter thread crashed.
     */
    public boolean submit(AVFrame decoded, long decodeNanos) {
        synchronized (this) {
            while (pendingFull && !closed && keepRunning.getAsBoolean()) {
                waitStep();
            }
            rethrowCrash();
            if (closed || !keepRunning.getAsBoolean()) {
                return false;
            }
            av_frame_move_ref(pending, decoded);
            pendingDecodeNanos = decodeNanos;
            pendingFull = true;
            notifyAll();
            return true;
        }
    }

    /** Waits until every submitted frame is converted (or the converter closed / keepRunning turned false). */
    public void awaitIdle() {
        synchronized (this) {
            while ((pendingFull || busy) && !closed && keepRunning.getAsBoolean()) {
                waitStep();
            }
            rethrowCrash();
        }
    }

    /** Drops the frame waiting in the slot (a stale picture of a connection that failed). */
    public void discardPending() {
        synchronized (this) {
            if (pendingFull && !framesFreed) {
                av_frame_unref(pending);
                pendingFull = false;
                notifyAll();
            }
        }
    }

    /** Wakes a waiting {@link #submit} / {@link #awaitIdle} so that it re-checks {@code keepRunning}. */
    public void wake() {
        synchronized (this) {
            notifyAll();
        }
    }

    /** Stops the converter thread and waits for it (it frees its frames and the scaler on its way out). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (true) {
                long decodeNanos;
                synchronized (this) {
                    busy = false;
                    notifyAll(); // awaitIdle
                    while (!pendingFull && !closed) {
                        waitStep();
                    }
                    if (closed) {
                        return;
                    }
                    av_frame_move_ref(working, pending);
                    decodeNanos = pendingDecodeNanos;
                    pendingFull = false;
                    busy = true;
                    notifyAll(); // submit
                }
                try {
                    handler.convert(working, scaler, decodeNanos);
                } finally {
                    av_frame_unref(working);
                }
            }
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                crash = e;
                closed = true;
                notifyAll();
            }
        } finally {
            synchronized (this) {
                busy = false;
                pendingFull = false;
                framesFreed = true;
                av_frame_free(pending);
                av_frame_free(working);
                notifyAll();
            }
            scaler.close();
        }
    }

    @GuardedBy("this")
    @SuppressWarnings("WaitNotInLoop") // one step of the callers' loops, which re-check their condition
    private void waitStep() {
        try {
            wait(WAIT_STEP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true; // an interrupted pipeline stops rather than spin
        }
    }

    @GuardedBy("this")
    private void rethrowCrash() {
        if (crash != null) {
            throw new IllegalStateException("frame converter crashed: " + crash, crash);
        }
    }
}
