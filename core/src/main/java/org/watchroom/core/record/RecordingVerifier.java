package org.watchroom.core.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.settings.ArchiveFolder;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentIndex;
import org.watchroom.core.store.SegmentStore;

/**
 * Proves that recordings are what was recorded: re-hashes every closed segment file against the SHA-256 stored
 * when it was closed, and walks each camera's hash chain (each segment's {@code prev_sha256} is the sha256 of the
 * segment before it), so an altered file, a deleted file and a removed row are each named.
 *
 * <p>Where the chain may legitimately have a hole: retention deletes the oldest segments, so a camera's first
 * remaining segment may name a predecessor that is gone (accepted); a segment deleted from the middle (footage kept
 * around a held event while the rest went) must be accounted for by an audit row whose detail holds its SHA-256,
 * which is how the hash-chained audit log vouches for the deletion. Segments of removed cameras are hashed; their
 * chain is not walked (their camera id is gone). A segment moved to the archive folder is read there (a row's path is
 * where its file is); while that folder cannot be reached it is missing, and the reason says so.
 *
 * <p>Thread-safety: stateless apart from the database; blocking I/O (reads every byte), so call it off the UI thread.
 */
public final class RecordingVerifier {
    /** Told before each segment is hashed. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (segment, index, total) -> { };

        void checking(Segment segment, long index, long total);
    }

    private final Database database;

    public RecordingVerifier(Database database) {
        this.database = database;
    }

    /** The archive folder, if set: a segment moved there while it cannot be reached is missing for that reason. */
    private Optional<ArchiveFolder> archive() {
        return new Settings(database).recordingArchive();
    }

    /** Every camera's recordings, and those of removed cameras. */
    public RecordingVerification verifyAll(Progress progress) {
        List<Long> cameras = new SegmentIndex(database).cameraIds();
        List<List<Segment>> chains = new ArrayList<>();
        SegmentStore store = new SegmentStore(database);
        for (long camera : cameras) {
            chains.add(store.all(camera));
        }
        List<Segment> orphans = new SegmentIndex(database).withoutCamera();
        return verify(chains, orphans, cameras.size(), progress);
    }

    /** One camera's recordings. */
    public RecordingVerification verifyCamera(long cameraId, Progress progress) {
        return verify(List.of(new SegmentStore(database).all(cameraId)), List.of(), 1, progress);
    }

    private RecordingVerification verify(List<List<Segment>> chains, List<Segment> orphans, int cameras,
                                         Progress progress) {
        long total = orphans.size() + chains.stream().mapToLong(List::size).sum();
        long index = 0;
        long checked = 0;
        long bytes = 0;
        long open = 0;
        AuditLog audit = new AuditLog(database.jdbi());
        Optional<ArchiveFolder> archive = archive();
        for (List<Segment> chain : chains) {
            Segment previous = null;
            for (Segment s : chain) {
                progress.checking(s, index++, total);
                if (s.open()) {
                    open++;
                    continue;
                }
                Optional<RecordingVerification.Failed> failed = checkFile(s, archive);
                if (failed.isEmpty()) {
                    failed = checkLink(previous, s, audit);
                }
                if (failed.isPresent()) {
                    return failed.get();
                }
                checked++;
                bytes += s.bytes();
                previous = s;
            }
        }
        for (Segment s : orphans) {
            progress.checking(s, index++, total);
            if (s.open()) {
                open++;
                continue;
            }
            Optional<RecordingVerification.Failed> failed = checkFile(s, archive);
            if (failed.isPresent()) {
                return failed.get();
            }
            checked++;
            bytes += s.bytes();
        }
        return new RecordingVerification.Ok(cameras, checked, bytes, open);
    }

    /** Whether a closed segment's file is there with its recorded size and SHA-256. */
    public static Optional<RecordingVerification.Failed> checkFile(Segment s) {
        return checkFile(s, Optional.empty());
    }

    /**
     * {@link #checkFile(Segment)}, where a file in {@code archive} while it cannot be reached is missing for that
     * reason (not "gone").
     */
    public static Optional<RecordingVerification.Failed> checkFile(Segment s, Optional<ArchiveFolder> archive) {
        Path file = Path.of(s.path());
        if (!Files.isRegularFile(file)) {
            return Optional.of(new RecordingVerification.Failed(RecordingVerification.Problem.MISSING, s,
                    ArchiveFolder.whyMissing(s.path(), archive)));
        }
        if (s.sha256() == null) {
            return Optional.of(new RecordingVerification.Failed(RecordingVerification.Problem.MISSING, s,
                    "no hash was recorded for it (its file was gone when it was closed)"));
        }
        try {
            long size = Files.size(file);
            if (s.bytes() != null && size != s.bytes()) {
                return Optional.of(new RecordingVerification.Failed(RecordingVerification.Problem.ALTERED, s,
                        "size differs: " + size + " bytes, recorded " + s.bytes()));
            }
            if (!Sha256.of(file).equals(s.sha256())) {
                return Optional.of(new RecordingVerification.Failed(RecordingVerification.Problem.ALTERED, s,
                        "sha256 differs from the one recorded"));
            }
        } catch (IOException e) {
            return Optional.of(new RecordingVerification.Failed(RecordingVerification.Problem.MISSING, s,
                    "cannot be read: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /**
     * Whether {@code s} follows {@code previous} in the chain ({@code previous} null: {@code s} is the first one
     * kept, which retention may have cut loose from older ones).
     */
    public static Optional<RecordingVerification.Failed> checkLink(Segment previous, Segment s, AuditLog audit) {
        if (previous == null || previous.sha256() == null) {
            return Optional.empty();
        }
        if (previous.sha256().equals(s.prevSha256())) {
            return Optional.empty();
        }
        if (s.prevSha256() != null && !Segment.NO_PREVIOUS.equals(s.prevSha256()) && audit.mentions(s.prevSha256())) {
            return Optional.empty(); // its predecessor was deleted, and the audit log says so
        }
        return Optional.of(new RecordingVerification.Failed(RecordingVerification.Problem.CHAIN_BROKEN, s,
                "its prev_sha256 " + abbreviate(s.prevSha256()) + " is not the sha256 of the segment before it (segment "
                        + previous.id() + " from " + previous.startedAt() + ", " + abbreviate(previous.sha256())
                        + "): a segment between them was removed, or the index was edited"));
    }

    private static String abbreviate(String sha) {
        return sha == null ? "(none)" : sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }
}
