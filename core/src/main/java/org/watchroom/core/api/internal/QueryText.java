package org.watchroom.core.api.internal;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The before-handler that refuses a query string with a broken {@code %} escape ({@code %zz}, a lone {@code %})
 * or escapes that are not UTF-8: Jetty reads such a query leniently, so {@code ?label=%zz} searched for
 * something the client never meant; now it is a 400 problem, as a broken path already is.
 *
 * <p>Thread-safety: stateless.
 */
public final class QueryText {
    private QueryText() {
    }

    public static void check(Context ctx) {
        String query = ctx.queryString();
        if (query != null && !wellFormed(query)) {
            throw ApiProblem.badRequest("Malformed query", "The query string has a broken %-escape or escapes that are "
                    + "not UTF-8; write a literal % as %25.");
        }
    }

    static boolean wellFormed(String query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c != '%') {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                continue;
            }
            int high = i + 1 < query.length() ? Character.digit(query.charAt(i + 1), 16) : -1;
            int low = i + 2 < query.length() ? Character.digit(query.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                return false;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
