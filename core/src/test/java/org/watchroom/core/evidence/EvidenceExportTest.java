package org.watchroom.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.audit.AuditVerification;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.record.ClipProbe;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;

class EvidenceExportTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;
    Database db;
    EvidenceFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open(dir.resolve("data"));
        fx = EvidenceFixture.create(db, dir.resolve("data"));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private ExportOptions options() {
        return ExportOptions.defaults(People.as("local")).withZone(BERLIN);
    }

    @Test
    void exportThenVerifyPassesAndAFlippedByteInTheClipIsNamed() throws Exception {
        Path out = dir.resolve("case-4711");
        ExportResult result = new EvidenceExporter(db).export(List.of(fx.person(), fx.face()), out, options());

        assertThat(result.folder()).isEqualTo(out.toAbsolutePath());
        String clipPath = "clips/" + fx.clip().id() + ".mp4";
        assertThat(files(out)).containsExactlyInAnyOrder(clipPath, "crops/detection-" + fx.cropDetection() + ".jpg",
                "events/" + fx.face() + ".json", "events/" + fx.person() + ".json", "manifest.json",
                "snapshots/event-" + fx.person() + ".jpg");
        assertThat(Sha256.of(out.resolve(clipPath))).as("the clip is copied byte for byte, once for both events")
                .isEqualTo(fx.clip().sha256());
        assertThat(ClipProbe.of(out.resolve(clipPath)).decodedFrames()).as("and still plays").isGreaterThan(30);
        Verification ok = EvidenceVerifier.verify(out);
        assertThat(ok).isInstanceOf(Verification.Ok.class);
        assertThat(((Verification.Ok) ok).files()).isEqualTo(5);
        assertThat(Sha256.of(out.resolve("manifest.json"))).isEqualTo(result.manifestSha256());

        flipOneByte(out.resolve(clipPath), 5000);
        Verification bad = EvidenceVerifier.verify(out);
        assertThat(bad).isEqualTo(new Verification.Failed(Verification.Problem.MISMATCH, clipPath, "sha256 differs"));
        assertThat(((Verification.Failed) bad).line()).isEqualTo("MISMATCH: " + clipPath + " (sha256 differs)");
    }

    @Test
    void theManifestListsEveryFileWithSizeAndHashAndTheEvents() throws Exception {
        Path out = dir.resolve("pkg");
        new EvidenceExporter(db).export(List.of(fx.person(), fx.face()), out, options());
        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.path("format").asText()).isEqualTo("watchroom-evidence");
        assertThat(m.path("version").asInt()).isEqualTo(1);
        assertThat(m.path("created_by").asText()).isEqualTo("local");
        assertThat(m.path("time_zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(m.path("created_at").asText()).endsWith("Z");
        assertThat(m.path("events").toString()).isEqualTo("[" + fx.person() + "," + fx.face() + "]");
        List<String> listed = new ArrayList<>();
        for (JsonNode f : m.path("files")) {
            Path file = out.resolve(f.path("path").asText());
            assertThat(f.path("bytes").asLong()).isEqualTo(Files.size(file));
            assertThat(f.path("sha256").asText()).isEqualTo(Sha256.of(file));
            listed.add(f.path("path").asText());
        }
        assertThat(listed).isSorted().doesNotContain("manifest.json").hasSize(5);
    }

    @Test
    void theEventFileHoldsCameraTimesDetectionsReviewAndModel() throws Exception {
        Path out = dir.resolve("pkg");
        new EvidenceExporter(db).export(List.of(fx.person(), fx.face()), out, options());
        JsonNode person = new ObjectMapper().readTree(out.resolve("events/" + fx.person() + ".json").toFile());
        JsonNode e = person.path("event");
        assertThat(person.path("format").asText()).isEqualTo("watchroom-event");
        assertThat(e.path("camera_name").asText()).isEqualTo("Front door");
        assertThat(e.path("camera_location").asText()).isEqualTo("Gate, north side");
        assertThat(e.path("started_at").asText()).isEqualTo("2026-03-14T09:26:54Z");
        assertThat(e.path("started_at_local").asText()).isEqualTo("2026-03-14T10:26:54+01:00");
        assertThat(e.path("ended_at").asText()).isEqualTo("2026-03-14T09:26:56Z");
        assertThat(e.path("time_zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(e.path("status").asText()).isEqualTo("confirmed");
        assertThat(e.path("reviewed_by").asText()).isEqualTo("local");
        assertThat(e.path("note").asText()).isEqualTo("Courier at the gate");
        assertThat(e.path("hold").asBoolean()).isTrue();
        assertThat(e.path("peak_box").path("width").floatValue()).isEqualTo(60f);
        assertThat(e.path("frame_width").asInt()).isEqualTo(768);
        assertThat(e.path("model_id").asText()).isEqualTo("yolox-nano");
        assertThat(e.path("model_version").asText()).isEqualTo("sha256:" + "a".repeat(64));
        assertThat(person.path("snapshot").asText()).isEqualTo("snapshots/event-" + fx.person() + ".jpg");
        JsonNode clip = person.path("clips").get(0);
        assertThat(clip.path("file").asText()).isEqualTo("clips/" + fx.clip().id() + ".mp4");
        assertThat(clip.path("sha256").asText()).isEqualTo(fx.clip().sha256());
        assertThat(clip.path("duration_ms").asLong()).isEqualTo(3000);
        assertThat(clip.path("codec").asText()).isEqualTo("h264");
        assertThat(person.path("missing")).isEmpty();

        JsonNode face = new ObjectMapper().readTree(out.resolve("events/" + fx.face() + ".json").toFile());
        JsonNode det = face.path("detections").get(0);
        assertThat(det.path("crop").asText()).isEqualTo("crops/detection-" + fx.cropDetection() + ".jpg");
        assertThat(det.path("box").path("x").floatValue()).isEqualTo(300f);
        assertThat(det.path("landmarks")).hasSize(10);
        assertThat(face.path("snapshot").isNull()).isTrue();
        assertThat(face.path("event").path("model_version").isNull()).isTrue();
    }

    @Test
    void aCameraPasswordNeverAppearsInThePackage() throws Exception {
        Path out = dir.resolve("pkg");
        new EvidenceExporter(db).export(List.of(fx.person(), fx.face(), fx.gone()), out, options().withZip(null));
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".json")).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(EvidenceFixture.PASSWORD)
                        .doesNotContain("rtsp://");
            }
        }
        List<AuditEntry> rows = new AuditLog(db.jdbi()).recent(5);
        assertThat(rows).allSatisfy(r -> assertThat(String.valueOf(r.detail())).doesNotContain(EvidenceFixture.PASSWORD));
    }

    @Test
    void aClipDeletedByRetentionIsRecordedAsMissingAndTheRestIsExported() throws Exception {
        Path out = dir.resolve("pkg");
        ExportResult result = new EvidenceExporter(db).export(List.of(fx.gone(), fx.person()), out, options());
        String lost = "clips/" + fx.deletedClip().id() + ".mp4";
        assertThat(result.missing()).containsExactly(lost);
        JsonNode gone = new ObjectMapper().readTree(out.resolve("events/" + fx.gone() + ".json").toFile());
        assertThat(gone.path("missing").get(0).path("file").asText()).isEqualTo(lost);
        assertThat(gone.path("missing").get(0).path("kind").asText()).isEqualTo("clip");
        assertThat(gone.path("clips").get(0).path("file").isNull()).isTrue();
        assertThat(Files.exists(out.resolve(lost))).isFalse();
        assertThat(EvidenceVerifier.verify(out).ok()).isTrue();
    }

    @Test
    void verifyNamesAMissingFileAndAnUnexpectedOne() throws Exception {
        Path out = dir.resolve("pkg");
        new EvidenceExporter(db).export(List.of(fx.person()), out, options());
        Path extra = out.resolve("clips/planted.mp4");
        Files.writeString(extra, "not from the export");
        assertThat(EvidenceVerifier.verify(out)).isEqualTo(new Verification.Failed(Verification.Problem.UNEXPECTED,
                "clips/planted.mp4", "not listed in the manifest"));
        Files.delete(extra);
        Path snapshot = out.resolve("snapshots/event-" + fx.person() + ".jpg");
        Files.delete(snapshot);
        Verification missing = EvidenceVerifier.verify(out);
        assertThat(missing).isInstanceOf(Verification.Failed.class);
        assertThat(((Verification.Failed) missing).problem()).isEqualTo(Verification.Problem.MISSING);
        assertThat(((Verification.Failed) missing).path()).isEqualTo("snapshots/event-" + fx.person() + ".jpg");
    }

    @Test
    void theZipHoldsTheSameFilesAndVerifies() throws Exception {
        Path out = dir.resolve("case-9");
        ExportResult result = new EvidenceExporter(db).export(List.of(fx.person(), fx.face()), out, options().withZip(null));
        assertThat(result.zip()).isEqualTo(dir.resolve("case-9.zip").toAbsolutePath());
        TreeSet<String> entries = new TreeSet<>();
        try (ZipFile zip = new ZipFile(result.zip().toFile())) {
            zip.stream().forEach(z -> {
                entries.add(z.getName().substring("case-9/".length()));
                try {
                    assertThat(Sha256.copy(zip.getInputStream(z), OutputStream.nullOutputStream(), Long.MAX_VALUE)
                            .sha256()).isEqualTo(Sha256.of(out.resolve(z.getName().substring("case-9/".length()))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(entries).containsExactlyElementsOf(files(out));
        assertThat(EvidenceVerifier.verify(result.zip()).ok()).isTrue();
    }

    @Test
    void anUpperCaseZipNameVerifiesUnderATurkishLocale() throws Exception {
        Path out = dir.resolve("case-10");
        ExportResult result = new EvidenceExporter(db).export(List.of(fx.person()), out, options().withZip(null));
        Path shouting = Files.copy(result.zip(), dir.resolve("CASE-10.ZIP"));
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.of("tr", "TR"));
        try {
            // "ZIP".toLowerCase() is "zıp" (dotless i) in Turkish: the extension check must not follow the locale
            assertThat(EvidenceVerifier.verify(shouting).ok()).isTrue();
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void everyExportIsAuditedWithTheManifestHash() throws Exception {
        ExportResult result = new EvidenceExporter(db).export(List.of(fx.person(), fx.face()), dir.resolve("pkg"), options());
        List<AuditEntry> rows = new AuditLog(db.jdbi()).about("export:" + result.exportId());
        assertThat(rows).hasSize(1);
        AuditEntry row = rows.getFirst();
        assertThat(row.action()).isEqualTo("evidence.export");
        assertThat(row.actor()).isEqualTo("local");
        assertThat(row.detail()).contains("events " + fx.person() + "," + fx.face())
                .contains("manifest sha256 " + result.manifestSha256());
        assertThat(new AuditLog(db.jdbi()).verify()).isInstanceOf(AuditVerification.Ok.class);
    }

    @Test
    void progressReachesTheTotalAndCancelLeavesNothingBehind() throws Exception {
        List<long[]> seen = new ArrayList<>();
        new EvidenceExporter(db).export(List.of(fx.person()), dir.resolve("done"),
                options().withProgress((done, total) -> seen.add(new long[] {done, total}), null));
        assertThat(seen).isNotEmpty();
        assertThat(seen.getLast()[0]).isEqualTo(seen.getLast()[1]).isGreaterThan(fx.clip().bytes());

        AtomicBoolean cancel = new AtomicBoolean();
        Path out = dir.resolve("cancelled");
        ExportOptions cancelling = options().withZip(null).withProgress((done, total) -> cancel.set(true), cancel::get);
        assertThatThrownBy(() -> new EvidenceExporter(db).export(List.of(fx.person(), fx.face()), out, cancelling))
                .isInstanceOf(ExportCancelledException.class);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no folder, no zip, no hidden partial").containsExactlyInAnyOrder("data", "done");
        }
        assertThat(new AuditLog(db.jdbi()).recent(10)).as("a cancelled export is not audited as one")
                .filteredOn(r -> r.action().equals("evidence.export")).hasSize(1);
    }

    @Test
    void aNonEmptyFolderOrAnUnknownEventIsRefusedClearly() throws Exception {
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> new EvidenceExporter(db).export(List.of(fx.person()), used, options()))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("is not empty");
        assertThat(Files.readString(used.resolve("notes.txt"))).isEqualTo("mine");
        assertThatThrownBy(() -> new EvidenceExporter(db).export(List.of(fx.person(), 999L), dir.resolve("x"), options()))
                .isInstanceOf(EvidenceException.class).hasMessage("No event with id 999; nothing was exported.");
        assertThat(dir.resolve("x")).doesNotExist();

        Path empty = Files.createDirectories(dir.resolve("empty"));
        new EvidenceExporter(db).export(List.of(fx.person()), empty, options());
        assertThat(EvidenceVerifier.verify(empty).ok()).as("an empty folder is fine").isTrue();
        assertThatThrownBy(() -> EvidenceVerifier.verify(used)).isInstanceOf(EvidenceException.class)
                .hasMessageContaining("has no manifest.json");
    }

    @Test
    void aRewrittenManifestVerifiesButNoLongerMatchesTheAuditRowAndEscapingPathsAreRefused() throws Exception {
        Path out = dir.resolve("pkg");
        ExportResult result = new EvidenceExporter(db).export(List.of(fx.person()), out, options());
        String clipPath = "clips/" + fx.clip().id() + ".mp4";
        flipOneByte(out.resolve(clipPath), 100);
        Manifest original = ManifestIo.read(Files.readAllBytes(out.resolve("manifest.json")));
        String rehashed = Sha256.of(out.resolve(clipPath));
        List<ManifestFile> forged = original.files().stream().map(f -> !f.path().equals(clipPath) ? f
                : new ManifestFile(f.path(), f.bytes(), rehashed)).toList();
        Files.write(out.resolve("manifest.json"), ManifestIo.write(new Manifest(original.exportId(), original.createdAt(),
                original.createdBy(), original.watchroomVersion(), original.timeZone(), original.events(), forged)));
        assertThat(EvidenceVerifier.verify(out).ok()).as("integrity against the manifest only").isTrue();
        String audited = new AuditLog(db.jdbi()).about("export:" + result.exportId()).getFirst().detail();
        assertThat(audited).as("the audit row exposes the forged manifest")
                .doesNotContain(Sha256.of(out.resolve("manifest.json"))).contains(result.manifestSha256());

        String escaping = Files.readString(out.resolve("manifest.json")).replace("\"" + clipPath + "\"",
                "\"../data/watchroom.mv.db\"");
        Files.writeString(out.resolve("manifest.json"), escaping);
        assertThatThrownBy(() -> EvidenceVerifier.verify(out)).isInstanceOf(EvidenceException.class)
                .hasMessageContaining("bad file entry");
    }

    static List<String> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    static void flipOneByte(Path file, long at) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x01);
        }
    }
}
