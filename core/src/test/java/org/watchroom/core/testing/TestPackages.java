package org.watchroom.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The Debian packages the tests need ({@code .ci/test-packages}, the list {@code .ci/run} installs too), made
 * present before the first test of a run: installed with apt-get when the tests run as root, otherwise the run stops
 * at once with the command that installs them. Without this, a fresh machine failed a first run and passed the
 * second: libraries that lavfi cameras need arrived midway, with the packages the RTSP fixture installed.
 *
 * <p>Registered as a JUnit {@link LauncherSessionListener} (META-INF/services), so that it runs once per test JVM,
 * for core and app alike. Machines without dpkg (not Debian) are left alone: their tests say what they miss.
 *
 * <p>Thread-safety: one check per JVM, under the class lock.
 */
public final class TestPackages implements LauncherSessionListener {
    static final String LIST = ".ci/test-packages";
    private static boolean checked; // guarded by TestPackages.class

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        ensureInstalled();
    }

    /** Every package of the list installed, or an {@link AssertionError} saying how to install them. */
    public static synchronized void ensureInstalled() {
        if (checked || !Files.isExecutable(Path.of("/usr/bin/dpkg-query"))) {
            return;
        }
        List<String> missing = missing(required());
        if (!missing.isEmpty() && isRoot()) {
            System.err.println("Installing the Debian packages the tests need: " + String.join(" ", missing));
            String log = install(missing);
            missing = missing(missing);
            if (!missing.isEmpty()) {
                throw new AssertionError("Installing the tests' Debian packages as root failed: " + log
                        + "\nInstall them with:\n  " + installCommand(missing));
            }
        }
        if (!missing.isEmpty()) {
            String message = "The tests need Debian packages that are missing (" + LIST + ").\nInstall them with:\n  "
                    + installCommand(missing);
            System.err.println(message);
            throw new AssertionError(message);
        }
        checked = true;
    }

    /** The exact command for a person (not root) to run. */
    public static String installCommand(List<String> packages) {
        return "sudo apt-get install -y " + String.join(" ", packages);
    }

    /** The list, comments and blank lines removed. */
    public static List<String> required() {
        Path list = projectRoot().resolve(LIST);
        try {
            List<String> packages = new ArrayList<>();
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                String name = line.replaceAll("#.*", "").strip();
                if (!name.isEmpty()) {
                    packages.add(name);
                }
            }
            return packages;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the tests' package list " + list, e);
        }
    }

    /** The checkout: the build's {@code watchroom.projectRoot}, or the first folder up from here holding the list. */
    public static Path projectRoot() {
        String configured = System.getProperty("watchroom.projectRoot");
        if (configured != null && Files.isRegularFile(Path.of(configured, LIST))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(LIST))) {
                return dir;
            }
        }
        throw new IllegalStateException("No " + LIST + " in " + Path.of("").toAbsolutePath() + " or above");
    }

    /** Those of {@code packages} that dpkg does not report as installed. */
    public static List<String> missing(List<String> packages) {
        List<String> missing = new ArrayList<>();
        for (String name : packages) {
            Result status = run(List.of("dpkg-query", "-W", "-f=${Status}", name), 30);
            if (status.exit() != 0 || !status.output().contains("install ok installed")) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** apt-get install, and when the package lists are stale or absent (a fresh machine), update and again. */
    private static String install(List<String> packages) {
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq"));
        install.addAll(packages);
        Result first = run(install, 600);
        if (first.exit() == 0) {
            return "ok";
        }
        Result update = run(List.of("apt-get", "update", "-qq"), 300);
        Result second = run(install, 600);
        return second.exit() == 0 ? "ok" : "apt-get update: exit " + update.exit() + "; apt-get install: exit "
                + second.exit() + ": " + tail(second.output());
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes(); // ends when the process closes its output
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, command.getFirst() + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 400)).strip();
    }

    private static boolean isRoot() {
        Result id = run(List.of("id", "-u"), 10);
        return id.exit() == 0 && id.output().strip().equals("0");
    }
}
