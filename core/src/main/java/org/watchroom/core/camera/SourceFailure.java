package org.watchroom.core.camera;

/**
 * Why a connection attempt or a running stream ended, in words a guard understands.
 *
 * @param reason clear message without password or stack trace
 * @param permanent whether retrying cannot help (wrong password, unsupported codec, missing file)
 */
public record SourceFailure(String reason, boolean permanent) {
}
