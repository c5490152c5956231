package org.watchroom.core.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a file or folder argument. An empty one is refused: {@code Path.of("")} is the current folder, so
 * {@code --data-dir ""} would quietly make a database wherever the shell happens to be.
 *
 * <p>Thread-safety: immutable.
 */
final class PathArgument implements ITypeConverter<Path> {
    /** Longest path Linux accepts (PATH_MAX); Windows and macOS allow less. */
    static final int MAX_LENGTH = 4096;
    /** What relative paths are resolved against: the folder a forwarded command was typed in; null: as given. */
    private final Path base;

    PathArgument() {
        this(null);
    }

    PathArgument(Path base) {
        this.base = base;
    }

    @Override
    public Path convert(String value) {
        if (value == null || value.isBlank()) {
            throw new TypeConversionException("an empty path names no file or folder");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new TypeConversionException("a path must not contain control characters (line breaks, tabs, escapes)");
        }
        if (value.length() > MAX_LENGTH) {
            throw new TypeConversionException("a path of " + value.length() + " characters is longer than any file"
                    + " system allows");
        }
        try {
            Path path = Path.of(value);
            return base == null || path.isAbsolute() ? path : base.resolve(path);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("not a valid path: " + e.getReason());
        }
    }
}
