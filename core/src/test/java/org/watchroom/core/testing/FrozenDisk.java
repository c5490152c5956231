package org.watchroom.core.testing;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real disk that stalls: a small ext4 file system in a loop device, mounted on a folder, that {@link #freeze}
 * makes every write block in the kernel ({@code fsfreeze}) until {@link #thaw} — what a disk that hangs for seconds
 * does to a writer. Needs root and loop devices (CI runs as root).
 *
 * <p>Thread-safety: one test thread. Always {@link #close} (it thaws first): a frozen file system left mounted
 * blocks every process that writes to it.
 */
public final class FrozenDisk implements AutoCloseable {
    private final Path dir;
    private final Path image;
    private boolean frozen;

    private FrozenDisk(Path dir, Path image) {
        this.dir = dir;
        this.image = image;
    }

    /** Skips the calling test where a loop device cannot be mounted (not root, or no loop devices). */
    public static void assumeAvailable() {
        Tmpfs.assumeAvailable();
        assumeThat(Path.of("/dev/loop-control")).as("loop devices (a container without them cannot mount one)")
                .exists();
    }

    /** An ext4 file system of {@code megabytes} in {@code image}, mounted on {@code dir}. */
    public static FrozenDisk mount(Path dir, Path image, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        try (var file = FileChannel.open(image, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            file.truncate(0);
            file.position((long) megabytes << 20).write(ByteBuffer.wrap(new byte[1]));
        }
        run(List.of("mkfs.ext4", "-q", "-F", image.toString()));
        run(List.of("mount", "-o", "loop", image.toString(), dir.toString()));
        return new FrozenDisk(dir, image);
    }

    public Path dir() { return dir; }

    /** From now on every write to the file system blocks. */
    public void freeze() throws IOException, InterruptedException {
        run(List.of("fsfreeze", "--freeze", dir.toString()));
        frozen = true;
    }

    /** Writes go on (the blocked ones complete). */
    public void thaw() throws IOException, InterruptedException {
        if (frozen) {
            run(List.of("fsfreeze", "--unfreeze", dir.toString()));
            frozen = false;
        }
    }

    @Override
    public void close() throws IOException {
        // InterruptedIOException: a try-with-resources must not swallow an interrupt as a suppressed exception
        try {
            try {
                thaw();
            } finally {
                run(List.of("umount", "-l", dir.toString()));
                Files.deleteIfExists(image);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while thawing and unmounting");
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
    }
}
