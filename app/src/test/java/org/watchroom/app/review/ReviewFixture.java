package org.watchroom.app.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.playback.TestClips;
import org.watchroom.core.store.ClipClose;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.DetectionStore;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.FrameSize;
import org.watchroom.core.store.NewDetection;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.TestMedia;

/**
 * A reviewed event as the engine stores it: a real fragmented MP4 in {@code clips/} (vtest.mp4 stream-copied
 * with the recorder's flags, 6 s at 10 fps, people walking), a snapshot and a crop in {@code snapshots/}, and
 * detections at 1 s, 2 s (the peak, two people) and 3 s of clip time in 768x576 detector pixels.
 */
public final class ReviewFixture {
    public static final double CLIP_SECONDS = 6;
    /** Recent, so that the alerts list (last 24 h by default) and retention keep the event. */
    @SuppressWarnings("TimeInStaticInitializer") // one clip time for the whole test JVM, on purpose
    public static final Instant CLIP_START = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);

    private ReviewFixture() {
    }

    /** Stores the event; returns its id. */
    public static long storeEvent(Database database, EventStore events, Path dataDir) throws Exception {
        Path clip = TestClips.fragmented(Files.createDirectories(dataDir.resolve("clips")).resolve("gate-1.mp4"), CLIP_SECONDS);
        Path snapshots = Files.createDirectories(dataDir.resolve("snapshots"));
        Path snapshot = Files.copy(TestMedia.file("faces/Test1.jpg"), snapshots.resolve("event.jpg"));
        Path crop = Files.copy(TestMedia.file("astronaut.png"), snapshots.resolve("face.png"));
        Instant peakAt = CLIP_START.plusSeconds(2);
        Box peakBox = new Box(300, 200, 80, 200);
        long id = events.create(new NewEvent(null, "Gate", "person", CLIP_START.plusSeconds(1), 0.6f, new Box(100, 100, 60, 160),
                snapshot.toString(), new FrameSize(768, 576))).id();
        events.updatePeak(id, 0.9f, peakBox, null, new FrameSize(768, 576));
        new DetectionStore(database).addAll(id, List.of(
                new NewDetection(CLIP_START.plusSeconds(1), new Detection("person", 0, 0.6f, new Box(100, 100, 60, 160), null), null),
                new NewDetection(peakAt, new Detection("person", 0, 0.9f, peakBox, null), null),
                new NewDetection(peakAt, new Detection("face", 0, 0.7f, new Box(320, 210, 30, 30), null), crop.toString()),
                new NewDetection(CLIP_START.plusSeconds(3), new Detection("person", 0, 0.7f, new Box(500, 250, 70, 190), null), null)));
        events.end(id, CLIP_START.plusSeconds(4)); // ended: start-up recovery leaves it alone
        ClipStore clips = new ClipStore(database);
        long clipId = clips.open(null, clip, CLIP_START).id();
        clips.close(clipId, new ClipClose(CLIP_START.plusSeconds(6), Duration.ofSeconds(6), Files.size(clip),
                ClipStore.sha256(clip), "h264", true, null));
        clips.link(clipId, id);
        return id;
    }
}
