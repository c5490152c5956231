package org.watchroom.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.watchroom.core.digest.Sha256;

/**
 * The user's model folder, {@code <dataDir>/models}: one file per model under its manifest file name, plus an
 * optional user {@code manifest.json} and labels files. A file counts as present only when its size and
 * SHA-256 match the manifest; the hash is computed once per file version (size and modification time) and
 * remembered, so asking again is cheap.
 *
 * <p>Thread-safety: thread-safe (the verification cache is a concurrent map; two threads may hash the same file
 * once each, which is harmless).
 */
public final class ModelStore {
    /** Sub-folder of the data dir. */
    public static final String FOLDER = "models";

    /** What the store holds for one model. */
    public enum Status {
        /** No file. */
        MISSING,
        /** The file is there and its size and SHA-256 match the manifest. */
        VERIFIED,
        /** A file is there but it is not the expected one (truncated, corrupted, another version). */
        DAMAGED
    }

    private record Stamp(long size, FileTime modified, String sha256) {
    }

    private final Path dir;
    private final Map<Path, Stamp> verified = new ConcurrentHashMap<>();

    private ModelStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The store inside a data dir (see {@code DataDirectory}); the folder is created by the first fetch. */
    public static ModelStore in(Path dataDir) {
        return new ModelStore(dataDir.resolve(FOLDER));
    }

    public Path dir() {
        return dir;
    }

    /** Where the model's file lives (whether or not it is there yet). */
    public Path path(ModelSpec spec) {
        return dir.resolve(spec.file());
    }

    public boolean isPresent(ModelSpec spec) {
        return status(spec) == Status.VERIFIED;
    }

    public Status status(ModelSpec spec) {
        return check(spec).status;
    }

    /**
     * The verified path of a model for a detector to load; the error says how to get the file.
     *
     * @throws ModelException when the file is missing or damaged
     */
    public Path require(ModelSpec spec) {
        Check check = check(spec);
        return switch (check.status) {
            case VERIFIED -> path(spec);
            case MISSING -> throw new ModelException("Model '" + spec.id() + "' is not in the model store: "
                    + path(spec) + " is missing. Run `watchroom models fetch " + spec.id() + "`.");
            case DAMAGED -> throw new ModelException("Model '" + spec.id() + "': " + path(spec) + " is damaged: "
                    + "expected sha256 " + spec.sha256() + check.detail + ". Run `watchroom models fetch "
                    + spec.id() + "` to replace it.");
        };
    }

    /** Size of the model's file in the store, or -1 when there is none. */
    public long sizeOnDisk(ModelSpec spec) {
        try {
            return Files.size(path(spec));
        } catch (IOException e) {
            return -1;
        }
    }

    /** The fetcher has just moved a file it hashed into place: no need to hash it again. */
    void remember(Path file, String sha256) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        verified.put(file, new Stamp(attrs.size(), attrs.lastModifiedTime(), sha256));
    }

    private record Check(Status status, String detail) {
    }

    private Check check(ModelSpec spec) {
        Path file = path(spec);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new Check(Status.MISSING, "");
        } catch (IOException e) {
            throw new ModelException("Model '" + spec.id() + "': cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!attrs.isRegularFile()) {
            return new Check(Status.DAMAGED, ", but it is not a regular file");
        }
        if (spec.size() != null && attrs.size() != spec.size()) {
            return new Check(Status.DAMAGED, " and " + spec.size() + " bytes, got " + attrs.size() + " bytes");
        }
        Stamp known = verified.get(file);
        String sha;
        if (known != null && known.size() == attrs.size() && known.modified().equals(attrs.lastModifiedTime())) {
            sha = known.sha256();
        } else {
            try {
                sha = Sha256.of(file);
            } catch (IOException e) {
                throw new ModelException("Model '" + spec.id() + "': cannot read " + file + ": " + e.getMessage(), e);
            }
            verified.put(file, new Stamp(attrs.size(), attrs.lastModifiedTime(), sha));
        }
        return sha.equals(spec.sha256()) ? new Check(Status.VERIFIED, "")
                : new Check(Status.DAMAGED, ", got " + sha);
    }
}
