package org.watchroom.core.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.redaction.Redaction;

/**
 * A request that cannot be served, answered as RFC 9457 {@code application/problem+json} with a title a
 * person can act on and a detail that never carries a stack trace or a password.
 *
 * <p>Thread-safety: immutable.
 */
public final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblem.class);
    private final int status;
    private final String title;

    public ApiProblem(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public static ApiProblem badRequest(String title, String detail) {
        return new ApiProblem(400, title, detail);
    }

    public static ApiProblem notFound(String what, long id) {
        return new ApiProblem(404, "Not found", "No " + what + " with id " + id + ".");
    }

    public int status() { return status; }

    public String title() { return title; }

    /** Writes this problem as the response; the detail passes through redaction first. */
    public void send(Context ctx) {
        write(ctx, status, title, getMessage());
    }

    public static void write(Context ctx, int status, String title, String detail) {
        String shown = Redaction.redact(detail);
        if (PlainText.showsInternals(shown)) {
            // a last guard: whichever path produced it, a client never sees class names, SQL or stack lines
            LOG.warn("API {} {}: problem detail withheld from the client: {}", ctx.method(), ctx.path(), shown);
            shown = status >= 500 ? "The server could not complete the request; see its log."
                    : "The request was refused; the server's log says why.";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", shown);
        body.put("instance", ctx.path());
        try {
            ctx.status(status).contentType("application/problem+json").result(Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
