package org.watchroom.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.People;

/** The recording settings on a real H2 file: defaults, what is accepted, what is refused and who may change them. */
class RecordingSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theReserveIsAutoASizeOrAShareOfTheDisk() {
        long disk = 4L << 40; // 4 TiB
        assertThat(RecordingReserve.parse("auto").bytesOn(disk)).as("auto: 5 %, at most 10G").isEqualTo(10L << 30);
        assertThat(RecordingReserve.parse("").bytesOn(100L << 30)).as("auto on 100 GiB: 5 %").isEqualTo(5L << 30);
        assertThat(RecordingReserve.parse(" 20g ")).satisfies(r -> {
            assertThat(r.text()).isEqualTo("20G");
            assertThat(r.bytesOn(disk)).isEqualTo(20L << 30);
        });
        assertThat(RecordingReserve.parse("2.5%")).satisfies(r -> {
            assertThat(r.text()).isEqualTo("2.5%");
            assertThat(r.bytesOn(1000L << 20)).isEqualTo(25L << 20);
        });
        assertThat(RecordingReserve.parse("5 %").text()).isEqualTo("5%");
        assertThatThrownBy(() -> RecordingReserve.parse("lots")).hasMessageContaining("auto, a size like 20G");
        assertThatThrownBy(() -> RecordingReserve.parse("80%")).hasMessageContaining("between 0.1% and 50%");
        assertThatThrownBy(() -> RecordingReserve.parse("12K")).hasMessageContaining("recording.reserve");
    }

    @Test
    void keepDaysAndReserveAreStoredCheckedAndAudited() {
        try (Database db = Database.open(dir.resolve("data"))) {
            Settings settings = new Settings(db);
            assertThat(settings.recordingKeepDays()).isEqualTo(30);
            assertThat(settings.recordingReserve().text()).isEqualTo("auto");
            assertThat(settings.set(SettingKey.RECORDING_KEEP_DAYS, " 14 ", People.ADMIN)).isEqualTo("14");
            assertThat(settings.set(SettingKey.RECORDING_RESERVE, "50g", People.ADMIN)).isEqualTo("50G");
            assertThat(settings.recordingKeepDays()).isEqualTo(14);
            assertThat(settings.recordingReserve().bytesOn(1L << 40)).isEqualTo(50L << 30);
            assertThatThrownBy(() -> settings.set(SettingKey.RECORDING_KEEP_DAYS, "0", People.ADMIN))
                    .hasMessageContaining("between 1 and 36500");
            assertThatThrownBy(() -> settings.set(SettingKey.RECORDING_KEEP_DAYS, "a week", People.ADMIN))
                    .hasMessageContaining("whole number of days");
            assertThatThrownBy(() -> settings.set(SettingKey.RECORDING_RESERVE, "1T", People.OPERATOR))
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(settings.recordingKeepDays()).as("refusals change nothing").isEqualTo(14);
            assertThat(new AuditLog(db.jdbi()).about("setting:recording.reserve")).singleElement()
                    .satisfies(a -> assertThat(a.detail()).isEqualTo("50G"));
            assertThat(SettingKey.parse("recording.keep_days").permission())
                    .isEqualTo(Permission.RETENTION);
        }
    }

    @Test
    void theArchiveFolderIsAnAbsoluteFolderOutsideTheRecordingsMarkedWhenSetAndOnlyAnAdminSetsIt() throws Exception {
        Path data = dir.resolve("data");
        Path nas = Files.createDirectories(dir.resolve("nas"));
        try (Database db = Database.open(data)) {
            Settings settings = new Settings(db);
            assertThat(settings.recordingArchive()).as("off by default").isEmpty();
            assertThat(settings.archiveAfter()).isEqualTo(Duration.ofHours(24));

            assertThatThrownBy(() -> settings.set(SettingKey.RECORDING_ARCHIVE_DIR, "relative/nas", People.ADMIN))
                    .hasMessageContaining("takes an absolute folder");
            assertThatThrownBy(() -> settings.set(SettingKey.RECORDING_ARCHIVE_DIR, dir.resolve("absent").toString(),
                    People.ADMIN)).hasMessageContaining("is not a folder here (mount the disk or share first)");
            for (Path inside : new Path[] {data, Files.createDirectories(data.resolve("recordings"))}) {
                assertThatThrownBy(() -> settings.set(SettingKey.RECORDING_ARCHIVE_DIR, inside.toString(),
                        People.ADMIN)).as(inside.toString()).hasMessageContaining("data folder's own recordings");
            }
            assertThatThrownBy(() -> settings.set(SettingKey.RECORDING_ARCHIVE_DIR, nas.toString(), People.SUPERVISOR))
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(nas.resolve(ArchiveFolder.MARKER)).as("a refusal writes nothing").doesNotExist();

            assertThat(settings.set(SettingKey.RECORDING_ARCHIVE_DIR, " " + nas + "/./ ", People.ADMIN))
                    .isEqualTo(nas.toString());
            assertThat(nas.resolve(ArchiveFolder.MARKER)).isRegularFile();
            ArchiveFolder archive = settings.recordingArchive().orElseThrow();
            assertThat(archive.dir()).isEqualTo(nas);
            assertThat(archive.problem()).isEmpty();
            assertThat(archive.holds(nas.resolve("recordings/cam1-Gate/x.mp4").toString())).isTrue();
            assertThat(archive.holds(data.resolve("recordings/cam1-Gate/x.mp4").toString())).isFalse();
            Files.delete(nas.resolve(ArchiveFolder.MARKER)); // what an unmounted share looks like
            assertThat(archive.problem()).get().asString().contains("not mounted");

            assertThat(settings.set(SettingKey.RECORDING_ARCHIVE_AFTER_HOURS, " 48 ", People.ADMIN)).isEqualTo("48");
            assertThat(settings.archiveAfter()).isEqualTo(Duration.ofDays(2));
            assertThatThrownBy(() -> settings.set(SettingKey.RECORDING_ARCHIVE_AFTER_HOURS, "0", People.ADMIN))
                    .hasMessageContaining("between 1 and 87600");
            assertThatThrownBy(() -> settings.set(SettingKey.RECORDING_ARCHIVE_AFTER_HOURS, "a day", People.ADMIN))
                    .hasMessageContaining("whole number of hours");
            assertThatThrownBy(() -> settings.set(SettingKey.RECORDING_ARCHIVE_AFTER_HOURS, "2", People.SUPERVISOR))
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(settings.set(SettingKey.RECORDING_ARCHIVE_DIR, "", People.ADMIN)).isEmpty();
            assertThat(settings.recordingArchive()).as("empty turns it off").isEmpty();
            assertThat(new AuditLog(db.jdbi()).about("setting:recording.archive_dir")).extracting(a -> a.detail())
                    .containsExactly(nas.toString(), "");
            assertThat(new AuditLog(db.jdbi()).about("setting:recording.archive_after_hours"))
                    .extracting(a -> a.detail()).containsExactly("48");
        }
        // and from the command line, listed with the other settings
        Cli.Result set = Cli.inDataDir(data, "settings", "set",
                "recording.archive_dir", nas.toString());
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(nas.resolve(ArchiveFolder.MARKER)).isRegularFile();
        String list = Cli.inDataDir(data, "settings", "list").out();
        assertThat(list).contains("recording.archive_dir          " + nas)
                .contains("recording.archive_after_hours  48");
    }
}
