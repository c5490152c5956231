package org.watchroom.core.testing;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.watchroom.core.detect.DetectConfig;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.detect.Detector;
import org.watchroom.core.detect.InferenceEnvironment;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.event.EventRules;
import org.watchroom.core.event.EventSignal;
import org.watchroom.core.event.Region;
import org.watchroom.core.event.track.StationaryMemory;
import org.watchroom.core.event.track.StationaryObject;
import org.watchroom.core.event.track.Tracked;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.store.StationaryStore;

/**
 * Real footage through the real detector once, then its detector passes replayed through the event rules as often as
 * a test or benchmark likes: each replay is a fresh {@link EventRules} (an engine start) that keeps its stationary
 * objects in the database between plays, as the engine does.
 *
 * <p>Thread-safety: stateless; the objects it returns are immutable.
 */
public final class TrackReplay {
    /** The labels counted as vehicles. */
    public static final Set<String> VEHICLES = Set.of("car", "truck", "bus", "motorcycle");

    private TrackReplay() {
    }

    /** One detector pass at {@code seconds} into the footage. */
    public record Pass(double seconds, int width, int height, List<Detection> detections) {
    }

    /** The passes, and the detector's mean inference time per pass. */
    public record Detected(List<Pass> passes, double inferenceMillis) {
    }

    /**
     * What one play raised.
     *
     * @param eventsByLabel events started, by their label at the start
     * @param finalLabels   each event's label at its end (after the vote)
     * @param tracks        objects followed
     * @param votedFlips    times a track's shown label changed from one pass to the next
     * @param rawFlips      times the detector's own label of a track's box changed from one pass to the next
     * @param trackingMicros mean time of tracking and rules per pass
     */
    public record Play(Map<String, Integer> eventsByLabel, List<String> finalLabels, int tracks, int votedFlips,
                       int rawFlips, double trackingMicros) {

        public int events(Set<String> labels) {
            return (int) finalLabels.stream().filter(labels::contains).count();
        }
    }

    /** Runs the object model on frames {@code 0..lastFrame} of {@code video}, one pass every {@code step} frames. */
    public static Detected detect(Path video, int lastFrame, int step, double fps) throws Exception {
        List<Pass> passes = new ArrayList<>();
        long inference = 0;
        try (InferenceEnvironment environment = InferenceEnvironment.create(1, false);
             Detector detector = environment.open(TestModels.yolox());
             FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            detector.settings(detector.settings().withIncludeLabels(Set.copyOf(DetectConfig.defaults().labels())));
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGRA);
            grabber.start();
            FrameRing ring = null;
            FrameRing.Reader reader = null;
            for (int i = 0; i <= lastFrame; i++) {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    break;
                }
                if (i % step != 0) {
                    continue;
                }
                if (ring == null) {
                    ring = new FrameRing(3, frame.imageWidth, frame.imageHeight);
                    reader = ring.newReader("replay");
                }
                ByteBuffer target = ring.beginWrite(frame.imageWidth, frame.imageHeight);
                ByteBuffer source = (ByteBuffer) frame.image[0];
                int rowBytes = frame.imageWidth * 4;
                for (int y = 0; y < frame.imageHeight; y++) {
                    target.put(y * rowBytes, source, y * frame.imageStride, rowBytes);
                }
                ring.publish(System.nanoTime());
                FrameSlot slot = reader.acquireNewest();
                List<Detection> found = detector.detect(slot);
                inference += detector.lastInferenceNanos();
                passes.add(new Pass(i / fps, slot.width(), slot.height(), found));
                reader.release();
            }
            if (reader != null) {
                reader.close();
                ring.close();
            }
        }
        return new Detected(List.copyOf(passes), passes.isEmpty() ? 0 : inference / 1e6 / passes.size());
    }

    /** Plays the passes once from {@code start} through fresh rules, an engine start with {@code memory}. */
    public static Play play(List<Pass> passes, EventRuleConfig config, StationaryMemory memory, Instant start) {
        EventRules rules = new EventRules(1, config, memory);
        Map<String, Integer> byLabel = new HashMap<>();
        Map<UUID, String> labels = new HashMap<>();
        Map<Long, String> shown = new HashMap<>();
        Map<Long, String> raw = new HashMap<>();
        int votedFlips = 0;
        int rawFlips = 0;
        long nanos = 0;
        long sequence = 0;
        Instant last = start;
        for (Pass pass : passes) {
            Instant at = start.plusNanos(Math.round(pass.seconds() * 1e9));
            last = at;
            DetectionResult result = new DetectionResult(1, "replay", sequence++, at, pass.width(), pass.height(),
                    pass.detections(), List.of());
            long t0 = System.nanoTime();
            Tracked tracked = rules.track(result);
            List<EventSignal> signals = rules.accept(tracked);
            nanos += System.nanoTime() - t0;
            for (Detection d : tracked.result().detections()) {
                if (d.trackId() == 0) {
                    continue;
                }
                String before = shown.put(d.trackId(), d.label());
                votedFlips += before != null && !before.equals(d.label()) ? 1 : 0;
                String detector = rawLabel(pass.detections(), d);
                String rawBefore = raw.put(d.trackId(), detector);
                rawFlips += rawBefore != null && !rawBefore.equals(detector) ? 1 : 0;
            }
            record(signals, byLabel, labels);
        }
        record(rules.tick(last.plus(Duration.ofMinutes(5))), byLabel, labels);
        return new Play(Map.copyOf(byLabel), List.copyOf(labels.values()), shown.size(), votedFlips, rawFlips,
                passes.isEmpty() ? 0 : nanos / 1e3 / passes.size());
    }

    /** The detector's label of the box a tracked detection came from (the tracker keeps the box). */
    @SuppressWarnings("ReferenceEquality") // the tracked detection carries the detector's own box object
    private static String rawLabel(List<Detection> detected, Detection tracked) {
        for (Detection d : detected) {
            if (d.box() == tracked.box()) {
                return d.label();
            }
        }
        return tracked.label();
    }

    private static void record(List<EventSignal> signals, Map<String, Integer> byLabel,
                               Map<UUID, String> labels) {
        for (EventSignal signal : signals) {
            switch (signal) {
                case EventSignal.Started s -> {
                    byLabel.merge(s.label(), 1, Integer::sum);
                    labels.put(s.eventKey(), s.label());
                }
                case EventSignal.Updated u -> labels.computeIfPresent(u.eventKey(), (k, old) -> u.label());
                case EventSignal.Ended e -> {
                }
            }
        }
    }

    /** A camera's stationary objects in the {@code stationary_objects} table, written at once (no writer thread). */
    public static StationaryMemory memory(StationaryStore store, long cameraId) {
        return new StationaryMemory() {
            @Override
            public List<StationaryObject> load() {
                return store.list(cameraId).stream().map(r -> new StationaryObject(r.label(),
                        new Region(r.x(), r.y(), r.width(), r.height()), r.since())).toList();
            }

            @Override
            public void save(List<StationaryObject> objects) {
                store.replace(cameraId, objects.stream().map(o -> new StationaryStore.Row(o.label(), o.box().x(),
                        o.box().y(), o.box().width(), o.box().height(), o.since())).toList());
            }
        };
    }
}
