package org.watchroom.core.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.store.Segment;

/**
 * Cuts of recordings kept as files so that a player can ask for byte ranges of them (HTTP Range): the first request
 * for a camera's range cuts it ({@link RangeCutter}, stream copy), later ones get the same file. A cut is named by a
 * hash of the camera, the range and the segments it comes from (their id and SHA-256, or for a segment still being
 * written its current size), so a range reaching into the live segment is cut again once more of it is written, and
 * a segment deleted or replaced never serves stale footage. Files are dropped, least recently used first, beyond
 * {@code maxBytes} or after {@code maxAge}; nothing in the folder is evidence.
 *
 * <p>Thread-safety: safe from any thread. Requests for the same cut wait for one cutter (a lock per hash stripe);
 * different cuts run in parallel.
 */
public final class CutCache {
    private static final Logger LOG = LoggerFactory.getLogger(CutCache.class);
    private static final int STRIPES = 64;
    private final Path dir;
    private final long maxBytes;
    private final Duration maxAge;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    /** Guards eviction, so that two threads do not both walk and delete. */
    private final ReentrantLock evicting = new ReentrantLock();

    public CutCache(Path dir, long maxBytes, Duration maxAge) {
        this.dir = dir.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * The cut of [{@code from}, {@code to}) of {@code segments} (one camera's, oldest first), made now or earlier.
     *
     * @throws RangeCutter.NothingRecordedException when nothing of the range can be cut
     */
    public Path cut(long cameraId, Instant from, Instant to, List<Segment> segments) throws IOException {
        String key = key(cameraId, from, to, segments);
        Path file = dir.resolve("cut-" + key + ".mp4");
        ReentrantLock lock = locks[Math.floorMod(key.hashCode(), STRIPES)];
        lock.lock();
        try {
            if (Files.isRegularFile(file)) {
                touch(file);
                return file;
            }
            Files.createDirectories(dir);
            Path partial = dir.resolve("partial-" + UUID.randomUUID() + ".mp4");
            try {
                RangeCutter.cut(segments, from, to, partial);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } finally {
            lock.unlock();
        }
        evict(file);
        return file;
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            LOG.debug("Cannot touch cached cut {}", file, e);
        }
    }

    /** Drops old and least recently used cuts beyond the budget; never {@code keep} (the one just asked for). */
    private void evict(Path keep) {
        if (!evicting.tryLock()) {
            return; // someone is at it
        }
        try (Stream<Path> files = Files.list(dir)) {
            record Entry(Path path, long bytes, FileTime used) { }
            List<Entry> entries = new ArrayList<>();
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("cut-")).toList()) {
                try {
                    entries.add(new Entry(p, Files.size(p), Files.getLastModifiedTime(p)));
                } catch (IOException gone) {
                    // deleted meanwhile
                }
            }
            entries.sort(Comparator.comparing(Entry::used));
            long total = entries.stream().mapToLong(Entry::bytes).sum();
            Instant oldest = Instant.now().minus(maxAge);
            for (Entry e : entries) {
                if (e.path().equals(keep)) {
                    continue;
                }
                if (total > maxBytes || e.used().toInstant().isBefore(oldest)) {
                    try {
                        // a player still reading it keeps its open file (POSIX); elsewhere deletion waits for next time
                        Files.deleteIfExists(e.path());
                        total -= e.bytes();
                    } catch (IOException busy) {
                        LOG.debug("Cannot drop cached cut {} yet", e.path(), busy);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot tidy the cut cache {}", dir, e);
        } finally {
            evicting.unlock();
        }
    }

    static String key(long cameraId, Instant from, Instant to, List<Segment> segments) {
        StringBuilder text = new StringBuilder().append(cameraId).append('|').append(from).append('|').append(to);
        for (Segment s : segments) {
            text.append('|').append(s.id()).append(':');
            if (s.sha256() != null) {
                text.append(s.sha256());
            } else {
                try {
                    text.append("open:").append(Files.size(Path.of(s.path())));
                } catch (IOException e) {
                    text.append("gone");
                }
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
