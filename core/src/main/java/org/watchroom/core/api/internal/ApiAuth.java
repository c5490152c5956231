package org.watchroom.core.api.internal;

import io.javalin.http.Context;
import java.util.Optional;
import org.watchroom.core.api.ApiTokens;
import org.watchroom.core.auth.Operator;

/**
 * The before-handler of every route but {@code /api/v1/health}: {@code Authorization: Bearer TOKEN} or 401
 * problem, with failures slowed down per address ({@link AuthFailures}). The actor the token stands for is
 * left in the request attribute {@value #ACTOR} for audit rows.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class ApiAuth {
    public static final String ACTOR = "watchroom.actor";
    private static final String OPEN = "/api/v1/health";
    private final ApiTokens tokens;
    private final AuthFailures failures = new AuthFailures();

    public ApiAuth(ApiTokens tokens) {
        this.tokens = tokens;
    }

    public void check(Context ctx) throws InterruptedException {
        if (ctx.path().equals(OPEN) || ctx.method().name().equals("OPTIONS")) {
            return;
        }
        String header = ctx.header("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        Optional<Operator> actor = tokens.authenticate(presented);
        String address = ctx.req().getRemoteAddr();
        if (actor.isPresent()) {
            failures.succeeded(address);
            ctx.attribute(ACTOR, actor.get());
            return;
        }
        Thread.sleep(failures.failed(address)); // a virtual thread: waiting costs no platform thread
        ctx.header("WWW-Authenticate", "Bearer realm=\"watchroom\"");
        throw new ApiProblem(401, "Unauthorized", presented == null
                ? "Send the API token as 'Authorization: Bearer TOKEN' (see 'watchroom token')."
                : "The API token is not valid (see 'watchroom token').");
    }

    /** Who the request acts as (set by {@link #check}); its role's limits apply to everything it does. */
    public static Operator operator(Context ctx) {
        Operator who = ctx.attribute(ACTOR);
        if (who == null) {
            throw new IllegalStateException("No authenticated operator on " + ctx.path());
        }
        return who;
    }

    /** For the WebSocket: the actor for a token sent as query parameter or first message. */
    public Optional<Operator> checkToken(String presented, String address) {
        Optional<Operator> actor = tokens.authenticate(presented);
        if (actor.isPresent()) {
            failures.succeeded(address);
        } else {
            failures.failed(address);
        }
        return actor;
    }
}
