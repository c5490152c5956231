package org.watchroom.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.evidence.EvidenceExporter;
import org.watchroom.core.evidence.EvidenceVerifier;
import org.watchroom.core.evidence.ExportOptions;
import org.watchroom.core.evidence.Verification;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.ClipClose;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.DetectionStore;
import org.watchroom.core.store.EventDetails;
import org.watchroom.core.store.EventQuery;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewDetection;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.ReviewStore;
import org.watchroom.core.testing.FolderFingerprint;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;

/** Opening copied data folders read-only: real H2 file, real clip and picture files, folder hashed before and after. */
class ArchiveTest {
    @TempDir
    Path temp;

    /** A data folder as a workstation leaves it: one camera, one event with snapshot, crop and clip. */
    private Path workstationFolder() throws Exception {
        Path data = temp.resolve("workstation");
        try (Database db = Database.open(data)) {
            Camera camera = new CameraStore(db).add(Camera.create("Gate", "rtsp://admin:s3cret@10.0.0.9/stream", null, "North fence"), People.ADMIN);
            Path snapshot = Files.createDirectories(data.resolve("snapshots")).resolve("gate-1.jpg");
            Files.copy(TestMedia.file("messi5.jpg"), snapshot);
            Path crop = data.resolve("snapshots/gate-1-face.jpg");
            Files.copy(TestMedia.file("messi5.jpg"), crop);
            Path clipFile = Files.createDirectories(data.resolve("clips/Gate")).resolve("20261122-101500.mp4");
            Files.copy(TestMedia.file("vtest.mp4"), clipFile);
            Instant t0 = Instant.parse("2026-11-22T10:15:00Z");
            EventStore events = new EventStore(db);
            long id = events.create(new NewEvent(camera.id(), "Gate", "person", t0, 0.8f, new Box(10, 20, 30, 60),
                    snapshot.toString())).id();
            events.end(id, t0.plusSeconds(9));
            new DetectionStore(db).addAll(id, List.of(new NewDetection(t0.plusSeconds(1),
                    new Detection("person", 0, 0.8f, new Box(10, 20, 30, 60), null), crop.toString())));
            ClipStore clips = new ClipStore(db);
            Clip clip = clips.open(camera.id(), clipFile, t0.minusSeconds(3));
            clips.close(clip.id(), new ClipClose(t0.plusSeconds(14), Duration.ofSeconds(17), Files.size(clipFile),
                    Sha256.of(clipFile), "h264", true, null));
            clips.link(clip.id(), id);
        }
        return data;
    }

    @Test
    void aCopiedDataFolderOpensWithItsFilesInsideTheCopyAndIsNotModified() throws Exception {
        Path original = workstationFolder();
        Path copy = temp.resolve("usb-stick/watchroom");
        FolderFingerprint.copy(original, copy);
        String before = FolderFingerprint.of(copy);

        try (Archive archive = Archive.open(copy)) {
            assertThat(archive.kind()).isEqualTo(ArchiveKind.DATA_FOLDER);
            EventStore events = new EventStore(archive.database());
            ReviewStore reviews = new ReviewStore(archive.database());
            assertThat(events.count(EventQuery.all())).isEqualTo(1);
            long id = events.list(EventQuery.all()).getFirst().id();
            EventDetails details = events.details(id).orElseThrow();
            Path clip = Path.of(details.clips().getFirst().path());
            assertThat(clip).as("the copy's clip, not the original's").startsWith(copy).exists();
            assertThat(Sha256.of(clip)).isEqualTo(details.clips().getFirst().sha256());
            assertThat(Path.of(details.event().snapshotPath())).startsWith(copy).exists();
            assertThat(Path.of(details.detections().getFirst().cropPath())).startsWith(copy).exists();
            // the engine of an archive window refuses reviews: they would count for nothing
            try (Engine engine = Engine.archive(archive.database(), new EventBus())) {
                assertThatThrownBy(() -> engine.reviews().confirm(id, People.as("analyst"), null))
                        .hasMessageContaining("read-only");
            }
            // and whatever is written to the session copy never reaches the opened folder
            reviews.confirm(id, People.as("analyst"), "looked at it offline");
            assertThat(events.find(id).orElseThrow().status().dbValue()).isEqualTo("confirmed");
        }
        assertThat(FolderFingerprint.of(copy)).as("nothing in the opened folder changed").isEqualTo(before);
        try (Database db = Database.open(copy)) {
            assertThat(new EventStore(db).list(EventQuery.all()).getFirst().status().dbValue()).isEqualTo("pending");
        }
    }

