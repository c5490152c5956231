package org.watchroom.core.media;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's device library ({@code avdevice}: the {@code lavfi}, {@code v4l2} and {@code dshow} inputs), loaded on
 * the first device source instead of at start. JavaCV's {@code libavdevice} links the sound (ALSA, PulseAudio) and
 * X (xcb) client libraries, which servers and minimal installs do not have; network cameras and files never need
 * it, so they keep working there.
 *
 * <p>Thread-safety: safe from any thread; the library is tried once per process.
 */
public final class DeviceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSupport.class);

    /** A shared library that {@code libavdevice} links, with the Debian package that provides it. */
    public record SystemLibrary(String soname, String debianPackage) {
    }

    /** What JavaCV's linux-x86_64 {@code libavdevice} needs from the system (readelf -d, NEEDED). */
    public static final List<SystemLibrary> LINUX_LIBRARIES = List.of(
            new SystemLibrary("libasound.so.2", "libasound2"),
            new SystemLibrary("libpulse.so.0", "libpulse0"),
            new SystemLibrary("libxcb.so.1", "libxcb1"),
            new SystemLibrary("libxcb-shm.so.0", "libxcb-shm0"));

    @GuardedBy("DeviceSupport.class")
    private static Optional<String> problem; // null until tried

    private DeviceSupport() {
    }

    /**
     * Loads {@code avdevice} and registers its inputs, once. Empty when device sources work; otherwise one line
     * for a person that says what to install.
     */
    public static synchronized Optional<String> load() {
        if (problem == null) {
            problem = tryLoad();
        }
        return problem;
    }

    private static Optional<String> tryLoad() {
        try {
            Loader.load(avdevice.class);
            avdevice.avdevice_register_all();
            return Optional.empty();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            String line = explain(missing(), e);
            LOG.warn("{}", line, e);
            return Optional.of(line);
        }
    }

    /** The libraries of {@link #LINUX_LIBRARIES} the dynamic linker cannot load here (empty off Linux). */
    @SuppressWarnings("restricted") // dlopen by name; the launchers grant native access (--enable-native-access)
    public static List<SystemLibrary> missing() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return List.of();
        }
        List<SystemLibrary> missing = new ArrayList<>();
        for (SystemLibrary library : LINUX_LIBRARIES) {
            try (Arena arena = Arena.ofConfined()) {
                SymbolLookup.libraryLookup(library.soname(), arena); // dlopen by name, as libavdevice would
            } catch (IllegalArgumentException | IllegalCallerException notLoadable) {
                missing.add(library);
            }
        }
        return missing;
    }

    static String explain(List<SystemLibrary> missing, Throwable error) {
        if (missing.isEmpty()) {
            return "Device sources (lavfi:, v4l2:, dshow:) are unavailable: FFmpeg's device library does not load ("
                    + error.getMessage() + ")";
        }
        return "Device sources (lavfi:, v4l2:) need system libraries that are missing ("
                + missing.stream().map(SystemLibrary::soname).collect(Collectors.joining(", "))
                + "); install them with: sudo apt-get install "
                + missing.stream().map(SystemLibrary::debianPackage).collect(Collectors.joining(" "));
    }
}
