package org.watchroom.core.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK's own provider, a 16-byte random salt per hash and 600 000 iterations (OWASP's
 * 2023 figure; ≈0.3–0.5 s on a 2-core control-room PC). Stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * so the work factor can grow later without breaking old hashes. See docs/decisions/0010-operators-and-roles.md.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class PasswordHasher {
    public static final int ITERATIONS = 600_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new hash of {@code password} with a fresh salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] derived = derive(password, salt, ITERATIONS);
        return SCHEME + "$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derived);
    }

    /** Whether {@code password} matches {@code stored}; a malformed stored value never matches. */
    public boolean verify(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || iterations > 50_000_000) {
                return false;
            }
            return MessageDigest.isEqual(derive(password, salt, iterations), expected);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Spends the time of one verification without a user, then fails. */
    public boolean verifyNobody(char[] password) {
        verify(password, Dummy.HASH);
        return false;
    }

    /**
     * Hashed when the user does not exist, so that a wrong name takes as long as a wrong password. A holder class:
     * made at the first unknown name, not at every start (each hash costs half a second).
     */
    private static final class Dummy {
        static final String HASH = new PasswordHasher().hash("not a password".toCharArray());
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
