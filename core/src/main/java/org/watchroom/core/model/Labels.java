package org.watchroom.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.watchroom.core.model.ModelSpec.Origin;

/**
 * Class names of an objects model, index = class id of the network's output. The file format is UTF-8 text,
 * one name per line in class-id order (the format of {@code coco80.txt}); trailing blank lines are ignored,
 * a blank line in the middle is an error because it would shift every later id.
 *
 * <p>Thread-safety: immutable.
 */
public record Labels(List<String> names) {
    private static final Labels NONE = new Labels(List.of());

    public Labels {
        names = List.copyOf(names);
    }

    /** No names: face models, or a spec without a labels file. */
    public static Labels none() {
        return NONE;
    }

    /** The labels of a model: built-in files from core's jar, a user entry's file from the store folder. */
    public static Labels forModel(ModelSpec spec, ModelStore store) {
        if (spec.labels() == null) {
            return NONE;
        }
        if (spec.origin() == Origin.USER) {
            Path file = store.dir().resolve(spec.labels());
            if (Files.isRegularFile(file)) {
                return read(file);
            }
            // a user's YOLO export trained on COCO can simply name the shipped coco80.txt
            return ModelManifest.builtinText(spec.labels()).map(text -> parse(text, spec.labels()))
                    .orElseThrow(() -> new ModelException("Model '" + spec.id() + "': labels file " + file
                            + " not found (and '" + spec.labels() + "' is not a built-in labels file)"));
        }
        return builtin(spec.labels());
    }

    /** A labels file shipped in core's jar ({@code coco80.txt}). */
    public static Labels builtin(String name) {
        return ModelManifest.builtinText(name).map(text -> parse(text, "built-in " + name))
                .orElseThrow(() -> new ModelException("Built-in labels file '" + name + "' is missing from the "
                        + "class path; rebuild core."));
    }

    public static Labels read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ModelException("Cannot read labels file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the text of a labels file; {@code source} names it in errors. */
    public static Labels parse(String text, String source) {
        List<String> lines = text.lines().map(String::strip).toList();
        int last = lines.size();
        while (last > 0 && lines.get(last - 1).isEmpty()) {
            last--;
        }
        List<String> names = lines.subList(0, last);
        int blank = names.indexOf("");
        if (blank >= 0) {
            throw new ModelException("Labels file " + source + ": line " + (blank + 1) + " is blank; every line up "
                    + "to the last is a class name and a blank one would shift the class ids after it");
        }
        if (names.isEmpty()) {
            throw new ModelException("Labels file " + source + " has no class names");
        }
        return new Labels(names);
    }

    public int size() {
        return names.size();
    }

    /** The name of a class id; ids beyond the file (a model with more classes) read {@code class <id>}. */
    public String name(int classId) {
        return classId >= 0 && classId < names.size() ? names.get(classId) : "class " + classId;
    }
}
