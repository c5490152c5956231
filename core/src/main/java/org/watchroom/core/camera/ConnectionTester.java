package org.watchroom.core.camera;

import java.time.Duration;
import java.util.Locale;
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

    /** How long frames are counted for the rate, after the first one. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(1);

    /**
     * @param ok whether a frame arrived
     * @param message "Connected: 1280×720 h264, 25 fps" or the failure reason (never with a password)
     * @param width thumbnail width (0 when not ok)
     * @param height thumbnail height
     * @param bgra thumbnail pixels, BGRA premultiplied, packed rows (empty when not ok)
     * @param streamWidth the stream's own width (0 when not ok)
     * @param streamHeight the stream's own height
     * @param codec the stream's codec ("" when not ok)
     * @param fps frames decoded per second over {@link #RATE_WINDOW} (0 when not ok)
     */
    public record Result(boolean ok, String message, int width, int height, byte[] bgra, int streamWidth,
                         int streamHeight, String codec, double fps) {
        /** A test that got no picture, and why. */
        public static Result failed(String message) {
            return new Result(false, message, 0, 0, new byte[0], 0, 0, "", 0);
        }
    }

    private ConnectionTester() {
    }

    /** {@link #test(CameraUrl, String, Duration, int, int)} with a 320×180 thumbnail. */
    public static Result test(CameraUrl url, String rtspTransport, Duration timeout) {
        return test(url, rtspTransport, timeout, 320, 180);
    }

    /**
     * Connects, waits for the first picture (at most {@code timeout}), counts the frames of the second after it, and
     * returns the newest picture fitted into {@code maxWidth} × {@code maxHeight}.
     */
    public static Result test(CameraUrl url, String rtspTransport, Duration timeout, int maxWidth, int maxHeight) {
        SourceOptions options = SourceOptions.defaults().withMaxSize(maxWidth, maxHeight).withRtspTransport(rtspTransport)
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
            long firstFrames = source.stats().framesDecoded();
            long firstAt = System.nanoTime();
            Thread.sleep(RATE_WINDOW); // the decoder goes on into the ring's other slots meanwhile
            CameraStats stats = source.stats();
            double fps = (stats.framesDecoded() - firstFrames) / ((System.nanoTime() - firstAt) / 1e9);
            FrameSlot newest = reader.acquireNewest(); // releases the first picture; null: nothing newer came
            FrameSlot shown = newest != null ? newest : slot;
            byte[] pixels = new byte[shown.stride() * shown.height()];
            shown.pixels().duplicate().get(0, pixels);
            String message = String.format(Locale.ROOT, "Connected: %d×%d %s, %.0f fps", stats.width(),
                    stats.height(), stats.codec(), fps);
            Result result = new Result(true, message, shown.width(), shown.height(), pixels, stats.width(),
                    stats.height(), stats.codec(), fps);
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
