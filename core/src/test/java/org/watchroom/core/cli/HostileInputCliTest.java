package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Role;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.People;

/**
 * Every command with hostile values (10 kB names, control characters, unknown ids, zero and out-of-range numbers,
 * empty and missing paths): each answer is one line on stderr that says what was wrong, exit 2 (refused input),
 * nothing on stdout, no SQL, no stack trace, no 10 kB value echoed whole, never a password, and nothing stored.
 */
class HostileInputCliTest {
    static final String BIG = "a".repeat(10_240);
    static final String SECRET = "s3cret" + "p".repeat(10_000);

    @TempDir
    static Path temp;
    static Path data;
    static String before;

    /** A hostile invocation, the exit code it must get and what its one line must say. */
    record Case(String name, List<String> args, int exit, String says) {
        @Override
        public String toString() { return name; }
    }

    @BeforeAll
    static void installation() {
        data = temp.resolve("data");
        try (Database db = Database.open(data)) {
            UserStore users = new UserStore(db);
            users.add("chief", "Chief", Role.ADMIN, "open sesame 1".toCharArray(), null);
            users.add("guard", "Guard", Role.OPERATOR, "open sesame 2".toCharArray(), People.ADMIN);
            users.disable("guard", People.ADMIN);
            new CameraStore(db).add(Camera.create("Dock", "rtsp://ops:dock-pw@192.0.2.10/h264", null, null), People.ADMIN);
        }
        before = state();
    }

