package org.watchroom.core.api.internal;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.EOFException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.watchroom.core.api.ApiServer;

/**
 * Reads a request body, turning a broken one into a 4xx problem: a body that cannot be framed (a bad chunk) is
 * 400, one that ends before its Content-Length or its last chunk is 400, one that stalls past the idle timeout
 * is 408 (one larger than {@link ApiServer#MAX_BODY_BYTES} stays Javalin's 413). Without this, Jetty's
 * exceptions reached the catch-all as 500s, and Javalin answered a stalled body with an empty 408.
 *
 * <p>Thread-safety: stateless.
 */
final class RequestBody {
    private RequestBody() {
    }

    static byte[] read(Context ctx) {
        // no early 413 from Content-Length alone: answering before the body is read makes the server close on
        // unread bytes, and the client gets a reset instead of the answer; Javalin stops reading past the limit
        try {
            return ctx.bodyAsBytes();
        } catch (ApiProblem | HttpResponseException answered) {
            throw answered; // Javalin's own 413 for a chunked body past the limit
        } catch (RuntimeException e) { // bodyAsBytes is Kotlin: it throws IOException without declaring it
            throw problemFor(e);
        } catch (Exception e) {
            throw problemFor(e);
        }
    }

    /** The problem a failed body read stands for; anything not about the body itself stays a server error. */
    private static RuntimeException problemFor(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return new ApiProblem(408, "Request timeout", "The request body did not arrive in time.");
            }
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return new ApiProblem(400, "Malformed body",
                        "The request body is cut short or not framed as its headers say (Content-Length or chunks).");
            }
            if (t instanceof EOFException) {
                return new ApiProblem(400, "Malformed body", "The request body ended before the length its headers announced.");
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("Cannot read the request body", e);
    }
}
