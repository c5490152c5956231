package org.watchroom.core.record;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Keeps recording from filling the disk: no new clip starts, and an open clip is closed, while the clip folder's
 * file system has less than {@code minFreeBytes} usable. The alert stays until space returns, then recording
 * resumes by itself. Looks at the file system at most once a second while there is room (the recorder asks at
 * every keyframe of an open clip, the engine's storage monitor every second), and at every call while paused.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class DiskGuard {
    private final Path dir;
    private final long minFreeBytes;
    private final ToLongFunction<Path> usableSpace;
    @GuardedBy("this")
    private boolean checked;
    @GuardedBy("this")
    private long checkedAtNanos;
    private volatile String alert;
    private volatile long lastFree = -1;

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
            lastFree = free;
            alert = free >= minFreeBytes ? null : String.format(Locale.ROOT,
                    "Recording paused: only %d MB free for %s (needs %d MB). It resumes when space is freed.",
                    Math.max(0, free) >> 20, dir, minFreeBytes >> 20);
        }
        return alert == null;
    }

    /** Usable bytes at the last look, -1 before the first or when the file system cannot tell. */
    public long freeBytes() {
        return lastFree;
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
