package org.watchroom.core.api.internal;

import io.javalin.http.Context;

/**
 * Reads ids from paths and query strings. Only plain positive numbers pass, so no path segment ever reaches
 * the file system ({@code ..}, slashes and encodings are refused before any lookup).
 *
 * <p>Thread-safety: stateless.
 */
public final class Ids {
    private Ids() {
    }

    public static long path(Context ctx, String name) {
        return parse(ctx.pathParam(name), name);
    }

    /** An optional numeric query parameter; null when absent. */
    public static Long query(Context ctx, String name) {
        String text = ctx.queryParam(name);
        return text == null || text.isEmpty() ? null : parse(text, name);
    }

    public static long parse(String text, String name) {
        if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiProblem.badRequest("Invalid " + name, "'" + shorten(text) + "' is not a valid " + name
                    + ": ids are positive whole numbers.");
        }
        return Long.parseLong(text);
    }

    /** An integer query parameter within bounds, or {@code fallback} when absent. */
    public static int bounded(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = text.length() > 10 ? Long.MAX_VALUE : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("Invalid " + name, "'" + shorten(text) + "' is not a whole number.");
        }
        if (value < min || value > max) {
            throw ApiProblem.badRequest("Invalid " + name, name + " must be between " + min + " and " + max + ".");
        }
        return (int) value;
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
