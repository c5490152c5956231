package org.watchroom.core.evidence;

/**
 * One file of a package as the manifest lists it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param path   relative to the package folder, {@code /}-separated ({@code clips/7.mp4})
 * @param bytes  its size
 * @param sha256 lower-case hex of its bytes
 */
public record ManifestFile(String path, long bytes, String sha256) {
}
