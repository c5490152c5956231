package org.watchroom.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.app.wall.DirectTaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.evidence.EvidenceVerifier;
import org.watchroom.core.evidence.ExportResult;
import org.watchroom.core.evidence.RangeRequest;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.ClipClose;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestSegments;

/** The export dialog's logic against a real H2 file and real footage, without a Stage. */
class ExportViewModelTest {
    @TempDir
    Path dir;
    private Database db;
    private ExportViewModel model;
    private long event;

    @BeforeEach
    void setUp() throws Exception {
        Path data = dir.resolve("data");
        db = Database.open(data);
        // the shared footage as the event's clip and a shared photo as its snapshot: real files of real size
        Path clipFile = Files.createDirectories(data.resolve("clips")).resolve("street.mp4");
        Files.copy(media("vtest.mp4"), clipFile);
        Path snapshot = Files.createDirectories(data.resolve("snapshots")).resolve("peak.jpg");
        Files.copy(media("messi5.jpg"), snapshot);
        Instant t0 = Instant.now().minus(Duration.ofMinutes(5));
        EventStore events = new EventStore(db);
        event = events.create(new NewEvent(null, "Street", "person", t0, 0.9f, null, snapshot.toString())).id();
        ClipStore clips = new ClipStore(db);
        Clip clip = clips.open(null, clipFile, t0);
        clips.close(clip.id(), new ClipClose(t0.plusSeconds(10), Duration.ofSeconds(10), Files.size(clipFile),
                Sha256.of(clipFile), "h264", true, null));
        clips.link(clip.id(), event);
        model = new ExportViewModel(db, Session.fixed(db, People.SUPERVISOR), new DirectTaskExecutor());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private static Path media(String name) {
        String env = System.getenv("WATCHROOM_MEDIA");
        String dir = env != null ? env : System.getProperty("watchroom.media", "../../shared/media");
        return Path.of(dir).toAbsolutePath().normalize().resolve(name);
    }

    @Test
    void anExportReachesFullProgressAndVerifies() throws Exception {
        List<Double> seen = new ArrayList<>();
        model.progressProperty().subscribe(p -> seen.add(p.doubleValue()));
        Path out = dir.resolve("case");
        model.start(List.of(event), out);

        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(seen).as("progress moved through the copy").hasSizeGreaterThan(10).isSorted();
        assertThat(model.resultProperty().get().zip()).isEqualTo(dir.resolve("case.zip"));
        assertThat(model.messageProperty().get()).startsWith("Exported 1 event(s), 3 files, to " + out);
        assertThat(EvidenceVerifier.verify(out).ok()).isTrue();
        assertThat(EvidenceVerifier.verify(dir.resolve("case.zip")).ok()).isTrue();
        assertThat(new AuditLog(db.jdbi()).recent(1).getFirst().action()).isEqualTo("evidence.export");
    }

    @Test
    void cancelLeavesNoFolderAndNoZip() throws Exception {
        model.progressProperty().subscribe(p -> {
            if (p.doubleValue() > 0.1) {
                model.cancel();
            }
        });
        model.start(List.of(event), dir.resolve("case"));

        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.resultProperty().get()).isNull();
        assertThat(model.messageProperty().get()).isEqualTo("Export cancelled; nothing was written.");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("data");
        }
    }

    @Test
    void aRangeExportSaysWhereWhatEachCameraHeldAndTheManifestsHash() throws Exception {
        CameraStore cameras = new CameraStore(db);
        long gate = cameras.add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN).id();
        long yard = cameras.add(Camera.create("Yard", "rtsp://yard/1", null, null), People.ADMIN).id();
        Instant t0 = Instant.parse("2026-05-10T21:59:50Z");
        TestSegments.record(db, gate, "Gate", t0, 2, 5); // 20 s in two segments; Yard recorded nothing then
        Path out = dir.resolve("range");
        Map<Long, String> names = new LinkedHashMap<>();
        names.put(gate, "Gate");
        names.put(yard, "Yard");
        model.startRange(new RangeRequest(List.of(gate, yard), t0.plusSeconds(3), t0.plusSeconds(15), false), names,
                "23:59:53 – 00:00:05 (12 s)", out);

        assertThat(model.runningProperty().get()).isFalse();
        ExportResult result = model.resultProperty().get();
        assertThat(result).as(model.messageProperty().get()).isNotNull();
        assertThat(result.manifestSha256()).isEqualTo(Sha256.of(out.resolve("manifest.json")));
        assertThat(model.messageProperty().get()).isEqualTo("Exported the recordings of Gate, Yard, 23:59:53 – 00:00:05 "
                + "(12 s), to " + out + " and range.zip:\n"
                + "· Gate: recordings/camera-" + gate + ".mp4\n"
                + "· Yard: nothing recorded in that range (the package says so)\n"
                + result.files() + " files, " + ExportViewModel.size(result.bytes()) + "; the export is in the audit log.");
        assertThat(EvidenceVerifier.verify(out).ok()).isTrue();
        assertThat(new AuditLog(db.jdbi()).recent(1).getFirst().detail()).contains(result.manifestSha256());
        assertThat(ExportViewModel.size(5_900_000)).isEqualTo("5.6 MB");
        assertThat(ExportViewModel.size(900)).isEqualTo("900 B");
    }

    @Test
    void aChosenFolderWithFilesGetsANewPackageFolderInside() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        LocalDateTime now = LocalDateTime.of(2026, 3, 14, 9, 26, 53);
        assertThat(ExportViewModel.targetFor(empty, now)).isEqualTo(empty);
        assertThat(ExportViewModel.targetFor(dir, now)).isEqualTo(dir.resolve("watchroom-evidence-20260314-092653"));
    }

    @Test
    void aBadTargetIsReportedWithoutAStackTrace() throws Exception {
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("x.txt"), "x");
        model.start(List.of(event), used);
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).contains("is not empty").doesNotContain("Exception");
    }
}
