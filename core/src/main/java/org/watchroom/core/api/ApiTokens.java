package org.watchroom.core.api;

import java.security.MessageDigest;
import java.util.Optional;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.settings.InstallationToken;
import org.watchroom.core.store.SettingsStore;

/**
 * The API's bearer token ({@link InstallationToken}): 32 random bytes, base64url, generated on first use and kept
 * in the local database's {@code settings} table ({@code api.token}) so {@code watchroom token} can print it again
 * (see docs/decisions/0009-rest-api.md). Checking a presented token compares SHA-256 digests with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the first difference is.
 *
 * <p>Auth answers with the {@link Operator} a request acts as: the installation token is the admin's token
 * ({@link #INSTALLATION}); per-user tokens ({@link UserStore#issueToken}) act as their user with that user's role.
 *
 * <p>Thread-safety: safe from any thread. The current token's digest is cached for a few seconds, so a
 * {@code watchroom token --rotate} from another process takes effect in a running server without a restart.
 */
public final class ApiTokens {
    /** The actor audit rows name for requests made with the installation token. */
    public static final String API_ACTOR = "api";
    /** Who the installation token acts as: an admin, named {@value #API_ACTOR} in audit rows. */
    public static final Operator INSTALLATION = new Operator(API_ACTOR, "Installation API token", Role.ADMIN);
    private static final long REFRESH_NANOS = 5_000_000_000L;

    private final InstallationToken installation;
    private final UserStore users;
    private record Cached(byte[] digest, long readAt) {
    }
    private volatile Cached cached;

    public ApiTokens(SettingsStore settings) {
        this(settings, null);
    }

    /** @param users per-user tokens are looked up here (null: only the installation token) */
    public ApiTokens(SettingsStore settings, UserStore users) {
        this.installation = new InstallationToken(settings);
        this.users = users;
        this.cached = new Cached(Sha256.of(current()), System.nanoTime());
    }

    /** The token, generated and stored on first use. */
    public String current() {
        return installation.current();
    }

    /** Replaces the token; the old one stops working at once. */
    public String rotate() {
        String token = installation.rotate();
        cached = new Cached(Sha256.of(token), System.nanoTime());
        return token;
    }

    /** Who a presented token acts as, or empty when it is missing or wrong. */
    public Optional<Operator> authenticate(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 512) {
            return Optional.empty();
        }
        byte[] digest = Sha256.of(presented);
        if (MessageDigest.isEqual(digest, digest())) {
            return Optional.of(INSTALLATION);
        }
        // a per-user token is found by its digest: an index lookup on SHA-256 of 256 random bits reveals nothing
        return users == null ? Optional.empty() : users.operatorForToken(digest);
    }

    private byte[] digest() {
        Cached now = cached;
        if (System.nanoTime() - now.readAt() > REFRESH_NANOS) {
            try {
                now = new Cached(Sha256.of(current()), System.nanoTime());
                cached = now;
            } catch (RuntimeException unreadable) {
                // the database cannot be read (a full disk closed it): the token known last keeps working, so
                // that monitoring can still ask /metrics and /health why
                return now.digest();
            }
        }
        return now.digest();
    }
}
