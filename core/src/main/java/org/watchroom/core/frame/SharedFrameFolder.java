package org.watchroom.core.frame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The folder that holds a data folder's shared frame files: {@code /dev/shm/watchroom-frames-HASH} where
 * {@code /dev/shm} exists (memory, never disk), else the same name under {@code java.io.tmpdir}. HASH is taken
 * from the data folder's absolute path, so two engines with two data folders never share a file, and the engine
 * and a workstation pointed at the same data folder find the same one, even as another user of the service's group.
 *
 * <p>The folder is created owner-only and then given {@link FileAccess}'s permissions, so it is never readable by
 * others, not even for a moment. An existing folder must be a real folder (not a link) owned by this user:
 * {@code /dev/shm} is writable by everyone, and someone else may have put something there first.
 *
 * <p>Thread-safety: stateless.
 */
public final class SharedFrameFolder {
    private static final Path DEV_SHM = Path.of("/dev/shm");

    private SharedFrameFolder() {
    }

    /** The folder's path for {@code dataFolder}; nothing is created. */
    public static Path of(Path dataFolder) {
        Path base = Files.isDirectory(DEV_SHM) && Files.isWritable(DEV_SHM) ? DEV_SHM
                : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("watchroom-frames-" + hash(dataFolder));
    }

    /**
     * The reader's side: the folder for {@code dataFolder}, checked to belong to the data folder's owner (the
     * engine's user), so that a workstation never reads frames someone else put in a world-writable {@code /dev/shm}.
     */
    public static Path forReading(Path dataFolder) throws IOException {
        Path folder = of(dataFolder);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("no shared frames for " + dataFolder + " (" + folder + ")");
        }
        String owner = Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName();
        String engine = Files.getOwner(dataFolder).getName();
        if (!owner.equals(engine)) {
            throw new IOException(folder + " belongs to " + owner + ", not to " + engine + " who owns " + dataFolder);
        }
        return folder;
    }

    /** Creates (or checks and fixes the permissions of) the folder for {@code dataFolder} and returns it. */
    public static Path open(Path dataFolder, FileAccess access) throws IOException {
        return prepare(of(dataFolder), access);
    }

    /** The file of one camera's ring in {@code folder}; {@code name} is a camera id (letters, digits, - and _). */
    public static Path file(Path folder, String name) {
        if (!name.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IllegalArgumentException("not a frame file name: " + name);
        }
        return folder.resolve(name + ".frames");
    }

    static Path prepare(Path folder, FileAccess access) throws IOException {
        try {
            Files.createDirectory(folder, FileAccess.ownerOnlyFolder());
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(folder + " exists and is not a folder", e);
            }
            String owner = Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName();
            if (!owner.equals(System.getProperty("user.name"))) {
                throw new IOException(folder + " belongs to " + owner + ", not to " + System.getProperty("user.name"), e);
            }
        }
        Files.setPosixFilePermissions(folder, access.folderPermissions());
        return folder;
    }

    private static String hash(Path dataFolder) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(dataFolder.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
