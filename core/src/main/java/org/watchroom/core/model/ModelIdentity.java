package org.watchroom.core.model;

import java.util.Objects;

/**
 * Which model produced a result, as kept with events for evidence.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id      the manifest id ({@code yolox-nano}), or the weights file's name for a model loaded without a manifest
 * @param version {@code sha256:<hex>} of the weights file, or null when it is not known
 */
public record ModelIdentity(String id, String version) {
    public ModelIdentity {
        Objects.requireNonNull(id, "id");
    }

    /** A manifest model: its id, and the hash of its verified weights as the version. */
    public static ModelIdentity of(ModelSpec spec) {
        return new ModelIdentity(spec.id(), "sha256:" + spec.sha256());
    }
}
