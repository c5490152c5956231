package org.watchroom.core.record;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;

/**
 * For {@link ClipKillTest}: records {@code args[0]} (a camera URL) into a clip under {@code args[1]} with an
 * event that never ends, prints {@code CLIP <path>} once the clip is open and waits to be killed.
 */
public final class RecordUntilKilled {
    private RecordUntilKilled() {
    }

    public static void main(String[] args) throws Exception {
        RecordSettings settings = RecordSettings.defaults().withPreRoll(Duration.ofSeconds(1));
        Recorder recorder = new Recorder("killed", Path.of(args[1]), settings, new Recorder.Listener() {
            @Override
            public void clipOpened(Path path, Instant startedAt, List<Long> eventIds) {
                System.out.println("CLIP " + path);
                System.out.flush();
            }

            @Override
            public void clipFailed(Path path, String reason, List<Long> eventIds) {
                System.out.println("FAILED " + reason);
                System.out.flush();
            }
        });
        CameraSource source = new CameraSource("killed", CameraUrl.parse(args[0]), SourceOptions.defaults());
        source.addPacketListener(recorder);
        source.start();
        Thread.sleep(1500);
        recorder.startOrExtend(1, Instant.now());
        Thread.sleep(Long.MAX_VALUE);
    }
}
