package org.watchroom.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.Cli;

class EvidenceCliTest {
    @TempDir
    Path dir;

    @Test
    void exportThenVerifyOkAndAFlippedByteExitsOneNamingTheClip() throws Exception {
        Path data = dir.resolve("data");
        EvidenceFixture fx;
        try (Database db = Database.open(data)) {
            fx = EvidenceFixture.create(db, data);
        }
        Path out = dir.resolve("case");
        Cli.Result export = Cli.inDataDir(data, "export", "--event", fx.person() + "," + fx.face(), "--event",
                String.valueOf(fx.gone()), "--out", out.toString(), "--zip", "--time-zone", "Europe/Berlin");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("Exported 3 event(s): 6 files").contains("Zip: " + dir.resolve("case.zip"))
                .contains("Manifest sha256: ");
        assertThat(export.err()).contains("Missing (gone before the export, recorded in the event file): clips/"
                + fx.deletedClip().id() + ".mp4");
        try (Database db = Database.open(data)) {
            assertThat(new AuditLog(db.jdbi()).recent(1).getFirst().action()).isEqualTo("evidence.export");
        }

        Cli.Result ok = Cli.run("verify", out.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out().strip()).isEqualTo("OK: 6 files verified");
        assertThat(Cli.run("verify", dir.resolve("case.zip").toString()).exit()).isZero();

        String clip = "clips/" + fx.clip().id() + ".mp4";
        EvidenceExportTest.flipOneByte(out.resolve(clip), Files.size(out.resolve(clip)) / 2);
        Cli.Result bad = Cli.run("verify", out.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out().strip()).isEqualTo("MISMATCH: " + clip + " (sha256 differs)");
    }

    @Test
    void badInputGetsAClearMessageAndExitTwo() throws Exception {
        Cli.Result noPackage = Cli.run("verify", dir.toString());
        assertThat(noPackage.exit()).isEqualTo(2);
        assertThat(noPackage.err()).contains("has no manifest.json").doesNotContain("Exception");
        Cli.Result nothing = Cli.run("verify", dir.resolve("nope").toString());
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("is not a folder");

        Path data = dir.resolve("data");
        Database.open(data).close(); // export needs an installation (DataFolderCliTest)
        Cli.Result unknown = Cli.inDataDir(data, "export", "--event", "42", "--out", dir.resolve("x").toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("watchroom: No event with id 42; nothing was exported.");
        Cli.Result zone = Cli.inDataDir(data, "export", "--event", "1", "--out", dir.resolve("x").toString(),
                "--time-zone", "Mars/Olympus");
        assertThat(zone.exit()).isEqualTo(2);
        assertThat(zone.err()).contains("Unknown time zone 'Mars/Olympus'");
    }
}
