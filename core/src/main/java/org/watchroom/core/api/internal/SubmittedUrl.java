package org.watchroom.core.api.internal;

import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.InvalidCameraUrlException;
import org.watchroom.core.redaction.Redaction;

/**
 * Checks a camera URL as sent, and words its refusal without the URL: {@link CameraUrl} quotes the text it
 * refuses through {@code Redaction}, which cannot find a password that holds a space or a slash
 * ({@code rtsp://admin:pa ss@host}), so here every form of the submitted text is replaced by one with all of
 * its user info masked ({@code rtsp://***@host/path}), and the user info itself is masked wherever it remains.
 *
 * <p>Thread-safety: stateless.
 */
final class SubmittedUrl {
    private static final int SHOWN = 120;

    private SubmittedUrl() {
    }

    /** Parses {@code text} as {@link CameraUrl} would; a refusal is a 400 problem naming {@code field}. */
    static void check(String text, String field) {
        if (text == null || text.isBlank()) {
            return;
        }
        try {
            CameraUrl.parse(text);
        } catch (InvalidCameraUrlException e) {
            throw ApiProblem.badRequest("Invalid " + field, "Field '" + field + "': " + withoutUrl(e.getMessage(), text));
        }
    }

    /** {@code message} with the submitted URL, in whichever form it was quoted, shown masked instead. */
    static String withoutUrl(String message, String submitted) {
        if (message == null) {
            return "The camera URL is not valid.";
        }
        String stripped = submitted.strip();
        String shown = masked(stripped);
        String out = message;
        for (String form : new String[] {submitted, stripped, Redaction.redact(submitted),
                Redaction.redact(stripped)}) {
            if (!form.isEmpty()) {
                out = out.replace(form, shown);
            }
        }
        String userInfo = userInfo(stripped);
        return userInfo == null ? out : out.replace(userInfo, "***");
    }

    /** {@code scheme://***@rest} when there is user info, shortened for the message. */
    static String masked(String url) {
        String userInfo = userInfo(url);
        String out = userInfo == null ? url : url.replace(userInfo, "***");
        return out.length() > SHOWN ? out.substring(0, SHOWN) + "…" : out;
    }

    /** Everything between {@code ://} and the last {@code @}: the user name and password, whatever they hold. */
    private static String userInfo(String url) {
        int start = url.indexOf("://");
        int at = url.lastIndexOf('@');
        return start < 0 || at <= start + 3 ? null : url.substring(start + 3, at);
    }
}
