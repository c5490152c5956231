package org.watchroom.core.api.internal;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.record.EventFootage;
import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventDetails;
import org.watchroom.core.store.EventQuery;
import org.watchroom.core.store.EventStatus;

/**
 * {@code /api/v1/events}: filtered pages, the pending queue, one event with its detections and clips, confirm
 * and dismiss, and {@code /api/v1/test/simulate-event}. Reviews go through {@code engine.reviews()}, which
 * publishes {@code EventReviewed} on the bus, so an open workstation shows them at once.
 *
 * <p>Thread-safety: stateless apart from the shared {@link ApiContext}.
 */
public final class EventRoutes {
    static final int MAX_LIMIT = 1000;
    static final int MAX_OFFSET = 10_000_000;
    static final int MAX_NOTE = 2000;
    private final ApiContext api;

    public EventRoutes(ApiContext api) {
        this.api = api;
    }

    public void register(RouteTable routes) {
        routes.get("/api/v1/events", this::list)
                .get("/api/v1/events/pending", this::pending)
                .get("/api/v1/events/{id}", this::read)
                .post("/api/v1/events/{id}/confirm", ctx -> review(ctx, EventStatus.CONFIRMED))
                .post("/api/v1/events/{id}/dismiss", ctx -> review(ctx, EventStatus.DISMISSED))
                .post("/api/v1/test/simulate-event", this::simulate);
    }

    private void list(Context ctx) {
        EventQuery q = EventQuery.all().camera(Ids.query(ctx, "camera"))
                .label(blankToNull(ctx.queryParam("label")))
                .between(time(ctx, "from"), time(ctx, "to"));
        String status = ctx.queryParam("status");
        if (status != null && !status.isBlank()) {
            try {
                q = q.status(EventStatus.parse(status));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("Invalid status", e.getMessage());
            }
        }
        page(ctx, q);
    }

    private void pending(Context ctx) {
        page(ctx, EventQuery.all().status(EventStatus.PENDING).camera(Ids.query(ctx, "camera")));
    }

    private void page(Context ctx, EventQuery filter) {
        int limit = Ids.bounded(ctx, "limit", EventQuery.DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = Ids.bounded(ctx, "offset", 0, 0, MAX_OFFSET);
        EventQuery q = filter.page(limit, offset);
        var items = api.engine().events().list(q).stream().map(EventJson::view).toList();
        Json.ok(ctx, new EventJson.Page(items, api.engine().events().count(q), limit, offset));
    }

    private void read(Context ctx) {
        long id = Ids.path(ctx, "id");
        EventDetails details = api.engine().events().details(id)
                .orElseThrow(() -> ApiProblem.notFound("event", id));
        Json.ok(ctx, EventJson.details(details, EventFootage.of(api.engine().database(),
                details.event(), RecordSettings.defaults(), Instant.now())));
    }

    private void review(Context ctx, EventStatus status) {
        long id = Ids.path(ctx, "id");
        EventJson.Review body = Json.body(ctx, EventJson.Review.class, new EventJson.Review(null));
        if (body.note() != null && body.note().length() > MAX_NOTE) {
            throw ApiProblem.badRequest("Note too long", "A note may have at most " + MAX_NOTE + " characters.");
        }
        if (api.engine().events().find(id).isEmpty()) {
            throw ApiProblem.notFound("event", id);
        }
        Operator actor = ApiAuth.operator(ctx);
        String note = body.note() == null || body.note().isBlank() ? null : body.note().strip();
        Event event = status == EventStatus.CONFIRMED ? api.engine().reviews().confirm(id, actor, note)
                : api.engine().reviews().dismiss(id, actor, note);
        Json.ok(ctx, EventJson.view(event));
    }

    private void simulate(Context ctx) {
        Long camera = Ids.query(ctx, "camera");
        if (camera == null) {
            throw ApiProblem.badRequest("Missing camera", "Name the camera: ?camera=ID.");
        }
        String label = blankToNull(ctx.queryParam("label"));
        if (label == null) {
            label = "person";
        } else if (!label.matches("[a-z_]{1,32}")) {
            throw ApiProblem.badRequest("Invalid label", "A label is 1 to 32 lower-case letters or underscores.");
        }
        ApiAuth.operator(ctx).require(Permission.CONFIGURE_CAMERAS); // an installer's check
        api.running(camera);
        if (!api.engine().simulateEvent(camera, label)) {
            throw new ApiProblem(409, "Events are off", "Camera " + camera + " does not make events (check its event rules).");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("camera_id", camera);
        body.put("label", label);
        Json.send(ctx, 202, body);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** ISO-8601 instant ({@code 2026-01-02T03:04:05Z}) or with an offset; null when absent. */
    private static Instant time(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("Invalid " + name, "'" + Ids.shorten(text) + "' is not a time like 2026-01-02T03:04:05Z.");
        }
    }
}
