package org.watchroom.core.model.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code manifest.json} exactly as written; {@code ModelManifest} checks it and turns it into a
 * {@code ModelSpec}. Kept apart so the JSON shape (snake_case, strings for enums) does not leak into the API.
 *
 * <p>Thread-safety: immutable.
 */
public record ManifestEntry(
        @JsonProperty("id") String id,
        @JsonProperty("task") String task,
        @JsonProperty("adapter") String adapter,
        @JsonProperty("default") Boolean isDefault,
        @JsonProperty("file") String file,
        @JsonProperty("input_width") Integer inputWidth,
        @JsonProperty("input_height") Integer inputHeight,
        @JsonProperty("labels") String labels,
        @JsonProperty("url") String url,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("size") Long size,
        @JsonProperty("license") String license,
        @JsonProperty("description") String description) {
}
