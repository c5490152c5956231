package org.watchroom.core.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Keeps recording from filling the disk: no new clip starts while the clip folder's file system has less than
 * {@code minFreeBytes} usable. The alert stays until space returns, then recording resumes by itself. Looks at
 * the file system at most once a second.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class DiskGuard {
    private final Path dir;
    private final long minFreeBytes;
    private final ToLongFunction<Path> usableSpace;
    private boolean checked;
    private long checkedAtNanos;
    private volatile String alert;

    public DiskGuard(Path dir, long minFreeBytes) {
        this(dir, minFreeBytes, DiskGuard::usable);
    }

    /** For tests: {@code usableSpace} stands in for the file system's answer. */
    DiskGuard(Path dir, long minFreeBytes, ToLongFunction<Path> usableSpace) {
        this.dir = dir;
        this.minFreeBytes = minFreeBytes;
        this.usableSpace = usableSpace;
    }

    /** Whether a new clip may start now; updates the alert. */
    public synchronized boolean mayRecord() {
        long now = System.nanoTime();
        if (!checked || now - checkedAtNanos >= 1_000_000_000L || alert != null) {
            checked = true;
            checkedAtNanos = now;
            long free = usableSpace.applyAsLong(dir);
            alert = free >= minFreeBytes ? null : String.format(
                    "Recording paused: only %d MB free for %s (needs %d MB). It resumes when space is freed.",
                    Math.max(0, free) >> 20, dir, minFreeBytes >> 20);
        }
        return alert == null;
    }

    /** The persistent alert while recording is paused for lack of space. */
    public Optional<String> alert() {
        return Optional.ofNullable(alert);
    }

    private static long usable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return -1; // cannot tell: treat as full rather than write into the unknown
        }
    }
}
