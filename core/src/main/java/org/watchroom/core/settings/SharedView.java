package org.watchroom.core.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A named view of the wall: a layout and the cameras on it in order (by id). Each person keeps their own in their
 * workspace; the ones an admin shares are the installation's ({@code wall.shared_views}).
 *
 * <p>Thread-safety: immutable.
 *
 * @param layout  the wall layout's constant name ({@code FOUR}, {@code LARGE_AND_7}, …)
 * @param cameras camera ids in the order their tiles take
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SharedView(String name, String layout, List<Long> cameras) {
    /** The longest view name. */
    public static final int NAME_MAX = 60;
    /** The most cameras a view places. */
    public static final int CAMERAS_MAX = 200;

    public SharedView {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A view needs a name.");
        }
        name = name.strip();
        if (name.codePointCount(0, name.length()) > NAME_MAX || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A view's name is at most " + NAME_MAX
                    + " characters, without control characters.");
        }
        layout = layout == null || layout.isBlank() ? "AUTO" : layout.strip();
        if (!layout.matches("[A-Z0-9_]{1,20}")) {
            throw new IllegalArgumentException("View '" + name + "': unknown layout.");
        }
        cameras = cameras == null ? List.of() : List.copyOf(cameras);
        if (cameras.size() > CAMERAS_MAX || cameras.stream().anyMatch(id -> id == null || id < 1)) {
            throw new IllegalArgumentException("View '" + name + "': at most " + CAMERAS_MAX + " cameras, by id.");
        }
        if (cameras.stream().distinct().count() < cameras.size()) {
            throw new IllegalArgumentException("View '" + name + "' has a camera twice.");
        }
    }
}
