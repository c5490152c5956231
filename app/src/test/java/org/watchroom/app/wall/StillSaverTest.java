package org.watchroom.app.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.Session;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.evidence.ExportAudit;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;

/** Stills saved from a tile: a captioned PNG, audited with its hash; refused to guards; never left unaudited. */
class StillSaverTest {
    private static final Instant AT = Instant.parse("2026-12-07T17:45:03Z");
    @TempDir
    Path dir;

    private static byte[] grey(int width, int height) {
        byte[] bgra = new byte[width * height * 4];
        for (int i = 0; i < bgra.length; i += 4) {
            bgra[i] = 90;
            bgra[i + 1] = 90;
            bgra[i + 2] = 90;
            bgra[i + 3] = (byte) 255;
        }
        return bgra;
    }

    @Test
    void aSupervisorsStillIsACaptionedPngAuditedWithItsHash() throws Exception {
        try (Database db = Database.open(dir.resolve("data"))) {
            StillSaver saver = new StillSaver(dir.resolve("stills"), ExportAudit.to(db),
                    Session.fixed(db, People.SUPERVISOR), new DirectTaskExecutor(), ZoneOffset.UTC);
            AtomicReference<String> said = new AtomicReference<>();
            saver.save("Gate / North", grey(320, 180), 320, 180, AT, said::set);

            Path file = dir.resolve("stills/Gate _ North 2026-12-07 17-45-03.png");
            assertThat(said.get()).isEqualTo("Saved " + file);
            BufferedImage png = ImageIO.read(file.toFile());
            assertThat(png.getWidth()).isEqualTo(320);
            assertThat(png.getRGB(160, 20) & 0xFFFFFF).as("the picture").isEqualTo(0x5A5A5A);
            AuditEntry row = new AuditLog(db.jdbi()).recent(5).getFirst();
            assertThat(row.actor()).isEqualTo(People.SUPERVISOR.userName());
            assertThat(row.detail()).contains("still of camera Gate / North", file.toString(), Sha256.of(file));

            saver.save("Gate / North", grey(320, 180), 320, 180, AT, said::set);
            assertThat(said.get()).as("the same second twice: a second file").endsWith("17-45-03 (2).png");
        }
    }

    @Test
    void aGuardMayNotAndAStillWhoseAuditFailsIsNotKept() throws Exception {
        try (Database db = Database.open(dir.resolve("data"))) {
            AtomicReference<String> said = new AtomicReference<>();
            new StillSaver(dir.resolve("stills"), ExportAudit.to(db), Session.fixed(db, People.OPERATOR),
                    new DirectTaskExecutor(), ZoneOffset.UTC).save("Gate", grey(64, 36), 64, 36, AT, said::set);
            assertThat(said.get()).startsWith("Not saved: ");
            assertThat(dir.resolve("stills")).doesNotExist();

            new StillSaver(dir.resolve("stills"), (actor, id, detail) -> {
                throw new IllegalStateException("the audit log is on a full disk");
            }, Session.fixed(db, People.SUPERVISOR), new DirectTaskExecutor(), ZoneOffset.UTC)
                    .save("Gate", grey(64, 36), 64, 36, AT, said::set);
            assertThat(said.get()).contains("the audit log cannot be written");
            try (var files = Files.list(dir.resolve("stills"))) {
                assertThat(files).as("no unaudited copy").isEmpty();
            }
        }
    }
}
