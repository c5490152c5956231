package org.watchroom.core.testing;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.watchroom.core.media.DeviceSupport;

/**
 * Runs a command as on a freshly installed server that lacks the sound and X client libraries JavaCV's
 * {@code libavdevice} links: inside a private mount namespace ({@code unshare --mount}, needs root) where each of
 * them that is installed here has {@code /dev/null} bound over it, so the dynamic linker fails to load it exactly as
 * if it were missing. The host's files are untouched.
 *
 * <p>Thread-safety: stateless.
 */
public final class BareMachine {
    private BareMachine() {
    }

    /** Skips the calling test (with the reason) where namespaces cannot be made: not root, or no unshare. */
    public static void assumeAvailable() {
        assumeThat(isRoot()).as("a mount namespace needs root (CI runs as root)").isTrue();
        assumeThat(Files.isExecutable(Path.of("/usr/bin/unshare"))).as("unshare (util-linux) is needed").isTrue();
    }

    /** {@code command} wrapped so that it runs without the libraries of {@link DeviceSupport#LINUX_LIBRARIES}. */
    public static List<String> wrap(List<String> command) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("set -e\n");
        for (DeviceSupport.SystemLibrary library : DeviceSupport.LINUX_LIBRARIES) {
            Optional<Path> installed = resolve(library.soname());
            if (installed.isPresent()) {
                script.append("mount --bind /dev/null '").append(installed.get()).append("'\n");
            }
        }
        script.append("exec \"$@\"\n");
        List<String> wrapped = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--propagation", "private",
                "--", "/bin/sh", "-c", script.toString(), "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Where the dynamic linker finds {@code soname} (its real file), per {@code ldconfig -p}. */
    static Optional<Path> resolve(String soname) throws IOException, InterruptedException {
        Process ldconfig = new ProcessBuilder("/sbin/ldconfig", "-p").redirectErrorStream(true).start();
        String listing = new String(ldconfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ldconfig.waitFor();
        for (String line : listing.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(soname + " ") && trimmed.contains("x86-64") && trimmed.contains("=> ")) {
                Path path = Path.of(trimmed.substring(trimmed.indexOf("=> ") + 3).strip());
                if (Files.exists(path)) {
                    return Optional.of(path.toRealPath());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").start();
            String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return id.waitFor() == 0 && uid.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
