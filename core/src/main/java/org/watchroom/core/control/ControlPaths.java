package org.watchroom.core.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Where the engine of a data folder says it runs ({@code <data>/run/engine.json}) and where its control socket
 * lives ({@code <data>/run/control.sock}, or under the temporary folder when that path is too long for a Unix
 * socket), with the permissions both get.
 *
 * <p>Access follows the data folder: when its group may enter it and others may not (the service's {@code 0750}),
 * the group may use
 * the socket too (run folder {@code 0750}, socket {@code 0660}, descriptor {@code 0640}); otherwise only the owner
 * may ({@code 0700}, {@code 0600}, {@code 0600}). Nobody else ever can.
 *
 * <p>Thread-safety: immutable.
 *
 * @param dataDir the data folder, absolute
 * @param groupShared whether the data folder's group gets the socket too
 */
public record ControlPaths(Path dataDir, boolean groupShared) {
    /** Unix socket paths longer than this do not fit {@code sockaddr_un} (108 bytes on Linux, 104 on macOS). */
    static final int MAX_SOCKET_PATH_BYTES = 100;

    public ControlPaths {
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** The paths for {@code dataDir}, sharing with the group as the folder itself does. */
    public static ControlPaths of(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        boolean group = false;
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            if (posix != null && Files.isDirectory(dir)) {
                Set<PosixFilePermission> mode = posix.readAttributes().permissions();
                // a folder kept from others but open to its group (the service's 0750) is shared on purpose
                group = mode.contains(PosixFilePermission.GROUP_EXECUTE) && !mode.contains(PosixFilePermission.OTHERS_READ)
                        && !mode.contains(PosixFilePermission.OTHERS_EXECUTE);
            }
        } catch (IOException e) {
            group = false; // unreadable: the stricter choice
        }
        return new ControlPaths(dir, group);
    }

    public Path runDir() { return dataDir.resolve("run"); }

    /** The engine's descriptor: its pid and socket. */
    public Path descriptor() { return runDir().resolve("engine.json"); }

    /** The control socket: in the run folder, or a short path of its own when that one is too long. */
    public Path socket() {
        Path inRun = runDir().resolve("control.sock");
        if (inRun.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES) {
            return inRun;
        }
        return shortSocketDir().resolve(digest(dataDir.toString()) + ".sock");
    }

    private static Path shortSocketDir() {
        return Path.of(System.getProperty("java.io.tmpdir")).resolve("watchroom-" + System.getProperty("user.name"));
    }

    /** Creates the folders the socket and descriptor go in, with their permissions from the start. */
    void createFolders() throws IOException {
        createPrivateDir(runDir(), groupShared);
        Path socketDir = socket().getParent();
        if (!socketDir.equals(runDir())) {
            createPrivateDir(socketDir, false);
        }
    }

    /** The descriptor's and (after binding) the socket's permissions. */
    Set<PosixFilePermission> socketPermissions() {
        return PosixFilePermissions.fromString(groupShared ? "rw-rw----" : "rw-------");
    }

    Set<PosixFilePermission> descriptorPermissions() {
        return PosixFilePermissions.fromString(groupShared ? "rw-r-----" : "rw-------");
    }

    static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    private static void createPrivateDir(Path dir, boolean group) throws IOException {
        Set<PosixFilePermission> wanted = PosixFilePermissions.fromString(group ? "rwxr-x---" : "rwx------");
        if (!posix(dir.getParent())) {
            Files.createDirectories(dir);
            return;
        }
        try {
            // given at creation: there is no moment in which others may enter
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(wanted));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw new IOException(dir + " is not a folder", e);
            }
        }
        Files.setPosixFilePermissions(dir, wanted); // an older folder, or the umask took bits away
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
