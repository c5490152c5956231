package org.watchroom.core.camera;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.redaction.Redaction;

/**
 * "Test connection": opens a camera once, waits for the first decoded frame or the first failure, and returns a
 * small thumbnail or the reason in words. Blocks: call it off the UI thread.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class ConnectionTester {

    /**
     * @param ok whether a frame arrived
     * @param message "Connected: 1280×720 h264" or the failure reason (never with a password)
     * @param width thumbnail width (0 when not ok)
     * @param height thumbnail height
     * @param bgra thumbnail pixels, BGRA premultiplied, packed rows (empty when not ok)
     */
    public record Result(boolean ok, String message, int width, int height, byte[] bgra) {
        static Result failed(String message) {
            return new Result(false, message, 0, 0, new byte[0]);
        }
    }

    private ConnectionTester() {
    }

    public static Result test(CameraUrl url, String rtspTransport, Duration timeout) {
        SourceOptions options = SourceOptions.defaults().withMaxSize(320, 180).withRtspTransport(rtspTransport)
                .withIoTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5));
        CompletableFuture<String> outcome = new CompletableFuture<>();
        try (CameraSource source = new CameraSource("connection test", url, options)) {
            FrameRing.Reader reader = source.ring().newReader("connection-test");
            source.addStateListener(state -> {
                switch (state) {
                    case CameraState.Live live -> outcome.complete(null);
                    case CameraState.Failed failed -> outcome.complete(failed.reason());
                    case CameraState.Reconnecting r -> outcome.complete(r.lastError());
                    default -> { }
                }
            });
            source.start();
            String failure = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (failure != null) {
                return Result.failed(Redaction.redact(failure, url.password()));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            FrameSlot slot;
            while ((slot = reader.acquireNewest()) == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (slot == null) {
                return Result.failed("connected, but no picture arrived within " + timeout.toSeconds() + " s");
            }
            byte[] pixels = new byte[slot.stride() * slot.height()];
            ByteBuffer buffer = slot.pixels().duplicate();
            buffer.get(0, pixels);
            CameraStats stats = source.stats();
            String message = "Connected: " + stats.width() + "×" + stats.height() + " " + stats.codec();
            Result result = new Result(true, message, slot.width(), slot.height(), pixels);
            reader.close();
            return result;
        } catch (TimeoutException e) {
            return Result.failed("no answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("cancelled");
        } catch (ExecutionException e) {
            return Result.failed(Redaction.redact(String.valueOf(e.getCause()), url.password()));
        }
    }
}
