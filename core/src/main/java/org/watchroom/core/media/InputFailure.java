package org.watchroom.core.media;

/**
 * Why opening or reading an input ended, in words a guard understands.
 *
 * <p>Thread-safety: immutable.
 *
 * @param reason clear message without password or stack trace
 * @param permanent whether retrying cannot help (wrong password, unsupported codec, missing file)
 */
public record InputFailure(String reason, boolean permanent) {
}
