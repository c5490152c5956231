package org.watchroom.core.settings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.watchroom.core.auth.Operator;

/**
 * The installation's settings as the workstation's admin dialogs read and change them: a port, so that the
 * workstation can reach them in its own process ({@link Settings}) or in a separate engine (a remote
 * implementation). Methods take and return only values that serialize as JSON (enums, strings, durations).
 *
 * <p>Thread-safety: implementations are safe from any thread; call them off the JavaFX thread (they do I/O).
 */
public interface SettingsAccess {

    /** Checks and stores {@code value} for {@code key} (needs the key's permission; audited); returns it as stored. */
    String set(SettingKey key, String value, Operator by);

    /** The views an admin shared with every workstation ({@code wall.shared_views}); none when unreadable. */
    List<SharedView> sharedViews();

    /** How long the workstation waits without input before it locks; {@link Duration#ZERO} means never. */
    Duration idleLock();

    /** Where old recordings are moved ({@code recording.archive_dir}), if anywhere: why a moved file is missing. */
    Optional<ArchiveFolder> recordingArchive();

    /** The installation's REST token (generated on first use), for someone allowed to see it. */
    String installationToken(Operator by);

    /** Replaces the installation's REST token; the old one stops working. */
    String rotateInstallationToken(Operator by);
}
