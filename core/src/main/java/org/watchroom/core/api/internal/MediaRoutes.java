package org.watchroom.core.api.internal;

import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Event;

/**
 * Pictures and video: a running camera's newest frame as JPEG and as multipart MJPEG (both from its frame ring,
 * no new camera connection), an event's snapshot, and clips with HTTP Range so a browser's video element can
 * seek. Files are found by id in the database, never by a path from the request.
 *
 * <p>Thread-safety: stateless apart from the shared {@link ApiContext}; streaming loops run on the request's
 * virtual thread.
 */
public final class MediaRoutes {
    static final int MAX_MJPEG_FPS = 10;
    static final int DEFAULT_MJPEG_FPS = 5;
    private static final String BOUNDARY = "watchroomframe";
    private final ApiContext api;
    private final ClipStore clips;

    public MediaRoutes(ApiContext api) {
        this.api = api;
        this.clips = new ClipStore(api.engine().database());
    }

    public void register(RouteTable routes) {
        routes.get("/api/v1/cameras/{id}/snapshot.jpg", this::snapshot)
                .get("/api/v1/cameras/{id}/live.mjpeg", this::mjpeg)
                .get("/api/v1/events/{id}/snapshot.jpg", this::eventSnapshot)
                .get("/api/v1/clips/{id}", this::clip);
    }

    private byte[] frame(LiveCamera camera) {
        byte[] jpeg = api.jpegs().newest(camera);
        if (jpeg == null) {
            throw new ApiProblem(503, "No picture yet", "Camera " + camera.camera().id() + " has not delivered a frame yet.");
        }
        return jpeg;
    }

    private void snapshot(Context ctx) {
        LiveCamera camera = api.running(Ids.path(ctx, "id"));
        byte[] jpeg = frame(camera);
        ctx.header("Cache-Control", "no-store").contentType("image/jpeg").result(jpeg);
    }

    private void mjpeg(Context ctx) throws IOException, InterruptedException {
        LiveCamera camera = api.running(Ids.path(ctx, "id"));
        int fps = Ids.bounded(ctx, "fps", DEFAULT_MJPEG_FPS, 1, MAX_MJPEG_FPS);
        byte[] first = frame(camera);
        ctx.status(200).header("Cache-Control", "no-store")
                .contentType("multipart/x-mixed-replace; boundary=" + BOUNDARY);
        // the servlet's own stream: Javalin's may hold small writes back while it decides on compression
        OutputStream out = ctx.res().getOutputStream();
        try {
            stream(camera, out, first, fps);
        } catch (IOException clientGone) {
            // the normal end of a stream: the client closed it
        }
    }

    private void stream(LiveCamera camera, OutputStream out, byte[] first, int fps)
            throws IOException, InterruptedException {
        long period = 1_000_000_000L / fps;
        byte[] jpeg = first;
        byte[] sent = null;
        // ends when the client goes away (the write fails) or the server stops (the thread is interrupted)
        while (!Thread.currentThread().isInterrupted()) {
            long started = System.nanoTime();
            if (jpeg != sent) {
                out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(jpeg);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                sent = jpeg;
            }
            long rest = period - (System.nanoTime() - started);
            if (rest > 0) {
                Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
            }
            if (api.engine().cameras().stream().noneMatch(c -> c == camera)) {
                break; // stopped or reconfigured
            }
            byte[] next = api.jpegs().newest(camera);
            jpeg = next == null ? sent : next;
        }
    }

    private void eventSnapshot(Context ctx) {
        long id = Ids.path(ctx, "id");
        Event event = api.engine().events().find(id).orElseThrow(() -> ApiProblem.notFound("event", id));
        if (event.snapshotPath() == null || !Files.isRegularFile(Path.of(event.snapshotPath()))) {
            throw new ApiProblem(404, "No snapshot", "Event " + id + " has no snapshot.");
        }
        sendFile(ctx, Path.of(event.snapshotPath()), "image/jpeg");
    }

    private void clip(Context ctx) {
        long id = Ids.path(ctx, "id");
        Clip clip = clips.find(id).orElseThrow(() -> ApiProblem.notFound("clip", id));
        if (!Files.isRegularFile(Path.of(clip.path()))) {
            throw new ApiProblem(404, "Clip file missing", "The file of clip " + id + " is gone (retention or disk).");
        }
        sendFile(ctx, Path.of(clip.path()), "video/mp4");
    }

    /** The file, or the byte range the request asks for (206 with Content-Range). */
    static void sendFile(Context ctx, Path file, String type) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ApiProblem(404, "File missing", "The file is no longer there.");
        }
        ByteRange range;
        try {
            range = ByteRange.parse(ctx.header("Range"), size);
        } catch (ApiProblem unsatisfiable) {
            ctx.header("Content-Range", "bytes */" + size);
            throw unsatisfiable;
        }
        ctx.header("Accept-Ranges", "bytes").contentType(type);
        try {
            InputStream in = Files.newInputStream(file);
            if (range == null) {
                ctx.header("Content-Length", Long.toString(size)).result(in);
                return;
            }
            in.skipNBytes(range.first());
            ctx.status(206).header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size)
                    .header("Content-Length", Long.toString(range.length()))
                    .result(new BoundedInput(in, range.length()));
        } catch (IOException e) {
            throw new ApiProblem(404, "File missing", "The file could not be read.");
        }
    }

    /** At most {@code remaining} bytes of {@code in}. */
    private static final class BoundedInput extends FilterInputStream {
        private long remaining;

        BoundedInput(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
