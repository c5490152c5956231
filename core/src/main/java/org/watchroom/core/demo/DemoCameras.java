package org.watchroom.core.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.watchroom.core.store.Camera;

/**
 * The demo wall shown when no camera is configured: the {@link TestCard} (a looping file, so it needs neither a
 * network nor FFmpeg's device library), FFmpeg lavfi test patterns (these need the device library; without it their
 * tiles say which packages to install), plus real footage looped as a camera when a footage file is found.
 *
 * <p>Thread-safety: stateless.
 */
public final class DemoCameras {
    /** Environment variable naming a footage file to loop as a demo camera. */
    public static final String FOOTAGE_ENV = "WATCHROOM_DEMO_FOOTAGE";

    private static final String TEST_CARD_NAME = "Demo test card";
    /** Drawn by lavfi when the test card file could not be made. */
    private static final String TEST_CARD_FALLBACK = "lavfi:testsrc2=size=640x360:rate=15";
    private static final String NOT_RECORDED = "{\"mode\": \"off\"}";
    private static final List<String[]> PATTERNS = List.of(
            new String[] {"Demo mandelbrot", "lavfi:mandelbrot=size=480x270:rate=10:maxiter=256"},
            new String[] {"Demo life", "lavfi:life=size=480x270:rate=10:mold=10:ratio=0.2:life_color=#30d060:death_color=#802020"},
            new String[] {"Demo cellular", "lavfi:cellauto=size=480x270:rate=10:rule=110:random_fill_ratio=0.4"});

    private DemoCameras() {
    }

    /**
     * Demo cameras, ids -1, -2, … so they never collide with stored ones.
     *
     * @param testCard the {@link TestCard} file, or empty to draw it with lavfi
     * @param footage a video to loop as a camera
     */
    public static List<Camera> cameras(Optional<Path> testCard, Optional<Path> footage) {
        List<Camera> cameras = new ArrayList<>();
        long id = -1;
        cameras.add(demo(id--, TEST_CARD_NAME, testCard.map(card -> card + "?loop=1").orElse(TEST_CARD_FALLBACK),
                "{\"enabled\": false}", NOT_RECORDED));
        for (String[] pattern : PATTERNS) {
            // nothing to find in test patterns, nothing worth keeping either
            cameras.add(demo(id--, pattern[0], pattern[1], "{\"enabled\": false}", NOT_RECORDED));
        }
        if (footage.isPresent()) {
            cameras.add(demo(id, "Demo footage (" + footage.get().getFileName() + ")", footage.get() + "?loop=1", "{}",
                    "{}")); // detected and recorded like a real camera: the timeline has footage to show
        }
        return cameras;
    }

    private static Camera demo(long id, String name, String url, String detectSettings, String recording) {
        Camera c = Camera.create(name, url, null, "demo");
        return new Camera(id, c.name(), c.url(), null, null, null, "tcp", true, c.location(), null, detectSettings,
                "{}", recording, null, null);
    }

    /**
     * The footage file to loop: {@code explicit} when given, else {@value #FOOTAGE_ENV}, else
     * {@code shared/media/vtest.avi} beside the installation ({@code watchroom.home}), or
     * {@code ../shared/media/vtest.avi} / {@code shared/media/vtest.avi} from the working directory.
     */
    public static Optional<Path> findFootage(Path explicit) {
        List<Path> candidates = new ArrayList<>();
        if (explicit != null) {
            candidates.add(explicit);
        }
        String env = System.getenv(FOOTAGE_ENV);
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        String home = System.getProperty("watchroom.home");
        if (home != null) {
            candidates.add(Path.of(home, "..", "shared", "media", "vtest.avi"));
        }
        candidates.add(Path.of("../shared/media/vtest.avi"));
        candidates.add(Path.of("shared/media/vtest.avi"));
        return candidates.stream().filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).findFirst();
    }
}
