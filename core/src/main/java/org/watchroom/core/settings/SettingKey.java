package org.watchroom.core.settings;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.watchroom.core.auth.Permission;

/**
 * The settings an installer or admin may read and change, each with its default, who may change it and how a
 * typed value is checked. A fixed list on purpose: a typo in a key name is an error, never a silently ignored row.
 *
 * <p>Thread-safety: immutable.
 */
public enum SettingKey {
    API_ENABLED("api.enabled", "true", Permission.API_TOKEN, "Start the REST API (true or false)."),
    API_BIND("api.bind", ApiSettings.DEFAULT_BIND, Permission.API_TOKEN,
            "Address the REST API listens on (127.0.0.1 keeps it on this machine)."),
    API_PORT("api.port", Integer.toString(ApiSettings.DEFAULT_PORT), Permission.API_TOKEN,
            "TCP port of the REST API (0 picks a free one)."),
    API_CORS_ORIGINS("api.cors_origins", "", Permission.API_TOKEN,
            "Browser origins allowed to call the API, comma-separated (empty: CORS off)."),
    API_TOKEN("api.token", null, Permission.API_TOKEN, "The installation's REST API token; see 'watchroom token'."),
    IDLE_LOCK_MINUTES("session.idle_lock_minutes", "10", Permission.MANAGE_USERS,
            "Lock the workstation after this many minutes without keyboard or mouse (0-720, 0 = never)."),
    CAMERA_FILE_ROOTS("cameras.file_roots", "", Permission.API_TOKEN,
            "Folders whose files may become cameras through the REST API, absolute, separated by '"
                    + File.pathSeparator + "' (empty: none; the command line and the workstation are not limited)."),
    RECORDING_KEEP_DAYS("recording.keep_days", "30", Permission.RETENTION,
            "Days of continuous recording kept for cameras without keep-days of their own (1-36500)."),
    RECORDING_RESERVE("recording.reserve", RecordingReserve.AUTO, Permission.RETENTION,
            "Free space kept on the recordings' disk: below it the oldest footage of any camera is deleted, before "
                    + "recording would pause. A size (20G, 500M), a share of the disk (5%), or auto: the smaller of 5% "
                    + "and 10G."),
    RECORDING_ARCHIVE_DIR("recording.archive_dir", "", Permission.RETENTION,
            "Archive folder for older recordings: an absolute folder on a second disk or a mounted NAS share (empty: "
                    + "off). Segments older than recording.archive_after_hours are copied there, verified by SHA-256 "
                    + "and deleted from the recordings folder; playback finds them there."),
    RECORDING_ARCHIVE_AFTER_HOURS("recording.archive_after_hours", "24", Permission.RETENTION,
            "Segments older than this many hours move to recording.archive_dir (1-87600)."),
    WALL_SHARED_VIEWS("wall.shared_views", "[]", Permission.SHARE_VIEWS,
            "Views every workstation offers: JSON [{\"name\", \"layout\", \"cameras\": [ids]}] (the window's Share).");

    /** The longest idle lock: twelve hours, one shift. */
    public static final int MAX_IDLE_LOCK_MINUTES = 720;

    private final String key;
    private final String defaultValue;
    private final Permission permission;
    private final String description;

    SettingKey(String key, String defaultValue, Permission permission, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.permission = permission;
        this.description = description;
    }

    /** The name in the {@code settings} table and on the command line, e.g. {@code api.port}. */
    public String key() { return key; }

    /** What applies while nothing is stored; null for the token, which is generated on first use. */
    public String defaultValue() { return defaultValue; }

    /** Who may change it. */
    public Permission permission() { return permission; }

    public String description() { return description; }

    /** Secret values are never listed or printed by the settings commands. */
    public boolean secret() { return this == API_TOKEN; }

    /** The known key named {@code name}; a clear error listing the known ones otherwise. */
    public static SettingKey parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.key.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown setting '" + name + "'. Known settings: "
                        + Arrays.stream(values()).map(SettingKey::key).collect(Collectors.joining(", ")) + "."));
    }

    /**
     * The value to store for typed {@code value}, normalised (e.g. {@code " 8081 "} becomes {@code 8081}).
     *
     * @throws IllegalArgumentException with a message saying what is accepted
     */
    public String normalise(String value) {
        String v = value == null ? "" : value.strip();
        return switch (this) {
            case API_ENABLED -> Boolean.toString(ApiSettings.parseBoolean(key, v));
            case API_BIND -> {
                new ApiSettings(true, v, ApiSettings.DEFAULT_PORT, List.of()); // same check as at start
                yield v;
            }
            case API_PORT -> Integer.toString(ApiSettings.parsePort(v));
            case API_CORS_ORIGINS -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .collect(Collectors.joining(","));
            case API_TOKEN -> throw new IllegalArgumentException(
                    "api.token cannot be typed in; replace it with 'watchroom token --rotate'.");
            case IDLE_LOCK_MINUTES -> Integer.toString(idleMinutes(v));
            case CAMERA_FILE_ROOTS -> FileCameraRoots.normalise(v);
            case RECORDING_KEEP_DAYS -> Integer.toString(keepDays(v));
            case RECORDING_RESERVE -> RecordingReserve.parse(v).text();
            case RECORDING_ARCHIVE_DIR -> ArchiveFolder.normalise(v);
            case RECORDING_ARCHIVE_AFTER_HOURS -> Integer.toString(archiveAfterHours(v));
            case WALL_SHARED_VIEWS -> SharedViews.format(SharedViews.parse(v));
        };
    }

    /** Parses recording keep days (1–36500). */
    public static int keepDays(String v) {
        int days;
        try {
            days = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting recording.keep_days must be a whole number of days, not '" + v
                    + "'.");
        }
        if (days < 1 || days > 36_500) {
            throw new IllegalArgumentException("Setting recording.keep_days must be between 1 and 36500, not " + days
                    + ".");
        }
        return days;
    }

    /** Parses the age in hours after which segments move to the archive folder (1–87600: ten years). */
    public static int archiveAfterHours(String v) {
        int hours;
        try {
            hours = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting recording.archive_after_hours must be a whole number of hours, "
                    + "not '" + v + "'.");
        }
        if (hours < 1 || hours > 87_600) {
            throw new IllegalArgumentException("Setting recording.archive_after_hours must be between 1 and 87600, not "
                    + hours + ".");
        }
        return hours;
    }

    /** Parses idle-lock minutes (0–720). */
    public static int idleMinutes(String v) {
        int minutes;
        try {
            minutes = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting session.idle_lock_minutes must be a whole number of minutes, "
                    + "not '" + v + "'.");
        }
        if (minutes < 0 || minutes > MAX_IDLE_LOCK_MINUTES) {
            throw new IllegalArgumentException("Setting session.idle_lock_minutes must be between 0 (never) and "
                    + MAX_IDLE_LOCK_MINUTES + ", not " + minutes + ".");
        }
        return minutes;
    }
}
