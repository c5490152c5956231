package org.watchroom.core.archive.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Maps a file path stored on the machine that wrote a data folder (absolute, maybe Windows-style) to the same
 * file inside the copied folder: the longest tail of the stored path that exists under the folder wins. A tail
 * that would leave the folder is never used, lexically or through a symbolic link, so a crafted database or folder
 * cannot point the viewer (or an export made from the archive) at a file outside it.
 *
 * <p>Thread-safety: immutable.
 */
public final class PathRelocator {
    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]+");
    private final Path root;

    public PathRelocator(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() { return root; }

    /** The file inside the folder, or null when no tail of {@code stored} exists there. */
    public String relocate(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        String[] parts = SEPARATORS.split(stored.strip());
        for (int i = 0; i < parts.length; i++) {
            Path candidate = inside(parts, i);
            if (candidate != null && Files.isRegularFile(candidate) && reallyInside(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** A package-relative path ({@code clips/7.mp4}) resolved inside the folder, or null when it would leave it. */
    public String resolve(String relative) {
        if (relative == null || relative.isBlank()) {
            return null;
        }
        Path candidate = inside(SEPARATORS.split(relative.strip()), 0);
        return candidate == null || (Files.exists(candidate) && !reallyInside(candidate)) ? null : candidate.toString();
    }

    private boolean reallyInside(Path candidate) {
        try {
            return candidate.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private Path inside(String[] parts, int from) {
        Path p = root;
        for (int i = from; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.endsWith(":")) {
                if (part.equals("..") || (part.endsWith(":") && i > from)) {
                    return null;
                }
                continue; // a leading "C:" or empty element from an absolute path
            }
            p = p.resolve(part);
        }
        Path normal = p.normalize();
        return normal.startsWith(root) && !normal.equals(root) ? normal : null;
    }
}
