package org.watchroom.core.auth;

/**
 * Something a signed-in person may or may not do; {@link Role} says who may. The text completes
 * "may not …" in refusals.
 *
 * <p>Thread-safety: immutable.
 */
public enum Permission {
    VIEW_LIVE("watch the live wall"),
    REVIEW("confirm or dismiss events"),
    EXPORT("export evidence"),
    REPLAY("open archives for offline review"),
    CONFIGURE_CAMERAS("change cameras"),
    EDIT_RULES("change event rules or suppressions"),
    MANAGE_USERS("manage user accounts"),
    RETENTION("change retention"),
    API_TOKEN("see or replace API tokens"),
    RELEASE_HOLD("release an evidence hold"),
    STOP_ENGINE("stop the recording engine"),
    SHARE_VIEWS("share wall views with every workstation");

    private final String text;

    Permission(String text) {
        this.text = text;
    }

    /** E.g. "export evidence". */
    public String text() { return text; }
}
