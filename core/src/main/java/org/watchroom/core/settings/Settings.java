package org.watchroom.core.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SettingsStore;

/**
 * The installation's settings as people change them (command line and admin dialogs): only {@link SettingKey}s,
 * checked before they are stored, each change needing the key's permission and appending a {@code settings.set}
 * audit row. Secrets are never part of what is listed.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (it does I/O).
 */
public final class Settings implements SettingsAccess {
    private final SettingsStore store;
    private final AuditLog audit;
    private final Path dataDir;

    public Settings(Database database) {
        this.dataDir = database.file().toAbsolutePath().getParent();
        this.store = new SettingsStore(database);
        this.audit = new AuditLog(database.jdbi());
    }

    /** One key as listed: its value (stored or default), or for a secret only whether it is set. Immutable. */
    public record Entry(SettingKey key, String value, boolean stored) {
    }

    /** All keys in their fixed order; a secret's value reads {@code (set — see 'watchroom token')}. */
    public List<Entry> list() {
        return Arrays.stream(SettingKey.values()).map(k -> {
            Optional<String> stored = store.get(k.key());
            String value = k.secret() ? (stored.isPresent() ? "(set — see 'watchroom token')"
                    : "(not generated yet — see 'watchroom token')") : stored.orElse(k.defaultValue());
            return new Entry(k, value, stored.isPresent());
        }).toList();
    }

    /** The value of a non-secret key (its default when none is stored). */
    public String get(SettingKey key) {
        if (key.secret()) {
            throw new IllegalArgumentException(key.key() + " is not printed here; use 'watchroom token'.");
        }
        return store.get(key.key()).orElse(key.defaultValue());
    }

    /**
     * Checks and stores {@code value}; returns the value as stored.
     *
     * @throws org.watchroom.core.auth.AccessDeniedException when {@code by} may not change it
     * @throws IllegalArgumentException when the value is not acceptable (nothing is stored then)
     */
    @Override
    public String set(SettingKey key, String value, Operator by) {
        by.require(key.permission());
        String normalised = key.normalise(value);
        if (key == SettingKey.RECORDING_ARCHIVE_DIR && !normalised.isEmpty()) {
            // refuses the data folder's own recordings, and marks the folder as the archive (see ArchiveFolder)
            new ArchiveFolder(Path.of(normalised)).prepare(dataDir);
        }
        store.put(key.key(), normalised);
        audit.append(by.userName(), "settings.set", "setting:" + key.key(), normalised);
        return normalised;
    }

    /** How long the workstation waits without input before it locks; {@link Duration#ZERO} means never. */
    @Override
    public Duration idleLock() {
        String stored = get(SettingKey.IDLE_LOCK_MINUTES);
        try {
            return Duration.ofMinutes(SettingKey.idleMinutes(stored));
        } catch (IllegalArgumentException bad) {
            // a hand-edited value must not leave a workstation unlocked forever: the default applies
            return Duration.ofMinutes(Long.parseLong(SettingKey.IDLE_LOCK_MINUTES.defaultValue()));
        }
    }

    @Override
    public List<SharedView> sharedViews() {
        try {
            return SharedViews.parse(get(SettingKey.WALL_SHARED_VIEWS));
        } catch (IllegalArgumentException bad) { // a hand-edited value: no shared views, and the log says why
            LoggerFactory.getLogger(Settings.class).warn("Setting wall.shared_views is ignored: {}", bad.getMessage());
            return List.of();
        }
    }

    /** The folders whose files may become cameras through the REST API ({@code cameras.file_roots}). */
    public FileCameraRoots fileCameraRoots() {
        return FileCameraRoots.parse(get(SettingKey.CAMERA_FILE_ROOTS));
    }

    /** Days of recording kept for cameras without keep days of their own ({@code recording.keep_days}). */
    public int recordingKeepDays() {
        try {
            return SettingKey.keepDays(get(SettingKey.RECORDING_KEEP_DAYS));
        } catch (IllegalArgumentException bad) { // a hand-edited value: the default, rather than deleting on a typo
            return Integer.parseInt(SettingKey.RECORDING_KEEP_DAYS.defaultValue());
        }
    }

    /** The free space kept on the recordings' disk ({@code recording.reserve}). */
    public RecordingReserve recordingReserve() {
        try {
            return RecordingReserve.parse(get(SettingKey.RECORDING_RESERVE));
        } catch (IllegalArgumentException bad) {
            return RecordingReserve.parse(RecordingReserve.AUTO);
        }
    }

    /** The archive folder of older recordings ({@code recording.archive_dir}); empty when archiving is off. */
    @Override
    public Optional<ArchiveFolder> recordingArchive() {
        return ArchiveFolder.parse(get(SettingKey.RECORDING_ARCHIVE_DIR));
    }

    /** How old a segment must be to move to the archive folder ({@code recording.archive_after_hours}). */
    public Duration archiveAfter() {
        try {
            return Duration.ofHours(SettingKey.archiveAfterHours(get(SettingKey.RECORDING_ARCHIVE_AFTER_HOURS)));
        } catch (IllegalArgumentException bad) { // a hand-edited value: the default
            return Duration.ofHours(Integer.parseInt(SettingKey.RECORDING_ARCHIVE_AFTER_HOURS.defaultValue()));
        }
    }

    /** The installation's REST token (generated on first use), for someone allowed to see it. */
    @Override
    public String installationToken(Operator by) {
        by.require(Permission.API_TOKEN);
        return new InstallationToken(store).current();
    }

    /** Replaces the installation's REST token; the old one stops working (within seconds in a running server). */
    @Override
    public String rotateInstallationToken(Operator by) {
        by.require(Permission.API_TOKEN);
        String token = new InstallationToken(store).rotate();
        audit.append(by.userName(), "api.token.rotate", "setting:" + SettingKey.API_TOKEN.key(), null);
        return token;
    }
}
