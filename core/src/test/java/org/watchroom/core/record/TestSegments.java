package org.watchroom.core.record;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.testing.Waits;

/** Real segment files for tests: a video file recorded by a {@link SegmentRecorder}, as fast as it decodes. */
public final class TestSegments {
    private TestSegments() {
    }

    /** {@code source} (played once, not looped) cut into segments of about {@code length} under {@code dir}. */
    public static List<SegmentInfo> cut(Path source, Path dir, Duration length) {
        SegmentLog log = new SegmentLog();
        CameraSource camera = new CameraSource("cut", CameraUrl.parse(source.toString()),
                SourceOptions.defaults().withPacing(false).withDecodeOnlyWhenWatched(true));
        SegmentRecorder recorder = new SegmentRecorder("cut", dir, SegmentSettings.continuous(length)
                .withMaxDrift(null), Clock.systemUTC(), null, log);
        camera.addPacketListener(recorder);
        AtomicBoolean played = new AtomicBoolean();
        camera.addStateListener(state -> {
            if (state instanceof CameraState.Live) {
                played.set(true);
            }
        });
        camera.start();
        try {
            // a source is STOPPED before it starts too: wait for the end of a playback that went LIVE
            Waits.until(Duration.ofSeconds(60), () -> played.get() && camera.state() instanceof CameraState.Stopped
                    && recorder.stats().queued() == 0);
        } finally {
            camera.removePacketListener(recorder);
            recorder.close();
            camera.close();
        }
        return log.closed();
    }
}
