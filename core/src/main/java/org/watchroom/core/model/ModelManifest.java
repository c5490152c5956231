package org.watchroom.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.watchroom.core.model.ModelSpec.Origin;
import org.watchroom.core.model.internal.ManifestEntry;
import org.watchroom.core.model.internal.ManifestReader;

/**
 * The models Watchroom knows: the built-in {@code models/manifest.json} (copied into core's jar at build time)
 * plus, when present, the user's own {@code <dataDir>/models/manifest.json} (e.g. an Ultralytics export). Ids
 * are unique across both; a user entry marked {@code default} replaces the built-in default for its task.
 *
 * <p>Thread-safety: immutable.
 */
public final class ModelManifest {
    /** Class-path folder holding the built-in manifest and label files. */
    public static final String RESOURCE_DIR = "org/watchroom/core/model/";
    /** File name of a manifest, built-in and in the user's model store. */
    public static final String FILE_NAME = "manifest.json";

    private static final String BUILTIN_SOURCE = "built-in model manifest (" + RESOURCE_DIR + FILE_NAME + ")";

    private final List<ModelSpec> models;

    private ModelManifest(List<ModelSpec> models) {
        this.models = List.copyOf(models);
    }

    /** The built-in manifest. */
    public static ModelManifest load() {
        String json = builtinText(FILE_NAME)
                .orElseThrow(() -> new ModelException("The " + BUILTIN_SOURCE + " is missing from the class path; "
                        + "rebuild core (it copies models/ into the jar)."));
        ModelManifest builtin = parse(json, Origin.BUILTIN, BUILTIN_SOURCE);
        for (Task task : Task.values()) {
            builtin.defaultFor(task); // a built-in manifest without a default per task is a build error
        }
        return builtin;
    }

    /** The built-in manifest plus the user's {@code manifest.json} in the store folder, if there is one. */
    public static ModelManifest load(ModelStore store) {
        ModelManifest builtin = load();
        Path userFile = store.dir().resolve(FILE_NAME);
        if (!Files.isRegularFile(userFile)) {
            return builtin;
        }
        String json;
        try {
            json = Files.readString(userFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelException("Cannot read model manifest " + userFile + ": " + e.getMessage(), e);
        }
        return builtin.merge(parse(json, Origin.USER, userFile.toString()), userFile.toString());
    }

    /**
     * Parses one manifest file and checks every entry.
     *
     * @param source what to call the file in errors
     */
    public static ModelManifest parse(String json, Origin origin, String source) {
        List<ManifestEntry> entries = ManifestReader.read(json, source);
        Map<String, ModelSpec> byId = new LinkedHashMap<>();
        Map<Task, String> defaults = new EnumMap<>(Task.class);
        for (int i = 0; i < entries.size(); i++) {
            ManifestEntry entry = entries.get(i);
            String where = "models[" + i + "]" + (entry.id() == null ? "" : " ('" + entry.id() + "')");
            ModelSpec spec;
            try {
                spec = toSpec(entry, origin);
            } catch (IllegalArgumentException e) {
                throw new ModelException("Model manifest " + source + ", " + where + ": " + e.getMessage());
            }
            if (byId.putIfAbsent(spec.id(), spec) != null) {
                throw new ModelException("Model manifest " + source + ", " + where + ": id '" + spec.id()
                        + "' appears twice");
            }
            if (spec.isDefault()) {
                String other = defaults.putIfAbsent(spec.task(), spec.id());
                if (other != null) {
                    throw new ModelException("Model manifest " + source + ": both '" + other + "' and '" + spec.id()
                            + "' are the default for " + spec.task().id() + "; mark only one");
                }
            }
        }
        return new ModelManifest(new ArrayList<>(byId.values()));
    }

    /** Every model, built-in ones first, in manifest order. */
    public List<ModelSpec> models() {
        return models;
    }

    public Optional<ModelSpec> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The model with this id; the error lists the known ids. */
    public ModelSpec get(String id) {
        return find(id).orElseThrow(() -> new ModelException("Unknown model '" + id + "'. Known models: "
                + String.join(", ", models.stream().map(ModelSpec::id).toList()) + "."));
    }

    /** The model used for a task when the user picks none (built-in: yolox-nano for objects, yunet for faces). */
    public ModelSpec defaultFor(Task task) {
        return models.stream().filter(m -> m.task() == task && m.isDefault()).findFirst()
                .orElseThrow(() -> new ModelException("No default model for " + task.id() + " in the manifest."));
    }

    /** The default model of every task that has one, in task order. */
    public List<ModelSpec> defaults() {
        List<ModelSpec> result = new ArrayList<>();
        for (Task task : Task.values()) {
            models.stream().filter(m -> m.task() == task && m.isDefault()).findFirst().ifPresent(result::add);
        }
        return result;
    }

    ModelManifest merge(ModelManifest user, String userSource) {
        List<ModelSpec> merged = new ArrayList<>();
        for (ModelSpec own : models) {
            if (user.find(own.id()).isPresent()) {
                throw new ModelException("Model manifest " + userSource + ": id '" + own.id()
                        + "' is already a built-in model; pick another id");
            }
            boolean replaced = own.isDefault()
                    && user.models.stream().anyMatch(u -> u.isDefault() && u.task() == own.task());
            merged.add(replaced ? own.withDefault(false) : own);
        }
        merged.addAll(user.models);
        return new ModelManifest(merged);
    }

    /** Text of a built-in file (manifest or labels) from the class path, if it is there. */
    static Optional<String> builtinText(String name) {
        try (InputStream in = ModelManifest.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read built-in " + RESOURCE_DIR + name, e);
        }
    }

    private static ModelSpec toSpec(ManifestEntry e, Origin origin) {
        if (e.task() == null) {
            throw new IllegalArgumentException("missing 'task'");
        }
        if (e.adapter() == null) {
            throw new IllegalArgumentException("missing 'adapter'");
        }
        if (e.url() == null && origin == Origin.BUILTIN) {
            throw new IllegalArgumentException("missing 'url' (built-in models are fetched from a pinned upstream)");
        }
        URI url = null;
        if (e.url() != null) {
            try {
                url = new URI(e.url());
            } catch (URISyntaxException ex) {
                throw new IllegalArgumentException("url '" + e.url() + "' is not a valid address: " + ex.getReason());
            }
        }
        return new ModelSpec(e.id(), Task.parse(e.task()), Adapter.parse(e.adapter()),
                Boolean.TRUE.equals(e.isDefault()), e.file(), e.inputWidth(), e.inputHeight(), e.labels(), url,
                e.sha256(), e.size(), e.license(), e.description(), origin);
    }
}
