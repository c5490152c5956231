package org.watchroom.core.frame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Who may open the shared frame files: the engine's OS user only, or that user and the service's group (a
 * workstation running as another member of the group). Nobody else, ever.
 *
 * <p>Thread-safety: immutable.
 */
public enum FileAccess {
    /** Folder 0700, files 0600. */
    OWNER("rwx------", "rw-------"),
    /** Folder 0750, files 0660: a reader writes its pins into the file's header, so the group needs write too. */
    GROUP("rwxr-x---", "rw-rw----");

    private final Set<PosixFilePermission> folder;
    private final Set<PosixFilePermission> file;

    FileAccess(String folder, String file) {
        this.folder = PosixFilePermissions.fromString(folder);
        this.file = PosixFilePermissions.fromString(file);
    }

    /**
     * The access the data folder itself grants: {@link #GROUP} where its group may enter it and others may not (the
     * service's 0750, the rule the control socket follows too), else {@link #OWNER}; {@link #OWNER} if unreadable.
     */
    public static FileAccess of(Path dataFolder) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dataFolder);
            return mode.contains(PosixFilePermission.GROUP_EXECUTE) && !mode.contains(PosixFilePermission.OTHERS_READ)
                    && !mode.contains(PosixFilePermission.OTHERS_EXECUTE) ? GROUP : OWNER;
        } catch (IOException | UnsupportedOperationException e) {
            return OWNER; // the stricter choice
        }
    }

    public Set<PosixFilePermission> folderPermissions() { return folder; }

    public Set<PosixFilePermission> filePermissions() { return file; }

    /** Owner-only permissions to create with (the umask can only take bits away); widened afterwards if wanted. */
    static FileAttribute<Set<PosixFilePermission>> ownerOnlyFolder() {
        return PosixFilePermissions.asFileAttribute(OWNER.folder);
    }

    static FileAttribute<Set<PosixFilePermission>> ownerOnlyFile() {
        return PosixFilePermissions.asFileAttribute(OWNER.file);
    }
}
