package org.watchroom.core.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.RowView;
import org.watchroom.core.account.internal.FailureDelay;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.PasswordHasher;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.SignIn;
import org.watchroom.core.auth.User;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.StoreException;

/**
 * Local accounts: create, list, disable, change password and sign in. Every change and every sign-in attempt
 * appends an audit row. Changes need {@link Permission#MANAGE_USERS}, except creating the very first account, which
 * must be an admin (first run). Failed sign-ins are counted per account in the database, so a restart does not
 * reset the growing delay; unknown names are counted in memory.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (hashing takes about half a second).
 */
public final class UserStore implements Accounts {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final int MIN_PASSWORD = 8;
    /** Actors the audit log already uses for Watchroom itself: a person may not be mistaken for them. */
    private static final Set<String> RESERVED = Set.of("api", "retention", "recovery", "system", "local");
    private static final String COLUMNS = "id, user_name, display_name, role, created_at, disabled_at";

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final PasswordHasher hasher = new PasswordHasher();
    private final Clock clock;
    private final Map<String, int[]> unknownFailures = new ConcurrentHashMap<>();
    private final Map<String, Instant> unknownLast = new ConcurrentHashMap<>();

    public UserStore(Database database) {
        this(database, Clock.systemUTC());
    }

    public UserStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.audit = new AuditLog(jdbi);
        this.clock = clock;
    }

    /** True until the first account exists: the UI then asks for an admin account instead of a sign-in. */
    @Override
    public boolean none() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one()) == 0;
    }

    /** Creates an account; {@code by} may be null only for the first account, which must be an admin. */
    @Override
    public User add(String userName, String displayName, Role role, char[] password, Operator by) {
        String name = normalise(userName);
        requirePassword(password);
        String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
        String hash = hasher.hash(password);
        String actor = jdbi.inTransaction(h -> {
            boolean first = h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one() == 0;
            if (by == null && !(first && role == Role.ADMIN)) {
                throw new IllegalArgumentException(first ? "The first account must be an admin."
                        : "Only an admin can add accounts.");
            }
            if (by != null) {
                by.require(Permission.MANAGE_USERS);
            }
            if (h.createQuery("SELECT COUNT(*) FROM users WHERE user_name = :n").bind("n", name).mapTo(Long.class).one() > 0) {
                throw new IllegalArgumentException("There is already an account named '" + name + "'.");
            }
            h.createUpdate("INSERT INTO users (user_name, display_name, role, password_hash, created_at) "
                            + "VALUES (:n, :d, :r, :p, :at)")
                    .bind("n", name).bind("d", display).bind("r", role.dbValue()).bind("p", hash)
                    .bind("at", time(clock.instant())).execute();
            String who = by == null ? name : by.userName();
            audit.append(h, who, "user.add", subject(name), role.dbValue());
            return who;
        });
        return find(name).orElseThrow(() -> new StoreException("Account " + name + " vanished after " + actor + " added it."));
    }

    @Override
    public List<User> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY user_name")
                .mapTo(User.class).list());
    }

    @Override
    public Optional<User> find(String userName) {
        String name = userName == null ? "" : userName.strip().toLowerCase(Locale.ROOT);
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE user_name = :n")
                .bind("n", name).mapTo(User.class).findOne());
    }

    /** Disables an account (it can no longer sign in; its audit history stays). An admin cannot disable itself. */
    @Override
    public User disable(String userName, Operator by) {
        by.require(Permission.MANAGE_USERS);
        String name = existing(userName);
        if (name.equals(by.userName())) {
            throw new IllegalArgumentException("You cannot disable your own account.");
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE users SET disabled_at = COALESCE(disabled_at, :at) WHERE user_name = :n")
                    .bind("at", time(clock.instant())).bind("n", name).execute();
            audit.append(h, by.userName(), "user.disable", subject(name), null);
        });
        return find(name).orElseThrow();
    }

    /** Sets a new password: an admin for anyone, everyone for themselves. Clears the failure count. */
    @Override
    public void changePassword(String userName, char[] password, Operator by) {
        String name = existing(userName);
        if (!name.equals(by.userName())) {
            by.require(Permission.MANAGE_USERS);
        }
        requirePassword(password);
        String hash = hasher.hash(password);
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE users SET password_hash = :p, failed_attempts = 0, last_failure_at = NULL "
                    + "WHERE user_name = :n").bind("p", hash).bind("n", name).execute();
            audit.append(h, by.userName(), "user.passwd", subject(name), null);
        });
    }

    /** Checks a name and password; audits the attempt either way. */
    @Override
    public SignIn signIn(String userName, char[] password) {
        String name = userName == null ? "" : userName.strip().toLowerCase(Locale.ROOT);
        record Account(User user, String hash, int failures, Instant lastFailure) { }
        Optional<Account> account = jdbi.withHandle(h -> h.createQuery(
                        "SELECT " + COLUMNS + ", password_hash, failed_attempts, last_failure_at FROM users WHERE user_name = :n")
                .bind("n", name).map(row -> new Account(row.getRow(User.class),
                        row.getColumn("password_hash", String.class), row.getColumn("failed_attempts", Integer.class),
                        lastFailure(row))).findOne()); // failed_attempts is NOT NULL
        int failures = account.map(Account::failures).orElseGet(() -> unknownFailures.getOrDefault(name, new int[1])[0]);
        Instant last = account.map(Account::lastFailure).orElse(unknownLast.get(name));
        Duration wait = last == null ? Duration.ZERO
                : Duration.between(clock.instant(), last.plus(FailureDelay.after(failures)));
        if (wait.isPositive()) {
            audit.append(auditName(name), "user.signin.throttled", subject(name), failures + " failures in a row");
            return new SignIn.Throttled(wait);
        }
        boolean ok = account.isPresent() ? hasher.verify(password, account.get().hash()) : hasher.verifyNobody(password);
        if (ok && !account.get().user().disabled()) {
            jdbi.useTransaction(h -> {
                h.createUpdate("UPDATE users SET failed_attempts = 0, last_failure_at = NULL WHERE user_name = :n")
                        .bind("n", name).execute();
                audit.append(h, name, "user.signin", subject(name), null);
            });
            return new SignIn.Success(account.get().user().operator());
        }
        Instant now = clock.instant();
        if (account.isPresent()) {
            jdbi.useTransaction(h -> {
                h.createUpdate("UPDATE users SET failed_attempts = failed_attempts + 1, last_failure_at = :at "
                        + "WHERE user_name = :n").bind("at", time(now)).bind("n", name).execute();
                audit.append(h, name, "user.signin.failed", subject(name), ok ? "account disabled" : "wrong password");
            });
        } else {
            if (unknownFailures.size() > 1024) {
                unknownFailures.clear(); // bounded memory; known accounts keep their count in the database
                unknownLast.clear();
            }
            unknownFailures.computeIfAbsent(name, n -> new int[1])[0]++;
            unknownLast.put(name, now);
            audit.append(auditName(name), "user.signin.failed", subject(name), "no such account");
        }
        return new SignIn.Refused(ok ? "This account is disabled. Ask an admin."
                : "Wrong user name or password.");
    }

    /**
     * Issues a new REST API token for {@code userName}, replacing the one it had; requests with it act as that user
     * with that user's role. Only its SHA-256 is stored, so this is the only time it is shown. An admin may issue
     * tokens for anyone, everyone for themselves.
     */
    @Override
    public String issueToken(String userName, Operator by) {
        String name = existing(userName);
        if (!name.equals(by.userName())) {
            by.require(Permission.MANAGE_USERS);
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = "wr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM api_tokens WHERE user_name = :n").bind("n", name).execute();
            h.createUpdate("INSERT INTO api_tokens (user_name, token_sha256, created_at) VALUES (:n, :d, :at)")
                    .bind("n", name).bind("d", HexFormat.of().formatHex(Sha256.of(token)))
                    .bind("at", time(clock.instant())).execute();
            audit.append(h, by.userName(), "user.token", subject(name), "issued");
        });
        return token;
    }

    /** The active user a per-user API token belongs to; empty for an unknown token or a disabled account. */
    public Optional<Operator> operatorForToken(byte[] tokenSha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT u.id, u.user_name, u.display_name, u.role, u.created_at, "
                        + "u.disabled_at FROM api_tokens t JOIN users u ON u.user_name = t.user_name WHERE t.token_sha256 = :d")
                .bind("d", HexFormat.of().formatHex(tokenSha256)).mapTo(User.class).findOne())
                .filter(u -> !u.disabled()).map(User::operator);
    }

    private String existing(String userName) {
        return find(userName).map(User::userName)
                .orElseThrow(() -> new IllegalArgumentException("There is no account named '" + userName + "'."));
    }

    private static String normalise(String userName) {
        String name = userName == null ? "" : userName.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A user name is 1–64 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit.");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' names a part of Watchroom in the audit log; choose another name.");
        }
        return name;
    }

    private static void requirePassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("A password needs at least " + MIN_PASSWORD + " characters.");
        }
    }

    /** What an audit row may say about a typed name: never more than a short, plain name (it could be a password). */
    private static String auditName(String typed) {
        return NAME.matcher(typed).matches() ? typed : "(invalid name)";
    }

    private static String subject(String name) {
        return "user:" + auditName(name);
    }

    private static Instant lastFailure(RowView row) {
        OffsetDateTime t = row.getColumn("last_failure_at", OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime time(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
