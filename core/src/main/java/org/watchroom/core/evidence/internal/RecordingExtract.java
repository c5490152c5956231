package org.watchroom.core.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.evidence.EvidenceException;
import org.watchroom.core.evidence.ExportCancelledException;
import org.watchroom.core.evidence.ExportOptions;
import org.watchroom.core.evidence.ManifestFile;
import org.watchroom.core.evidence.PackagePaths;
import org.watchroom.core.record.RangeCut;
import org.watchroom.core.record.RangeCutter;
import org.watchroom.core.store.Segment;

/**
 * Takes a camera's range out of its recording for a package: every closed segment of the range is hashed again (on
 * a thread of its own, while the cut reads the same files) and must be as recorded (an altered one stops the export: evidence must not carry footage known to be changed), the
 * segments must form one hash chain, then the range is cut by stream copy into the package and, when asked, the
 * segment files are copied beside it byte for byte. Segments still being written are left out (their hash is not
 * known yet); a segment whose file is gone is listed as missing and leaves a hole.
 *
 * <p>Thread-safety: confined to the exporting thread, apart from the re-hash it starts and joins.
 */
public final class RecordingExtract {
    /**
     * What was taken.
     *
     * @param cut         the cut, or null when nothing of the range could be cut
     * @param cutFile     its manifest entry, or null
     * @param segmentFiles manifest entries of copied segments
     * @param entries     the segments of the range for the document
     * @param nothing     why there is no cut, or null
     * @param openLeftOut segments being written that were left out
     */
    public record Result(RangeCut cut, ManifestFile cutFile, List<ManifestFile> segmentFiles,
                         List<RecordingDocument.SegmentEntry> entries, String nothing, int openLeftOut) {
    }

    private RecordingExtract() {
    }

    /** The bytes an extract of {@code segments} reads (hash and cut; plus the copies), for the progress total. */
    public static long work(List<Segment> segments, boolean copySegments) {
        long bytes = segments.stream().filter(s -> !s.open() && s.bytes() != null).mapToLong(Segment::bytes).sum();
        return bytes * (copySegments ? 3 : 2);
    }

