package org.watchroom.core.model;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One model of the manifest: what it detects, how to decode it, which file it is and where that file comes
 * from. The constructor checks every field, so a spec that exists is usable.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id          stable name used on the command line and in settings ({@code yolox-nano})
 * @param task        what it detects
 * @param adapter     which decoder reads its output
 * @param isDefault   whether it is the default model for its task
 * @param file        file name in the model store and in a mirror (a plain name, no folders)
 * @param inputWidth  network input width in pixels, or {@code null} when the model takes any size
 * @param inputHeight network input height in pixels, or {@code null} when the model takes any size
 * @param labels      labels file name (one class name per line), or {@code null} (faces)
 * @param url         pinned upstream download address, or {@code null} for a user's own file
 * @param sha256      expected SHA-256 of the file, 64 lower-case hex digits
 * @param size        expected size in bytes, or {@code null} when not known
 * @param license     SPDX license id of the weights
 * @param description one line for people, or {@code null}
 * @param origin      whether the entry ships with Watchroom or comes from the user's data dir
 */
public record ModelSpec(String id, Task task, Adapter adapter, boolean isDefault, String file, Integer inputWidth,
        Integer inputHeight, String labels, URI url, String sha256, Long size, String license, String description,
        Origin origin) {

    /** Where a manifest entry comes from. */
    public enum Origin {
        /** {@code models/manifest.json}, shipped in core's jar. */
        BUILTIN,
        /** {@code <dataDir>/models/manifest.json}, written by the user. */
        USER
    }

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    // A plain file name: no separators, no "..", nothing hidden, so a manifest cannot write outside the store.
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ModelSpec {
        require(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
        require(task, "task");
        require(adapter, "adapter");
        if (!adapter.supports(task)) {
            throw new IllegalArgumentException("adapter '" + adapter.id() + "' cannot serve task '" + task.id() + "'");
        }
        require(file, "file");
        checkFileName(file, "file");
        if ((inputWidth == null) != (inputHeight == null)) {
            throw new IllegalArgumentException("input_width and input_height must both be given, or both be null "
                    + "for a model that takes any size");
        }
        if (inputWidth != null && (inputWidth <= 0 || inputHeight <= 0)) {
            throw new IllegalArgumentException("input size must be positive, got " + inputWidth + "x" + inputHeight);
        }
        if (labels != null) {
            checkFileName(labels, "labels");
        } else if (task == Task.OBJECTS) {
            throw new IllegalArgumentException("an objects model needs a labels file");
        }
        if (url != null && !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new IllegalArgumentException("url must be http or https, got '" + url + "'");
        }
        require(sha256, "sha256");
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, got '" + sha256 + "'");
        }
        if (size != null && size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        require(license, "license");
        require(origin, "origin");
    }

    /** Whether the network takes any input size (the detector picks one; YuNet: multiples of 32). */
    public boolean dynamicInput() {
        return inputWidth == null;
    }

    /** The same entry with another default flag (a user's default replaces the built-in one). */
    public ModelSpec withDefault(boolean value) {
        return new ModelSpec(id, task, adapter, value, file, inputWidth, inputHeight, labels, url, sha256, size,
                license, description, origin);
    }

    /** The same entry fetched from elsewhere (tests serve it from a local HTTP server). */
    public ModelSpec withUrl(URI value) {
        return new ModelSpec(id, task, adapter, isDefault, file, inputWidth, inputHeight, labels, value, sha256, size,
                license, description, origin);
    }

    private static void require(Object value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
    }

    private static void checkFileName(String name, String field) {
        Objects.requireNonNull(name);
        if (!FILE.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException(field + " '" + name + "' must be a plain file name (letters, digits, "
                    + "'.', '_', '+', '-'; no folders)");
        }
    }
}
