package org.watchroom.core.settings;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceKind;

/**
 * The folders whose files may become cameras through the REST API (setting {@code cameras.file_roots}). A token
 * holder is not someone at this machine: without this list, any file the process can read (a key, another
 * installation's footage) could be opened and watched as a camera. People at the machine (command line, workstation)
 * are not limited. Paths are compared as real paths, so neither {@code ..} nor a symbolic link leads out of a folder.
 *
 * <p>Thread-safety: immutable.
 *
 * @param folders absolute folders, as set; empty means no file camera through the API
 */
public record FileCameraRoots(List<Path> folders) {
    private static final Logger LOG = LoggerFactory.getLogger(FileCameraRoots.class);

    public FileCameraRoots {
        folders = List.copyOf(folders);
    }

    /** The folders in a stored value; a stored entry that is not an absolute path is ignored (never widens). */
    public static FileCameraRoots parse(String setting) {
        List<Path> folders = new ArrayList<>();
        for (String entry : entries(setting)) {
            try {
                Path folder = Path.of(entry);
                if (folder.isAbsolute()) {
                    folders.add(folder.normalize());
                }
            } catch (InvalidPathException e) {
                LOG.warn("Setting cameras.file_roots: an entry is not a path here and is ignored", e);
            }
        }
        return new FileCameraRoots(folders);
    }

    /**
     * The value to store for a typed list: absolute folders that exist, normalised, joined by the path separator.
     *
     * @throws IllegalArgumentException naming the entry that is not an absolute folder
     */
    static String normalise(String typed) {
        List<String> folders = new ArrayList<>();
        for (String entry : entries(typed)) {
            Path folder;
            try {
                folder = Path.of(entry);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("Setting cameras.file_roots: '" + entry + "' is not a path here ("
                        + e.getReason() + ").");
            }
            if (!folder.isAbsolute()) {
                throw new IllegalArgumentException("Setting cameras.file_roots takes absolute folders separated by '"
                        + File.pathSeparator + "'; '" + entry + "' is not absolute.");
            }
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("Setting cameras.file_roots: '" + entry + "' is not a folder here.");
            }
            folders.add(folder.normalize().toString());
        }
        return folders.stream().distinct().collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> entries(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(Pattern.quote(File.pathSeparator)))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether {@code url} is a file source whose real path is a regular file inside one of the folders. */
    public boolean allows(CameraUrl url) {
        if (url.kind() != SourceKind.FILE || folders.isEmpty()) {
            return false;
        }
        Path file;
        try {
            file = Path.of(url.address()).toRealPath();
        } catch (IOException | InvalidPathException e) {
            return false; // missing or unreadable: nothing to compare; the refusal says the same as for outside
        }
        if (!Files.isRegularFile(file)) {
            return false;
        }
        for (Path folder : folders) {
            try {
                if (file.startsWith(folder.toRealPath())) {
                    return true;
                }
            } catch (IOException e) {
                LOG.warn("Setting cameras.file_roots: folder {} cannot be resolved", folder, e);
            }
        }
        return false;
    }

    /** Why a file camera was refused through the API; names no path (a refusal must not confirm that a file exists). */
    public String refusal() {
        return "Through the API, a file camera must be a file inside one of the folders of setting cameras.file_roots ("
                + (folders.isEmpty() ? "none is set" : folders.size() + " set") + "). An admin allows a folder with "
                + "'watchroom settings set cameras.file_roots /srv/footage'; the command line and the workstation add "
                + "file cameras from anywhere.";
    }
}
