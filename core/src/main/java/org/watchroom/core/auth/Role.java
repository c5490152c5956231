package org.watchroom.core.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a user may do. Each role has everything the one before it has: an operator watches and reviews, a
 * supervisor also exports, replays and changes cameras and rules, an admin also manages users, retention, API
 * tokens and evidence holds.
 *
 * <p>Thread-safety: immutable.
 */
public enum Role {
    OPERATOR(EnumSet.of(Permission.VIEW_LIVE, Permission.REVIEW)),
    SUPERVISOR(EnumSet.of(Permission.VIEW_LIVE, Permission.REVIEW, Permission.EXPORT, Permission.REPLAY,
            Permission.CONFIGURE_CAMERAS, Permission.EDIT_RULES)),
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /** The stored and typed form: {@code operator}, {@code supervisor}, {@code admin}. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.dbValue().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown role '" + text + "': use operator, supervisor or admin.");
    }
}
