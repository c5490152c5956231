package org.watchroom.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.javacpp.Loader;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.ClipClose;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.DetectionStore;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.FrameSize;
import org.watchroom.core.store.NewDetection;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.ReviewStore;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;

/**
 * A data dir as the engine leaves it: a camera with a password, a real fragmented MP4 clip (remuxed from the
 * shared footage with the bundled ffmpeg) shared by a confirmed person event and a face event with a crop, real
 * JPEG snapshots, and a third event whose clip retention already deleted.
 */
record EvidenceFixture(Camera camera, long person, long face, long gone, Clip clip, Clip deletedClip, long cropDetection) {
    static final String PASSWORD = "s3cret-Pw9";
    static final Instant T0 = Instant.parse("2026-03-14T09:26:53Z");

    static EvidenceFixture create(Database db, Path dataDir) throws Exception {
        Path clips = Files.createDirectories(dataDir.resolve("clips/cam1-Front_door"));
        Path snapshots = Files.createDirectories(dataDir.resolve("snapshots/cam1-Front_door"));
        Path clipFile = clips.resolve("20260314-092650.mp4");
        ffmpeg("-t", "3", "-i", TestMedia.file("vtest.mp4").toString(), "-an", "-c", "copy",
                "-movflags", "frag_keyframe+empty_moov+default_base_moof", clipFile.toString());
        Path snapshot = snapshots.resolve("person-peak.jpg");
        ffmpeg("-ss", "1", "-i", TestMedia.file("vtest.mp4").toString(), "-frames:v", "1", snapshot.toString());
        Path crop = snapshots.resolve("face-crop.jpg");
        ffmpeg("-ss", "1", "-i", TestMedia.file("vtest.mp4").toString(), "-vf", "crop=64:96:300:200", "-frames:v", "1",
                crop.toString());

        Camera camera = new CameraStore(db).add(Camera.create("Front door",
                "rtsp://admin:" + PASSWORD + "@10.0.0.5:554/stream1", null, "Gate, north side"), People.ADMIN);
        EventStore events = new EventStore(db);
        ReviewStore reviews = new ReviewStore(db);
        ClipStore clipStore = new ClipStore(db);
        DetectionStore detections = new DetectionStore(db);
        long person = events.create(new NewEvent(camera.id(), camera.name(), "person", T0.plusSeconds(1), 0.91f,
                new Box(120, 80, 60, 180), snapshot.toString(), new FrameSize(768, 576), "yolox-nano",
                "sha256:" + "a".repeat(64))).id();
        events.end(person, T0.plusSeconds(3));
        reviews.confirm(person, People.as("local"), "Courier at the gate");
        long face = events.create(new NewEvent(camera.id(), camera.name(), "face", T0.plusSeconds(2), 0.8f,
                new Box(300, 200, 64, 96), null, new FrameSize(768, 576), "yunet", null)).id();
        events.end(face, T0.plusSeconds(3));
        detections.addAll(person, List.of(new NewDetection(T0.plusSeconds(1), new Detection("person", 0, 0.91f,
                new Box(120, 80, 60, 180), null), null)));
        detections.addAll(face, List.of(new NewDetection(T0.plusSeconds(2), new Detection("face", 0, 0.8f,
                new Box(300, 200, 64, 96), new float[] {310, 220, 340, 220, 325, 240, 312, 260, 338, 260}), crop.toString())));
        long cropDetection = detections.forEvent(face).getFirst().id();

        Clip clip = clipStore.open(camera.id(), clipFile, T0);
        clip = clipStore.close(clip.id(), new ClipClose(T0.plusSeconds(3), Duration.ofSeconds(3), Files.size(clipFile),
                Sha256.of(clipFile), "h264", true, null));
        clipStore.link(clip.id(), person);
        clipStore.link(clip.id(), face);

        Path oldFile = clips.resolve("20260301-000000.mp4");
        Files.copy(clipFile, oldFile);
        long gone = events.create(new NewEvent(camera.id(), camera.name(), "person", T0.minusSeconds(86_400), 0.7f,
                null, null)).id();
        events.end(gone, T0.minusSeconds(86_390));
        Clip deleted = clipStore.open(camera.id(), oldFile, T0.minusSeconds(86_400));
        clipStore.link(deleted.id(), gone);
        Files.delete(oldFile); // retention got there first
        return new EvidenceFixture(camera, person, face, gone, clip, deleted, cropDetection);
    }

    private static void ffmpeg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Loader.load(ffmpeg.class),
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor()).as("ffmpeg %s", command).isZero();
    }
}
