package org.watchroom.core.api.internal;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.watchroom.core.record.EventFootage;
import org.watchroom.core.record.RangeCutter;
import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.redaction.Redaction;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;

/**
 * Continuous recording over HTTP: a camera's segments and gaps in a time range (JSON, hashes included, paths never),
 * a range of its recording as one MP4 ({@code recording.mp4}, stitched by stream copy, with HTTP Range), and an
 * event's own range of its camera's recording ({@code /events/{id}/clip.mp4}). Cuts are made once into the cut cache
 * and served from there with the clips' Range support. Any valid token may read them, as it may read clips.
 *
 * <p>Thread-safety: stateless apart from the shared {@link ApiContext}; cutting blocks the request's virtual thread.
 */
public final class RecordingRoutes {
    /** Longest range one {@code recordings} request lists. */
    static final Duration MAX_LIST = Duration.ofDays(31);
    /** Longest range one {@code recording.mp4} request cuts; longer ones are an evidence export's job. */
    static final Duration MAX_CUT = Duration.ofHours(2);
    private final ApiContext api;
    private final SegmentStore segments;
    private final GapStore gaps;
    private final RecordSettings footage = RecordSettings.defaults();

    public RecordingRoutes(ApiContext api) {
        this.api = api;
        this.segments = new SegmentStore(api.engine().database());
        this.gaps = new GapStore(api.engine().database());
    }

    public void register(RouteTable routes) {
        routes.get("/api/v1/cameras/{id}/recordings", this::list)
                .get("/api/v1/cameras/{id}/recording.mp4", this::recording)
                .get("/api/v1/events/{id}/clip.mp4", this::eventClip);
    }

    /** The JSON of one segment: no path (files never leave the server), its hash and its place in the chain. */
    public record SegmentView(long id, String startedAt, String endedAt, Double durationS, Long bytes, String sha256,
                              String prevSha256, String codec, boolean streamCopied, boolean interrupted, boolean open) {
    }

    public record GapView(String startedAt, String endedAt, String reason, String detail) {
    }

    public record Listing(long cameraId, String cameraName, String from, String to, List<SegmentView> segments,
                          List<GapView> gaps, String recordingUrl) {
    }

    private Camera camera(long id) {
        return api.engine().store().find(id).orElseThrow(() -> ApiProblem.notFound("camera", id));
    }

    private void list(Context ctx) {
        long id = Ids.path(ctx, "id");
        Camera camera = camera(id);
        Instant to = time(ctx, "to", Instant.now());
        Instant from = time(ctx, "from", to.minus(Duration.ofDays(1)));
        checkRange(from, to, MAX_LIST, "list at most 31 days at a time");
        List<SegmentView> list = segments.list(id, from, to).stream().map(RecordingRoutes::view).toList();
        List<GapView> holes = gaps.list(id, from, to).stream().map(g -> new GapView(text(g.startedAt()),
                text(g.endedAt()), g.reason().dbValue(), Redaction.redact(g.detail(),
                camera.password()))).toList();
        Json.ok(ctx, new Listing(id, camera.name(), text(from), text(to), list, holes,
                "/api/v1/cameras/" + id + "/recording.mp4?from=" + from + "&to=" + to));
    }

    private static SegmentView view(Segment s) {
        return new SegmentView(s.id(), text(s.startedAt()), text(s.endedAt()),
                s.duration() == null ? null : s.duration().toMillis() / 1000.0, s.bytes(), s.sha256(), s.prevSha256(),
                s.codec(), s.streamCopied(), s.interrupted(), s.open());
    }

    private void recording(Context ctx) {
        long id = Ids.path(ctx, "id");
        camera(id);
        Instant from = time(ctx, "from", null);
        Instant to = time(ctx, "to", null);
        if (from == null || to == null) {
            throw ApiProblem.badRequest("Missing range", "Give the range as ?from=…&to=… (like 2026-01-02T03:04:05Z).");
        }
        checkRange(from, to, MAX_CUT, "cut at most 2 hours at a time; 'watchroom export --camera' exports longer ranges");
        serve(ctx, id, from, to, "camera " + id);
    }

    private void eventClip(Context ctx) {
        long id = Ids.path(ctx, "id");
        Event event = api.engine().events().find(id).orElseThrow(() -> ApiProblem.notFound("event", id));
        EventFootage footage = EventFootage.of(api.engine().database(), event, footage(), Instant.now());
        if (!(footage instanceof EventFootage.Recording r)) {
            throw new ApiProblem(404, "No recording", "Event " + id + " has no range of a continuous recording: its "
                    + "camera records event clips, listed with their own links in /api/v1/events/" + id + ".");
        }
        if (r.length().compareTo(MAX_CUT) > 0) {
            throw new ApiProblem(422, "Event too long", "Event " + id + " lasts longer than 2 hours; export it with "
                    + "'watchroom export --event " + id + "'.");
        }
        serve(ctx, r.cameraId(), r.from(), r.to(), "event " + id);
    }

    /** The pre- and post-roll of an event's range. */
    RecordSettings footage() {
        return footage;
    }

    private void serve(Context ctx, long cameraId, Instant from, Instant to, String what) {
        List<Segment> list = segments.list(cameraId, from, to);
        if (list.isEmpty()) {
            throw new ApiProblem(404, "Nothing recorded", "No recording of " + what + " between " + from + " and " + to + ".");
        }
        Path file;
        try {
            file = api.cuts().cut(cameraId, from, to, list);
        } catch (RangeCutter.NothingRecordedException e) {
            throw new ApiProblem(404, "Nothing recorded", e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("cannot cut the recording of " + what, e);
        }
        ctx.header("Cache-Control", "no-store");
        MediaRoutes.sendFile(ctx, file, "video/mp4");
    }

    private static void checkRange(Instant from, Instant to, Duration max, String words) {
        if (!to.isAfter(from)) {
            throw ApiProblem.badRequest("Invalid range", "'to' must be after 'from'.");
        }
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw ApiProblem.badRequest("Range too long", "The range is too long: " + words + ".");
        }
    }

    /** ISO-8601 with a zone or offset ({@code 2026-01-02T03:04:05Z}); {@code fallback} when absent. */
    private static Instant time(Context ctx, String name, Instant fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("Invalid " + name, "'" + Ids.shorten(text)
                    + "' is not a time like 2026-01-02T03:04:05Z (a zone or offset is needed).");
        }
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

}
