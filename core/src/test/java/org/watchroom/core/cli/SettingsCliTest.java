package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.api.ApiTokens;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.settings.SettingKey;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.Cli;

/** {@code watchroom settings …} against a real data folder, and the core's own refusals. */
class SettingsCliTest {
    @TempDir
    Path data;

    private Cli.Result settings(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--data-dir";
        all[1] = data.toString();
        all[2] = "settings";
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(all);
    }

    @Test
    void listShowsDefaultsSetChecksAndStoresGetReadsBackAndTheTokenIsNeverPrinted() {
        String token;
        try (Database db = Database.open(data)) {
            token = new ApiTokens(new SettingsStore(db)).current();
        }
        Cli.Result list = settings("list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("api.port +8080  \\(default\\)")
                .containsPattern("session.idle_lock_minutes +10  \\(default\\)")
                .contains("api.token").contains("(set — see 'watchroom token')")
                .doesNotContain(token);

        assertThat(settings("set", "api.port", " 8081 ").out()).contains("api.port = 8081");
        assertThat(settings("set", "session.idle_lock_minutes", "0").out()).contains("session.idle_lock_minutes = 0");
        assertThat(settings("set", "api.enabled", "FALSE").out()).contains("api.enabled = false");
        assertThat(settings("set", "api.cors_origins", "https://a.example, ,https://b.example").out())
                .contains("api.cors_origins = https://a.example,https://b.example");
        assertThat(settings("get", "api.port").out().strip()).isEqualTo("8081");
        assertThat(settings("list").out()).containsPattern("api.port +8081\\R");

        try (Database db = Database.open(data)) {
            ApiSettings api = ApiSettings.load(new SettingsStore(db));
            assertThat(api.port()).isEqualTo(8081);
            assertThat(api.enabled()).isFalse();
            assertThat(api.corsOrigins()).containsExactly("https://a.example", "https://b.example");
            assertThat(new Settings(db).idleLock()).isEqualTo(Duration.ZERO);
            assertThat(new AuditLog(db.jdbi()).about("setting:api.port")).extracting(AuditEntry::action, AuditEntry::detail)
                    .containsExactly(Tuple.tuple("settings.set", "8081"));
            assertThat(new AuditLog(db.jdbi()).about("setting:api.port").getFirst().actor())
                    .isEqualTo(Operator.commandLine().userName());
        }
    }

    @Test
    void unknownKeysAndBadValuesAreClearErrorsAndStoreNothing() {
        Cli.Result typo = settings("set", "api.prot", "1");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("Unknown setting 'api.prot'").contains("api.port").doesNotContain("Exception");
        assertThat(settings("get", "nope").err()).contains("Unknown setting 'nope'");
        assertThat(settings("set", "api.port", "70000").err()).contains("between 0 and 65535");
        assertThat(settings("set", "api.port", "http").err()).contains("must be a number");
        assertThat(settings("set", "api.enabled", "yes").err()).contains("true or false");
        assertThat(settings("set", "api.bind", " ").err()).contains("must not be empty");
        assertThat(settings("set", "session.idle_lock_minutes", "721").err()).contains("between 0 (never) and 720");
        assertThat(settings("set", "session.idle_lock_minutes", "5m").err()).contains("whole number of minutes");
        assertThat(settings("set", "api.token", "guessable").err()).contains("watchroom token --rotate");
        assertThat(settings("get", "api.token").err()).contains("watchroom token");

        try (Database db = Database.open(data)) {
            assertThat(new SettingsStore(db).get("api.port")).isEmpty();
            assertThat(new SettingsStore(db).get("api.token")).as("nothing generated or typed in").isEmpty();
            assertThat(new Settings(db).idleLock()).isEqualTo(Duration.ofMinutes(10));
            assertThat(new AuditLog(db.jdbi()).recent(50)).extracting(AuditEntry::action).doesNotContain("settings.set");
        }
    }

    @Test
    void theCoreRefusesASupervisorWhateverTheUiShows() {
        try (Database db = Database.open(data)) {
            Settings settings = new Settings(db);
            Operator sam = new Operator("sam", "Sam", Role.SUPERVISOR);
            assertThatThrownBy(() -> settings.set(SettingKey.IDLE_LOCK_MINUTES, "0", sam))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("manage user accounts");
            assertThatThrownBy(() -> settings.rotateInstallationToken(sam)).isInstanceOf(AccessDeniedException.class);
            assertThat(new Settings(db).idleLock()).isEqualTo(Duration.ofMinutes(10));
            Operator chief = new Operator("chief", "Chief", Role.ADMIN);
            String before = settings.installationToken(chief);
            String after = settings.rotateInstallationToken(chief);
            assertThat(after).isNotEqualTo(before).isEqualTo(new ApiTokens(new SettingsStore(db)).current());
            assertThat(new AuditLog(db.jdbi()).about("setting:api.token")).extracting(AuditEntry::actor, AuditEntry::action)
                    .containsExactly(Tuple.tuple("chief", "api.token.rotate"));
        }
    }

    @Test
    void fileCameraRootsTakeExistingAbsoluteFoldersAndAreAudited() throws Exception {
        Path footage = Files.createDirectories(data.resolve("footage"));
        Path more = Files.createDirectories(data.resolve("more"));
        Database.open(data).close(); // an installation: listing never creates one
        assertThat(settings("list").out()).containsPattern("cameras\\.file_roots +\\(default\\)");
        assertThat(settings("set", "cameras.file_roots", "footage").err()).contains("absolute");
        assertThat(settings("set", "cameras.file_roots", data.resolve("absent").toString()).err()).contains("not a folder");
        String typed = footage + "/../footage" + File.pathSeparator + " " + more + " ";
        Cli.Result set = settings("set", "cameras.file_roots", typed);
        assertThat(set.exit()).as(set.err()).isZero();
        String stored = footage + File.pathSeparator + more;
        assertThat(set.out()).contains("cameras.file_roots = " + stored);
        assertThat(settings("get", "cameras.file_roots").out().strip()).isEqualTo(stored);
        try (Database db = Database.open(data)) {
            assertThat(new Settings(db).fileCameraRoots().folders()).containsExactly(footage, more);
            assertThat(new AuditLog(db.jdbi()).about("setting:cameras.file_roots"))
                    .extracting(AuditEntry::action, AuditEntry::detail)
                    .containsExactly(Tuple.tuple("settings.set", stored));
            Operator sam = new Operator("sam", "Sam", Role.SUPERVISOR);
            assertThatThrownBy(() -> new Settings(db).set(SettingKey.CAMERA_FILE_ROOTS, "/", sam))
                    .isInstanceOf(AccessDeniedException.class);
        }
    }
}