    /**
     * @param segments     the camera's segments overlapping [from, to), oldest first
     * @param folder       the package being written
     * @param target       the cut's package path
     * @param copySegments also copy each used segment to {@link PackagePaths#segment}
     */
    public static Result take(List<Segment> segments, Instant from, Instant to, Path folder, String target,
                              boolean copySegments, Transfer transfer, ExportOptions options, AuditLog audit)
            throws IOException {
        List<Segment> closed = segments.stream().filter(s -> !s.open()).toList();
        int openLeftOut = segments.size() - closed.size();
        Set<Long> missing = new HashSet<>();
        for (Segment s : closed) {
            if (!Files.isRegularFile(Path.of(s.path())) || s.sha256() == null) {
                missing.add(s.id());
            }
        }
        List<String> links = links(closed, audit);
        List<Segment> readable = closed.stream().filter(s -> !missing.contains(s.id())).toList();
        long cutWork = readable.stream().mapToLong(Segment::bytes).sum();
        // the segments are hashed again on a thread of their own while the cut reads them: the two passes overlap
        Rehash rehash = new Rehash(readable);
        Thread hasher = Thread.ofVirtual().name("export-rehash").start(rehash);
        RangeCut cut = null;
        String nothing = null;
        ManifestFile cutFile = null;
        Path out = PackagePaths.resolve(folder, target);
        Files.createDirectories(out.getParent());
        long[] advanced = {0, 0}; // cut, rehash: bytes told to the transfer so far
        try {
            try {
                cut = RangeCutter.cut(readable, from, to, out, (done, total) -> {
                    long bytes = total <= 0 ? cutWork : cutWork * Math.min(done, total) / total;
                    if (bytes > advanced[0]) {
                        transfer.advance(bytes - advanced[0]);
                        advanced[0] = bytes;
                    }
                    long hashed = rehash.bytes.get();
                    if (hashed > advanced[1]) {
                        transfer.advance(hashed - advanced[1]);
                        advanced[1] = hashed;
                    }
                }, () -> options.cancelled().getAsBoolean());
            } catch (RangeCutter.NothingRecordedException e) {
                nothing = e.getMessage();
            }
            joinRehash(hasher, rehash, options);
        } catch (CancellationException e) {
            rehash.stop = true;
            throw new ExportCancelledException();
        } finally {
            rehash.stop = true;
            try {
                hasher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        transfer.advance(Math.max(0, cutWork - advanced[0]) + Math.max(0, cutWork - advanced[1]));
        for (Segment s : readable) {
            String sha = rehash.sha256.get(s.id());
            if (sha == null) {
                missing.add(s.id()); // gone between the listing and the hash
            } else if (!sha.equals(s.sha256())) {
                Files.deleteIfExists(out);
                throw new EvidenceException("Segment " + s.id() + " of camera '" + s.cameraName() + "' from "
                        + s.startedAt() + " (" + s.path() + ") was altered after it was recorded (its sha256 differs); "
                        + "nothing was exported. 'watchroom recordings verify' checks every segment.");
            }
        }
        if (cut != null) {
            cutFile = new ManifestFile(target, Files.size(out), Sha256.of(out));
        }
        Set<Long> used = new HashSet<>();
        if (cut != null) {
            cut.segments().forEach(s -> used.add(s.id()));
            cut.missing().forEach(s -> missing.add(s.id()));
        }
        List<ManifestFile> copies = new ArrayList<>();
        List<RecordingDocument.SegmentEntry> entries = new ArrayList<>();
        for (int i = 0; i < closed.size(); i++) {
            Segment s = closed.get(i);
            String copy = null;
            if (copySegments && used.contains(s.id())) {
                copy = PackagePaths.segment(s.cameraId() == null ? 0 : s.cameraId(), s.id());
                ManifestFile copied = transfer.copy(Path.of(s.path()), PackagePaths.resolve(folder, copy), copy);
                if (!copied.sha256().equals(s.sha256())) {
                    throw new EvidenceException("Segment " + s.id() + " changed while it was exported (" + s.path()
                            + "); nothing was exported.");
                }
                copies.add(copied);
            }
            entries.add(new RecordingDocument.SegmentEntry(s, links.get(i), used.contains(s.id()),
                    missing.contains(s.id()), copy));
        }
        return new Result(cut, cutFile, copies, entries, nothing, openLeftOut);
    }

    /** Waits for the re-hash, polling the export's cancel. */
    private static void joinRehash(Thread hasher, Rehash rehash, ExportOptions options) {
        try {
            while (!hasher.join(Duration.ofMillis(100))) {
                if (options.cancelled().getAsBoolean()) {
                    throw new CancellationException("cancelled");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        if (rehash.failure != null) {
            throw new EvidenceException("Cannot read a segment to check its hash: " + rehash.failure.getMessage(),
                    rehash.failure);
        }
    }

    /**
     * SHA-256 of each segment file, on its own thread. Thread-safety: {@link #bytes}, {@link #sha256}, {@link #stop}
     * and {@link #failure} are shared with the exporting thread, which reads the results after joining.
     */
    private static final class Rehash implements Runnable {
        private final List<Segment> segments;
        final AtomicLong bytes = new AtomicLong();
        final Map<Long, String> sha256 = new ConcurrentHashMap<>();
        volatile boolean stop;
        volatile IOException failure;

        Rehash(List<Segment> segments) {
            this.segments = segments;
        }

        @Override
        public void run() {
            OutputStream counting = new OutputStream() {
                @Override
                public void write(int b) {
                    bytes.incrementAndGet();
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (stop) {
                        throw new IOException("stopped");
                    }
                    bytes.addAndGet(len);
                }
            };
            for (Segment s : segments) {
                if (stop) {
                    return;
                }
                try (InputStream in = Files.newInputStream(Path.of(s.path()))) {
                    sha256.put(s.id(), Sha256.copy(in, counting, Long.MAX_VALUE).sha256());
                } catch (NoSuchFileException gone) {
                    // deleted since it was listed: the cut reports it missing too
                } catch (IOException e) {
                    if (!stop) {
                        failure = e;
                    }
                    return;
                }
            }
        }
    }

    /** How each segment joins the one before it; a link nothing accounts for stops the export. */
    private static List<String> links(List<Segment> closed, AuditLog audit) {
        List<String> links = new ArrayList<>();
        for (int i = 0; i < closed.size(); i++) {
            Segment s = closed.get(i);
            if (i == 0) {
                links.add(RecordingDocument.FIRST);
            } else if (closed.get(i - 1).sha256() != null && closed.get(i - 1).sha256().equals(s.prevSha256())) {
                links.add(RecordingDocument.FOLLOWS);
            } else if (s.prevSha256() != null && !Segment.NO_PREVIOUS.equals(s.prevSha256())
                    && audit.mentions(s.prevSha256())) {
                links.add(RecordingDocument.AFTER_DELETED);
            } else {
                throw new EvidenceException("The recording of camera '" + s.cameraName() + "' is not one hash chain at "
                        + "segment " + s.id() + " from " + s.startedAt() + ": a segment before it was removed, or the "
                        + "index was edited; nothing was exported. 'watchroom recordings verify' names it.");
            }
        }
        return links;
    }
}
