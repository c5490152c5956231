package org.watchroom.core.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code wall.shared_views} setting: a JSON array of {@link SharedView}s with distinct names, stored compact.
 *
 * <p>Thread-safety: stateless.
 */
public final class SharedViews {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the settings table holds for one value. */
    static final int STORED_MAX = 4000;

    private SharedViews() {
    }

    /** The views in {@code json}; an error saying what is wrong otherwise. */
    public static List<SharedView> parse(String json) {
        String text = json == null || json.isBlank() ? "[]" : json;
        List<SharedView> views;
        try {
            views = JSON.readValue(text, new TypeReference<List<SharedView>>() { });
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException bad) {
                throw bad;
            }
            throw new IllegalArgumentException("Setting wall.shared_views must be a JSON list of views "
                    + "({\"name\": …, \"layout\": …, \"cameras\": [ids]}): " + e.getOriginalMessage());
        }
        if (views == null) {
            throw new IllegalArgumentException("Setting wall.shared_views must be a JSON list of views, not null.");
        }
        Set<String> names = new HashSet<>();
        for (SharedView view : views) {
            if (view == null) {
                throw new IllegalArgumentException("Setting wall.shared_views has an empty entry.");
            }
            if (!names.add(view.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Two shared views are called '" + view.name() + "'.");
            }
        }
        return List.copyOf(views);
    }

    /** {@code views} as stored; an error when they do not fit the setting. */
    public static String format(List<SharedView> views) {
        try {
            String text = JSON.writeValueAsString(views);
            if (text.length() > STORED_MAX) {
                throw new IllegalArgumentException("The shared views do not fit (" + text.length() + " of at most "
                        + STORED_MAX + " characters): share fewer or smaller views.");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Views cannot be written as JSON", e);
        }
    }
}
