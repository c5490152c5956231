package org.watchroom.core.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a malformed or ambiguous URI, a header too large) answered as problem+json like
 * everything else, never as Jetty's HTML page with its version and stack details.
 *
 * <p>Thread-safety: stateless.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    /** Every method gets the body, not only GET, POST and HEAD as in Jetty (a PUT or a PRI got an empty answer). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        Map<String, Object> body = new LinkedHashMap<>();
        String reason = HttpStatus.getMessage(code);
        body.put("type", "about:blank");
        body.put("title", reason == null ? "Error" : reason);
        body.put("status", code);
        body.put("detail", code == 400 ? "The request is malformed (check the path and headers)." : reason);
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            bytes = "{}".getBytes(StandardCharsets.UTF_8);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
