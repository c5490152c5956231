package org.watchroom.core.digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of files and of streams being copied, as lower-case hex (the form {@code sha256sum} prints).
 *
 * <p>Thread-safety: stateless.
 */
public final class Sha256 {
    private static final int BUFFER = 64 * 1024;

    private Sha256() {
    }

    /** What {@link #copy} read: the byte count (at most {@code limit + 1}) and the hash of those bytes. */
    public record Copied(long bytes, String sha256) {
    }

    public static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copy(in, OutputStream.nullOutputStream(), Long.MAX_VALUE).sha256();
        }
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes (token digests). */
    public static byte[] of(String text) {
        return newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Copies {@code in} to {@code out} while hashing. Stops after {@code limit + 1} bytes so a wrong or hostile
     * source cannot fill the disk; the caller sees {@code bytes > limit} and rejects the file.
     */
    public static Copied copy(InputStream in, OutputStream out, long limit) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            digest.update(buffer, 0, n);
            total += n;
            if (total > limit) {
                break;
            }
        }
        return new Copied(total, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
