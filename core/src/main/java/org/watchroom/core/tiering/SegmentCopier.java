package org.watchroom.core.tiering;

import static org.watchroom.core.tiering.MoveOutcome.archiveFailed;
import static org.watchroom.core.tiering.MoveOutcome.segmentFailed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;

/**
 * Puts a verified copy of one segment's file in the archive: copy to {@code <target>.part} while hashing the
 * original, fsync, hash the copy again and compare both with the row's SHA-256, rename it into place and fsync its
 * folder. The row and the original are not touched here.
 *
 * <p>Thread-safety: not thread-safe; confined to the pass thread (it reuses one copy buffer).
 */
final class SegmentCopier {
    // the archive mover's log, as before the split
    private static final Logger LOG = LoggerFactory.getLogger(SegmentMover.class);

    private final SegmentStore segments;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);

    SegmentCopier(SegmentStore segments) {
        this.segments = segments;
    }

    /**
     * Copies {@code source} (the file of {@code s}) to {@code target} in the archive, verified; null when the copy is
     * in place, else why it is not (nothing is left half-way in the archive then).
     */
    MoveOutcome place(Segment s, Path source, Path target) {
        Path part = target.resolveSibling(target.getFileName() + SegmentMover.PART);
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            return archiveFailed(s, "cannot create the folder " + target.getParent(), e);
        }
        MoveOutcome copied = copy(s, source, part);
        if (copied != null) {
            deleteQuietly(part);
            return copied;
        }
        String copySha;
        try {
            copySha = Sha256.of(part);
        } catch (IOException e) {
            deleteQuietly(part);
            return archiveFailed(s, "its copy cannot be read back from the archive", e);
        }
        if (!copySha.equals(s.sha256())) {
            deleteQuietly(part);
            return archiveFailed(s, "its copy reads back with another SHA-256 (" + abbreviate(copySha) + ", recorded "
                    + abbreviate(s.sha256()) + "): the archive did not keep the bytes written; refused", null);
        }
        try {
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(target.getParent());
        } catch (IOException e) {
            deleteQuietly(part);
            return archiveFailed(s, "its verified copy cannot be put in place as " + target, e);
        }
        return null;
    }

    /** Copies {@code source} to {@code part} while hashing it, then fsyncs; null when that went well. */
    private MoveOutcome copy(Segment s, Path source, Path part) {
        MessageDigest digest = sha256();
        long total = 0;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (true) {
                    buffer.clear();
                    int n;
                    try {
                        n = in.read(buffer);
                    } catch (IOException e) {
                        return segmentFailed(s, "its original cannot be read", e);
                    }
                    if (n < 0) {
                        break;
                    }
                    buffer.flip();
                    digest.update(buffer.duplicate());
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    total += n;
                }
                out.force(true);
            }
        } catch (NoSuchFileException e) {
            if (source.equals(e.getFile() == null ? null : Path.of(e.getFile()))) {
                return gone(s).orElseGet(() -> segmentFailed(s, "its original is missing", e));
            }
            return archiveFailed(s, "cannot write its copy " + part, e);
        } catch (IOException e) {
            // opening the source is the only source step left here; everything else wrote to the archive
            if (!Files.isReadable(source)) {
                return gone(s).orElseGet(() -> segmentFailed(s, "its original cannot be read", e));
            }
            return archiveFailed(s, "cannot write its copy " + part, e);
        }
        String sourceSha = HexFormat.of().formatHex(digest.digest());
        if (!sourceSha.equals(s.sha256()) || (s.bytes() != null && total != s.bytes())) {
            return segmentFailed(s, "its original on the recording disk is not what was recorded (" + total + " bytes, "
                    + "SHA-256 " + abbreviate(sourceSha) + "; recorded " + s.bytes() + " bytes, " + abbreviate(s.sha256())
                    + "): altered or damaged, it is not archived and stays where it is ('watchroom recordings verify' "
                    + "names it)", null);
        }
        return null;
    }

    /** Empty when the row is still there as listed (a real failure); a "gone" outcome when it went meanwhile. */
    private Optional<MoveOutcome> gone(Segment s) {
        Optional<Segment> now = segments.find(s.id());
        return now.isPresent() && now.get().path().equals(s.path()) ? Optional.empty()
                : Optional.of(new MoveOutcome.Gone());
    }

    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Windows cannot open a folder as a channel; there the rename is as durable as the platform makes it
            LOG.debug("Cannot fsync folder {}", folder, e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Archive: cannot delete {}", file, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static String abbreviate(String sha) {
        return sha == null ? "(none)" : sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }
}
