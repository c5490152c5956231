package org.watchroom.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.evidence.EvidenceExporter;
import org.watchroom.core.evidence.ExportOptions;
import org.watchroom.core.evidence.RangeRequest;
import org.watchroom.core.record.RecordingVerification;
import org.watchroom.core.record.RecordingVerifier;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.FolderFingerprint;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestSegments;

/**
 * Offline review of recordings: a copied data folder's segments point into the copy (what {@code watchroom replay
 * DIR} and its timeline read), and evidence packages of a range or of a recorded event open with their recording.
 */
class ArchiveRecordingsTest {
    private static final Instant T0 = Instant.parse("2026-07-04T03:00:00Z");
    @TempDir
    Path temp;

    private record Workstation(Path data, long camera, List<Segment> segments, long event) {
    }

    private Workstation workstation() throws Exception {
        Path data = temp.resolve("workstation");
        try (Database db = Database.open(data)) {
            long camera = new CameraStore(db).add(Camera.create("Gate", "rtsp://admin:s3cret@10.0.0.9/1", null, null),
                    People.ADMIN).id();
            List<Segment> segments = TestSegments.record(db, camera, "Gate", T0, 3, 5);
            EventStore events = new EventStore(db);
            long event = events.create(new NewEvent(camera, "Gate", "person", T0.plusSeconds(9), 0.9f, null, null)).id();
            events.end(event, T0.plusSeconds(11));
            return new Workstation(data, camera, segments, event);
        }
    }

    @Test
    void aCopiedDataFolderOpensWithItsSegmentsInsideTheCopyAndMissingOnesMissing() throws Exception {
        Workstation w = workstation();
        Path copy = temp.resolve("usb/watchroom");
        FolderFingerprint.copy(w.data(), copy);
        Path gone = copy.resolve(w.data().relativize(Path.of(w.segments().get(2).path())).toString());
        Files.delete(gone);
        String before = FolderFingerprint.of(copy);
        try (Archive archive = Archive.open(copy)) {
            List<Segment> seen = new SegmentStore(archive.database()).all(w.camera());
            assertThat(seen).hasSize(3);
            for (int i = 0; i < 2; i++) {
                Path file = Path.of(seen.get(i).path());
                assertThat(file).as("the copy's segment, not the workstation's").startsWith(copy).exists();
                assertThat(Sha256.of(file)).isEqualTo(seen.get(i).sha256());
                assertThat(file.toString()).contains("recordings");
            }
            assertThat(Path.of(seen.get(2).path())).startsWithRaw(copy).doesNotExist();
            RecordingVerification verified = new RecordingVerifier(archive.database()).verifyAll(RecordingVerifier.Progress.NONE);
            assertThat(verified).isInstanceOf(RecordingVerification.Failed.class);
            assertThat(((RecordingVerification.Failed) verified).segment().id()).isEqualTo(w.segments().get(2).id());
        }
        assertThat(FolderFingerprint.of(copy)).as("nothing in the opened folder changed").isEqualTo(before);
    }

    @Test
    void aRangePackageOpensWithItsCameraAndRecordingAndAnEventPackageWithItsRange() throws Exception {
        Workstation w = workstation();
        Path withSegments = temp.resolve("range-full");
        Path cutOnly = temp.resolve("range-cut");
        Path event = temp.resolve("event");
        try (Database db = Database.open(w.data())) {
            EvidenceExporter exporter = new EvidenceExporter(db);
            exporter.exportRange(new RangeRequest(List.of(w.camera()), T0.plusSeconds(3), T0.plusSeconds(25), true),
                    withSegments, ExportOptions.defaults(People.ADMIN));
            exporter.exportRange(new RangeRequest(List.of(w.camera()), T0.plusSeconds(3), T0.plusSeconds(25), false),
                    cutOnly, ExportOptions.defaults(People.ADMIN).withZip(null));
            exporter.export(List.of(w.event()), event, ExportOptions.defaults(People.ADMIN));
        }

        try (Archive archive = Archive.open(withSegments)) {
            assertThat(archive.describe()).contains("intact");
            Camera camera = new CameraStore(archive.database()).find(w.camera()).orElseThrow();
            assertThat(camera.name()).isEqualTo("Gate");
            assertThat(camera.enabled()).isFalse();
            List<Segment> seen = new SegmentStore(archive.database()).all(w.camera());
            assertThat(seen).extracting(Segment::id).containsExactlyElementsOf(w.segments().stream().map(Segment::id).toList());
            for (Segment s : seen) {
                assertThat(Path.of(s.path())).startsWith(withSegments).exists();
            }
            assertThat(new RecordingVerifier(archive.database()).verifyAll(RecordingVerifier.Progress.NONE))
                    .as("the copied segments are the recorded chain").isInstanceOf(RecordingVerification.Ok.class);
        }
        try (Archive archive = Archive.open(temp.resolve("range-cut.zip"))) {
            List<Segment> seen = new SegmentStore(archive.database()).all(w.camera());
            assertThat(seen).hasSize(1);
            Segment cut = seen.getFirst();
            assertThat(Path.of(cut.path()).getFileName().toString()).isEqualTo("camera-" + w.camera() + ".mp4");
            assertThat(Path.of(cut.path())).exists();
            assertThat(cut.startedAt()).isBeforeOrEqualTo(T0.plusSeconds(3)).isAfter(T0);
            assertThat(cut.endedAt()).isAfter(T0.plusSeconds(24));
            assertThat(Sha256.of(Path.of(cut.path()))).isEqualTo(cut.sha256());
        }
        try (Archive archive = Archive.open(event)) {
            List<Clip> clips = new ClipStore(archive.database()).forEvent(w.event());
            assertThat(clips).hasSize(1);
            Clip clip = clips.getFirst();
            assertThat(Path.of(clip.path())).startsWith(event).exists();
            assertThat(Path.of(clip.path()).getFileName().toString()).isEqualTo("event-" + w.event() + ".mp4");
            assertThat(clip.closedAt()).isNotNull();
            assertThat(clip.sha256()).isEqualTo(Sha256.of(Path.of(clip.path())));
            assertThat(clip.startedAt()).isBeforeOrEqualTo(T0.plusSeconds(4));
        }
    }
}
