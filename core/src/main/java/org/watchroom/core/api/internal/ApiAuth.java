package org.watchroom.core.api.internal;

import io.javalin.http.Context;
import java.util.Optional;
import org.watchroom.core.api.ApiTokens;
import org.watchroom.core.auth.Operator;

/**
 * The before-handler of every route but {@code /api/v1/health}: {@code Authorization: Bearer TOKEN} or 401
 * problem. Presented tokens, here and on the WebSocket ({@link #checkToken}), go through one
 * {@link AuthFailures}, so guesses from one address are counted together and slowed down whichever way they
 * come. The actor the token stands for is left in the request attribute {@value #ACTOR} for audit rows.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class ApiAuth {
    public static final String ACTOR = "watchroom.actor";
    private static final String OPEN = "/api/v1/health";
    private final ApiTokens tokens;
    private final AuthFailures failures;

    public ApiAuth(ApiTokens tokens, AuthFailures failures) {
        this.tokens = tokens;
        this.failures = failures;
    }

    public void check(Context ctx) throws InterruptedException {
        if (ctx.path().equals(OPEN) || ctx.method().name().equals("OPTIONS")) {
            return;
        }
        String header = ctx.header("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        // a virtual thread: waiting for the address's turn, or out a failure's delay, costs no platform thread
        Optional<Operator> actor = presented == null || presented.isEmpty() ? Optional.empty()
                : failures.check(ctx.req().getRemoteAddr(), () -> tokens.authenticate(presented));
        if (actor.isPresent()) {
            ctx.attribute(ACTOR, actor.get());
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer realm=\"watchroom\"");
        throw new ApiProblem(401, "Unauthorized", presented == null || presented.isEmpty()
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

    /**
     * For the WebSocket: the actor for a token sent as query parameter or first message, counted and slowed
     * down with the HTTP guesses from the same address. Blocks while the address waits its turn or a failure
     * its delay: call it on a thread of its own.
     */
    public Optional<Operator> checkToken(String presented, String address) throws InterruptedException {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        return failures.check(address, () -> tokens.authenticate(presented));
    }
}