    @Test
    void aFileMissingFromTheCopyIsReportedAsMissingNotTakenFromTheOriginalMachine() throws Exception {
        Path original = workstationFolder();
        Path copy = temp.resolve("partial");
        FolderFingerprint.copy(original, copy);
        try (var clips = Files.walk(copy.resolve("clips"))) {
            for (Path p : clips.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        }
        try (Archive archive = Archive.open(copy)) {
            var clip = new ClipStore(archive.database()).forEvent(1).getFirst();
            assertThat(Path.of(clip.path())).startsWithRaw(copy).doesNotExist();
        }
    }

    @Test
    void anExportedPackageAndItsZipOpenWithTheirEventsDetectionsAndClipsAndAreNotModified() throws Exception {
        Path data = workstationFolder();
        Path out = temp.resolve("evidence/case-17");
        try (Database db = Database.open(data)) {
            new EvidenceExporter(db).export(List.of(1L), out, ExportOptions.defaults(People.as("analyst")).withZip(null));
        }
        Path zip = out.resolveSibling("case-17.zip");
        String before = FolderFingerprint.of(out.getParent());

        for (Path opened : List.of(out, zip)) {
            try (Archive archive = Archive.open(opened)) {
                assertThat(archive.kind()).isEqualTo(ArchiveKind.EVIDENCE_PACKAGE);
                assertThat(archive.verification()).hasValueSatisfying(v -> assertThat(v.ok()).isTrue());
                assertThat(archive.describe()).contains("intact");
                EventDetails details = new EventStore(archive.database()).details(1).orElseThrow();
                assertThat(details.event().cameraName()).isEqualTo("Gate");
                assertThat(details.event().startedAt()).isEqualTo(Instant.parse("2026-11-22T10:15:00Z"));
                assertThat(details.event().peakBox()).isEqualTo(new Box(10, 20, 30, 60));
                assertThat(details.detections()).hasSize(1);
                assertThat(details.detections().getFirst().box()).isEqualTo(new Box(10, 20, 30, 60));
                assertThat(Path.of(details.detections().getFirst().cropPath())).exists();
                assertThat(Path.of(details.event().snapshotPath())).exists();
                Clip clip = details.clips().getFirst();
                assertThat(Sha256.of(Path.of(clip.path()))).isEqualTo(clip.sha256());
                assertThat(new EventStore(archive.database()).frameSize(1)).isEmpty();
            }
        }
        assertThat(FolderFingerprint.of(out.getParent())).as("package and zip untouched").isEqualTo(before);

        // a package changed after export still opens, and says so before anyone looks at it
        Path snapshot;
        try (var files = Files.list(out.resolve("snapshots"))) {
            snapshot = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length / 2] ^= 1;
        Files.write(snapshot, bytes);
        try (Archive archive = Archive.open(out)) {
            assertThat(archive.describe()).contains("NOT INTACT: MISMATCH: snapshots/");
        }
    }

    @Test
    void aZipIsVerifiedAsItIsShownAndOneWithTwoVersionsOfAFileOrExtraContentIsNotTrusted() throws Exception {
        Path data = workstationFolder();
        Path out = temp.resolve("evidence/case-18");
        try (Database db = Database.open(data)) {
            new EvidenceExporter(db).export(List.of(1L), out, ExportOptions.defaults(People.as("analyst")));
        }
        Path manifest = out.resolve("manifest.json");
        Path clip;
        try (var files = Files.list(out.resolve("clips"))) {
            clip = files.findFirst().orElseThrow();
        }
        String clipName = "case-18/clips/./" + clip.getFileName(); // the same file for an unpacker, another name for zip

        // the genuine files, then a second, different copy of the clip under the same name
        Path twice = temp.resolve("twice.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(twice))) {
            try (var files = Files.walk(out)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    zip.putNextEntry(new ZipEntry("case-18/" + out.relativize(f).toString().replace('\\', '/')));
                    zip.write(Files.readAllBytes(f));
                    zip.closeEntry();
                }
            }
            zip.putNextEntry(new ZipEntry(clipName));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        assertThatThrownBy(() -> Archive.open(twice)).isInstanceOf(ArchiveException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> EvidenceVerifier.verify(twice)).hasMessageContaining("twice");

        // the genuine package plus something beside it
        Path extra = temp.resolve("extra.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(extra))) {
            try (var files = Files.walk(out)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    zip.putNextEntry(new ZipEntry("case-18/" + out.relativize(f).toString().replace('\\', '/')));
                    zip.write(Files.readAllBytes(f));
                    zip.closeEntry();
                }
            }
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("not part of the export".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThat(EvidenceVerifier.verify(extra)).isInstanceOfSatisfying(Verification.Failed.class,
                f -> assertThat(f.line()).startsWith("UNEXPECTED: readme.txt"));
        try (Archive archive = Archive.open(extra)) {
            assertThat(archive.describe()).contains("NOT INTACT: UNEXPECTED: readme.txt");
        }
        assertThat(Files.exists(manifest)).isTrue();
    }

    @Test
    void aDatabaseWithViewsTriggersOrFunctionsIsRefusedAsUnsafe() throws Exception {
        Path data = workstationFolder();
        try (Database db = Database.open(data)) {
            db.jdbi().useHandle(h -> h.execute("CREATE VIEW EVERYTHING AS SELECT * FROM EVENTS"));
        }
        Path copy = temp.resolve("crafted");
        FolderFingerprint.copy(data, copy);
        String before = FolderFingerprint.of(copy);
        assertThatThrownBy(() -> Archive.open(copy)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("holds views").hasMessageContaining("unsafe");
        assertThat(FolderFingerprint.of(copy)).isEqualTo(before);
    }

    @Test
    void aFolderThatIsNeitherSaysSo() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("holiday-photos"));
        assertThatThrownBy(() -> Archive.open(empty)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("neither a Watchroom data folder").hasMessageContaining("nor an evidence package");
        assertThatThrownBy(() -> Archive.open(temp.resolve("nowhere"))).hasMessageContaining("There is no");
    }

    @Test
    void aZipWhoseEntriesPointOutsideThePackageIsRefused() throws Exception {
        Path zip = temp.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("../../escaped.txt"));
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThatThrownBy(() -> Archive.open(zip)).isInstanceOf(ArchiveException.class).hasMessageContaining("outside");
        assertThat(temp.getParent().resolve("escaped.txt")).doesNotExist();
    }
}