    static Stream<Case> cases() {
        String url = "rtsp://192.0.2.1/x";
        String out = temp.resolve("package").toString();
        return Stream.of(
                data("cameras: 10 kB name", 2, "--name is 10240 characters long; at most 200 fit.",
                        "cameras", "add", "--name", BIG, "--url", url),
                data("cameras: 10 kB url", 2, "--url (without user and password) is 10258 characters long; at most 2000",
                        "cameras", "add", "--name", "A", "--url", url + BIG),
                data("cameras: 10 kB sub-url", 2, "--sub-url (without user and password) is 10258 characters long",
                        "cameras", "add", "--name", "A", "--url", url, "--sub-url", url + BIG),
                data("cameras: 10 kB location", 2, "--location is 10240 characters long; at most 500 fit.",
                        "cameras", "add", "--name", "A", "--url", url, "--location", BIG),
                data("cameras: 10 kB user in the url", 2, "The user name in --url is longer than the 200 characters",
                        "cameras", "add", "--name", "A", "--url", "rtsp://" + BIG + ":pw@192.0.2.1/x"),
                data("cameras: 10 kB password in the url", 2, "The password in --url is longer than the 500 characters",
                        "cameras", "add", "--name", "A", "--url", "rtsp://ops:" + SECRET + "@192.0.2.1/x"),
                data("cameras: control characters in the name", 2, "--name must not contain control characters",
                        "cameras", "add", "--name", "Gate\n\u001b[31mred", "--url", url),
                data("cameras: 10 kB transport", 2, "--rtsp-transport must be tcp or udp, not 'aaa",
                        "cameras", "add", "--name", "A", "--url", url, "--rtsp-transport", BIG),
                data("cameras: 10 kB id", 2, "is not a long", "cameras", "remove", BIG),
                data("users: 10 kB display name", 2, "--display-name is 10240 characters long; at most 200 fit.",
                        "users", "add", "--name", "g1", "--display-name", BIG, "--role", "operator", "--password-stdin"),
                data("users: escape sequence in the display name", 2, "--display-name must not contain control characters",
                        "users", "add", "--name", "g1", "--display-name", "\u001b[2J", "--role", "operator",
                        "--password-stdin"),
                data("users: 10 kB role", 2, "Unknown role", "users", "add", "--name", "g1", "--role", BIG,
                        "--password-stdin"),
                data("users: disable a 10 kB name", 2, "There is no account named 'aaa", "users", "disable", BIG),
                data("users: passwd of a 10 kB name", 2, "There is no account named 'aaa", "users", "passwd", BIG,
                        "--password-stdin"),
                data("users: token for a 10 kB name", 2, "There is no account named 'aaa", "users", "token", BIG),
                data("users: token for a disabled account", 2,
                        "The account 'guard' is disabled; its token would be refused, so none was issued.",
                        "users", "token", "guard"),
                data("settings: 10 kB key", 2, "Unknown setting 'aaa", "settings", "get", BIG),
                data("settings: set a 10 kB key", 2, "Unknown setting 'aaa", "settings", "set", BIG, "1"),
                data("settings: 10 kB CORS origins", 2, "api.cors_origins is 10247 characters long; at most 4000 fit.",
                        "settings", "set", "api.cors_origins", "http://" + BIG),
                data("settings: 10 kB bind address", 2, "api.bind is 10240 characters long; at most 4000 fit.",
                        "settings", "set", "api.bind", BIG),
                data("settings: a bind address with blanks", 2, "is not an address",
                        "settings", "set", "api.bind", "127.0.0.1 evil"),
                data("settings: port 0 stored", 2, "api.port must be a port between 1 and 65535",
                        "settings", "set", "api.port", "0"),
                data("settings: 10 kB switch", 2, "api.enabled is 10240 characters long",
                        "settings", "set", "api.enabled", BIG),
                data("events: 10 kB status", 2, "Event status must be pending, confirmed or dismissed",
                        "events", "list", "--status", BIG),
                data("events: camera -1", 2, "--camera takes a camera id (1 or more", "events", "list", "--camera", "-1"),
                data("events: 10 kB limit", 2, "is not an int", "events", "list", "--limit", BIG),
                data("export: empty --out", 2, "an empty path names no file or folder", "export", "--event", "1",
                        "--out", ""),
                data("export: 10 kB time zone", 2, "Unknown time zone 'aaa", "export", "--event", "1", "--out", out,
                        "--time-zone", BIG),
                data("verify: 10 kB path", 2, "a path of 10245 characters is longer than any file system allows",
                        "verify", "/tmp/" + BIG),
                data("replay: empty path", 2, "an empty path names no file or folder", "replay", ""),
                data("models: 10 kB id", 2, "Unknown model 'aaa", "models", "fetch", "--mirror", temp.toString(), BIG),
                data("detect: 10 kB model id", 2, "Unknown model 'aaa", "detect", "--model", BIG, "photo.jpg"),
                // --duration: were a value accepted, the run would end instead of hanging the test
                data("headless: missing footage", 2, "--footage: there is no file", "--headless", "--duration", "1",
                        "--footage", temp.resolve("nope.avi").toString()),
                data("headless: 10 kB bind address", 2, "--api-bind 'aaa", "--headless", "--duration", "1",
                        "--api-bind", BIG),
                data("headless: port 70000", 2, "--api-port must be between 0 and 65535", "--headless", "--duration",
                        "1", "--api-port", "70000"),
                new Case("data dir: empty", List.of("--data-dir", "", "cameras", "list"), 2,
                        "Invalid value for option '--data-dir': an empty path names no file or folder"),
                new Case("data dir: a line break", List.of("--data-dir", temp + "/a\nb", "cameras", "list"), 2,
                        "a path must not contain control characters"),
                data("unknown option with a 10 kB value", 2, "Unknown options: '--bogus'", "--bogus", BIG));
    }

    private static Case data(String name, int exit, String says, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString()));
        all.addAll(List.of(args));
        return new Case(name, all, exit, says);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneClearLineAndNothingStored(Case hostile) {
        Cli.Result result = Cli.withInput("open sesame 3\n", hostile.args().toArray(String[]::new));

        assertThat(result.exit()).as(result.err()).isEqualTo(hostile.exit());
        assertThat(result.out()).isEmpty();
        String err = result.err();
        assertThat(err.lines()).as("one line").hasSize(1);
        assertThat(err).startsWith("watchroom: ").contains(hostile.says()).hasSizeLessThan(700)
                .doesNotContain(BIG).doesNotContain("s3cret").doesNotContain("dock-pw")
                .doesNotContainPattern("(?i)org\\.h2|SQL|jdbc|Exception|\\tat ");
        assertThat(err.strip().codePoints()).as("no control characters").noneMatch(Character::isISOControl);
        assertThat(state()).as("nothing stored").isEqualTo(before);
        assertThat(data.resolve("watchroom.trace.db")).doesNotExist();
    }

    /** Accounts, cameras, settings and the audit log's length: every change leaves an audit row. */
    private static String state() {
        try (Database db = Database.openExisting(data)) {
            return new UserStore(db).list() + "\n" + new CameraStore(db).list() + "\n"
                    + new Settings(db).list() + "\n" + new AuditLog(db.jdbi()).verify();
        }
    }
}
