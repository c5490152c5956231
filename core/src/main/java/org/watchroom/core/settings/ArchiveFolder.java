package org.watchroom.core.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuous recording's archive folder (setting {@code recording.archive_dir}): a second disk or a NAS where
 * segments older than {@code recording.archive_after_hours} are moved, under the same relative path as in the data
 * folder ({@code <archive>/recordings/<camera>/<day>/<hour>/<file>.mp4}).
 *
 * <p>When it is set, a marker file {@value #MARKER} is written into it; the folder counts as reachable only while
 * the marker is there. A NAS or a second disk that is not mounted leaves an empty mount point (or no folder at
 * all): without the marker nothing is ever written there (footage would otherwise fill the disk under the mount
 * point), and readers say that the archive cannot be reached instead of "the file is gone".
 *
 * <p>Thread-safety: immutable.
 *
 * @param dir the folder, absolute and normalised
 */
public record ArchiveFolder(Path dir) {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveFolder.class);
    /** The file that says "this folder is a Watchroom archive, mounted". */
    public static final String MARKER = ".watchroom-archive";
    /** Longer paths would not leave room in {@code segments.path} (2,000 characters) for the segment's own. */
    static final int MAX_LENGTH = 1000;

    public ArchiveFolder {
        if (!dir.isAbsolute()) {
            throw new IllegalArgumentException("The archive folder must be an absolute path, not " + dir + ".");
        }
        dir = dir.normalize();
    }

    /** The stored setting: empty when archiving is off (or the stored value is not an absolute path here). */
    public static Optional<ArchiveFolder> parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return Optional.empty();
        }
        try {
            Path dir = Path.of(stored.strip());
            return dir.isAbsolute() ? Optional.of(new ArchiveFolder(dir)) : Optional.empty();
        } catch (InvalidPathException e) {
            LOG.warn("Setting recording.archive_dir is not a path here; archiving is off", e);
            return Optional.empty();
        }
    }

    /**
     * The value to store for a typed folder: empty (off), or an absolute folder that exists here, normalised.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static String normalise(String typed) {
        String v = typed == null ? "" : typed.strip();
        if (v.isEmpty()) {
            return "";
        }
        Path dir;
        try {
            dir = Path.of(v);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("Setting recording.archive_dir: '" + v + "' is not a path here ("
                    + e.getReason() + ").");
        }
        if (!dir.isAbsolute()) {
            throw new IllegalArgumentException("Setting recording.archive_dir takes an absolute folder (a second disk "
                    + "or a mounted NAS share); '" + v + "' is not absolute. An empty value turns archiving off.");
        }
        String normal = dir.normalize().toString();
        if (normal.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Setting recording.archive_dir is " + normal.length()
                    + " characters long; at most " + MAX_LENGTH + " leave room for the segments' own paths.");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Setting recording.archive_dir: '" + normal + "' is not a folder here "
                    + "(mount the disk or share first).");
        }
        return normal;
    }

    /**
     * Checks that this folder can be the archive of the data folder {@code dataDir} (it must not be, hold or lie in
     * its recordings) and writes the marker into it.
     *
     * @throws IllegalArgumentException when it cannot be used, in words
     */
    void prepare(Path dataDir) {
        Path local = dataDir.toAbsolutePath().normalize().resolve("recordings");
        Path archived = recordings();
        if (overlap(real(local), real(archived)) || overlap(local, archived)) {
            throw new IllegalArgumentException("Setting recording.archive_dir: " + dir + " would put archived segments "
                    + "in or around the data folder's own recordings (" + local + "); choose another folder, "
                    + "preferably on another disk.");
        }
        try {
            Files.writeString(dir.resolve(MARKER), "Watchroom recordings archive of " + dataDir.toAbsolutePath()
                    .normalize() + System.lineSeparator() + "Segments are moved here under recordings/; do not "
                    + "delete this file: without it the folder counts as not mounted." + System.lineSeparator(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Setting recording.archive_dir: cannot write into " + dir + " ("
                    + e.getMessage() + "); the archive must be writable.");
        }
    }

    private static boolean overlap(Path a, Path b) {
        return a.startsWith(b) || b.startsWith(a);
    }

    /** {@code p}'s real path as far as it exists, then the rest as written. */
    private static Path real(Path p) {
        Path existing = p;
        Path rest = p.getFileSystem().getPath("");
        while (existing != null && !Files.exists(existing)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(rest).normalize();
        } catch (IOException e) {
            return p;
        }
    }

    /** Where segments go: {@code <archive>/recordings}. */
    public Path recordings() {
        return dir.resolve("recordings");
    }

    /** Whether a stored segment path lies in this archive. */
    public boolean holds(String path) {
        try {
            return Path.of(path).toAbsolutePath().normalize().startsWith(dir);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Why the archive cannot be used now (not mounted, marker gone, not a folder), or empty when it can. */
    public Optional<String> problem() {
        if (!Files.isDirectory(dir)) {
            return Optional.of("the folder " + dir + " does not exist (disk or share not mounted?)");
        }
        if (!Files.isRegularFile(dir.resolve(MARKER))) {
            return Optional.of("the folder " + dir + " has no " + MARKER + " marker, so it is taken for a mount point "
                    + "whose disk or share is not mounted; when it is the right folder, set it again: 'watchroom "
                    + "settings set recording.archive_dir " + dir + "'");
        }
        return Optional.empty();
    }

    /**
     * Why the file of a segment stored at {@code path} cannot be read: it was moved to this archive, which cannot
     * be reached now; empty when the path is not in the archive or the archive is reachable.
     */
    public Optional<String> unreachable(String path) {
        if (!holds(path)) {
            return Optional.empty();
        }
        return problem().map(p -> "it was moved to the archive folder " + dir + ", which cannot be reached: " + p);
    }

    /** Why a segment's file at {@code path} cannot be read, in words, with the archive (if any) in mind. */
    public static String whyMissing(String path, Optional<ArchiveFolder> archive) {
        return archive.flatMap(a -> a.unreachable(path)).orElse("the file is gone");
    }
}
