package org.watchroom.core.detect.internal;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks ONNX Runtime's native libraries once, into a folder of the cache named by ORT's version and platform, and
 * points ORT at it ({@code onnxruntime.native.path}). Left alone, ORT copies them into a new
 * {@code /tmp/onnxruntime-java*} folder at every start and leaves it behind when the process is killed (59 folders,
 * 44 MB after a day of restarts); from a fixed folder nothing accumulates and a start copies nothing.
 *
 * <p>Thread-safety: safe from any thread; concurrent processes each copy to a private file and move it into place.
 */
public final class OrtNatives {
    /** ORT's own property: a folder holding its libraries, used instead of unpacking them. */
    public static final String PATH_PROPERTY = "onnxruntime.native.path";
    private static final Logger LOG = LoggerFactory.getLogger(OrtNatives.class);
    /** Everything ORT's jars may carry; only those present in this jar are copied. */
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni",
            "onnxruntime_providers_shared", "onnxruntime_providers_cuda", "onnxruntime_providers_tensorrt",
            "onnxruntime_providers_dnnl", "onnxruntime_providers_openvino", "onnxruntime_providers_rocm");

    private OrtNatives() {
    }

    /**
     * Before ONNX Runtime loads: makes sure {@code cacheDir/native/onnxruntime-VERSION-PLATFORM} holds this jar's
     * libraries and sets {@value #PATH_PROPERTY}. Leaves ORT to its own ways (and says so) when the property is
     * already set, the platform is unknown, or the cache cannot be written. Returns the folder in use, if any.
     */
    public static synchronized Optional<Path> prepare(Path cacheDir) {
        String chosen = System.getProperty(PATH_PROPERTY);
        if (chosen != null) {
            return Optional.of(Path.of(chosen));
        }
        String platform = platform();
        if (platform == null) {
            return Optional.empty();
        }
        String version = OrtEnvironment.class.getPackage().getImplementationVersion(); // no class initialisation
        Path dir = cacheDir.resolve("native").resolve("onnxruntime-" + (version == null ? "unknown" : version)
                + "-" + platform);
        try {
            int copied = 0;
            for (String library : LIBRARIES) {
                if (unpack(platform, System.mapLibraryName(library), dir)) {
                    copied++;
                }
            }
            if (!Files.isRegularFile(dir.resolve(System.mapLibraryName("onnxruntime4j_jni")))) {
                return Optional.empty(); // not a jar with natives for this platform: ORT will say what is missing
            }
            if (copied > 0) {
                LOG.info("ONNX Runtime's native libraries unpacked into {}", dir);
            }
            System.setProperty(PATH_PROPERTY, dir.toString());
            return Optional.of(dir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot unpack ONNX Runtime's native libraries into {}; it unpacks them into a temporary folder "
                    + "instead", dir, e);
            return Optional.empty();
        }
    }

    /** Copies one library from the jar unless the cache holds it whole already; true when it copied. */
    private static boolean unpack(String platform, String file, Path dir) throws IOException {
        URL resource = OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform + "/" + file);
        if (resource == null) {
            return false;
        }
        URLConnection connection = resource.openConnection();
        long size = connection.getContentLengthLong();
        Path target = dir.resolve(file);
        if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) {
            return false;
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, file, ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return true;
    }

    /** ORT's name for this platform's resource folder ({@code linux-x64}, {@code osx-aarch64}, …), or null. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "osx"
                : os.contains("win") ? "win" : null;
        String archPart = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
        return osPart == null || archPart == null ? null : osPart + "-" + archPart;
    }
}
