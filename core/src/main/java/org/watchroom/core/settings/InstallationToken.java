package org.watchroom.core.settings;

import java.security.SecureRandom;
import java.util.Base64;
import org.watchroom.core.store.SettingsStore;

/**
 * The installation's REST API token as stored ({@code api.token}): 32 random bytes, base64url, generated on first
 * use and kept so that {@code watchroom token} can print it again. Checking presented tokens is the API's business
 * ({@code api.ApiTokens}); this is only where the token lives, so that settings need not reach up into the API.
 *
 * <p>Thread-safety: safe from any thread; the store serialises writes.
 */
public final class InstallationToken {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SettingsStore settings;

    public InstallationToken(SettingsStore settings) {
        this.settings = settings;
    }

    /** The token, generated and stored on first use. */
    public String current() {
        return settings.getOrCreate(SettingKey.API_TOKEN.key(), InstallationToken::generate);
    }

    /** Replaces the token; the old one stops working at once. */
    public String rotate() {
        String token = generate();
        settings.put(SettingKey.API_TOKEN.key(), token);
        return token;
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
