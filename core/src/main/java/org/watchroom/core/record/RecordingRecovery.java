package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.media.FfmpegInput;
import org.watchroom.core.media.MediaInput;
import org.watchroom.core.record.internal.Mp4Fragments;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentClose;
import org.watchroom.core.store.SegmentStore;

/**
 * What continuous recording left behind when the engine stopped, put right at the next start (before any camera
 * starts):
 * <ul>
 *   <li>A segment row still open was cut off by a crash: its file is cut to its last complete fragment
 *       ({@code kill -9} loses at most the fragment being written, one GOP), read back for its duration and codec,
 *       hashed, and the row closed {@code interrupted}, chained to the camera's previous segment; audited
 *       {@code segment.recover}. A file that is gone or holds no complete fragment loses its row.</li>
 *   <li>Any open gap other than {@code engine_down} (the engine died while a camera was offline or paused) ends
 *       when the engine was last known alive: the heartbeat file the engine touches every few seconds
 *       ({@link #HEARTBEAT}), or the gap's start when there is none.</li>
 *   <li>Each camera that was recording when the engine died (an open segment or gap) gets an {@code engine_down}
 *       gap from the end of what it recorded, left open.</li>
 *   <li>An open {@code engine_down} gap (begun by a clean stop, or above) is left open: the camera's
 *       {@link SegmentRecorder} ends it where its recording resumes (its first segment, or a new gap such as
 *       {@code offline}), so the gap is exactly the time nothing was recorded; {@link #endUnadopted} ends those of
 *       cameras that do not record any more.</li>
 * </ul>
 *
 * <p>Thread-safety: run once at start-up, before the cameras start; every open row is treated as left over.
 */
public final class RecordingRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingRecovery.class);
    /** The audit actor, as for clips ({@code store.Recovery}). */
    public static final String ACTOR = "system:recovery";
    /** File in the recordings folder whose modification time says when the engine was last alive. */
    public static final String HEARTBEAT = ".engine-alive";

    /**
     * What recovery did.
     *
     * @param segmentsClosed  open segments closed as interrupted
     * @param segmentsRemoved open segments whose file was gone or empty (row deleted)
     * @param bytesCut        bytes of incomplete fragments cut off
     * @param gapsClosed      open gaps ended
     * @param engineDownGaps  {@code engine_down} gaps begun for cameras that were recording when the engine died
     * @param problems        what could not be done (the rows stay for the next start)
     */
    public record Summary(int segmentsClosed, int segmentsRemoved, long bytesCut, int gapsClosed, int engineDownGaps,
                          List<String> problems) {
        public Summary {
            problems = List.copyOf(problems);
        }

        public boolean nothingToDo() {
            return segmentsClosed + segmentsRemoved + gapsClosed + engineDownGaps == 0 && problems.isEmpty();
        }
    }

    private RecordingRecovery() {
    }

    /** Touches the heartbeat file in {@code recordings} (the engine's ticker, every few seconds). */
    public static void heartbeat(Path recordings, Instant now) {
        try {
            Path file = recordings.resolve(HEARTBEAT);
            if (!Files.exists(file)) {
                Files.createDirectories(recordings);
                Files.createFile(file);
            }
            Files.setLastModifiedTime(file, FileTime.from(now));
        } catch (IOException e) {
            LOG.debug("Cannot touch the recording heartbeat in {}", recordings, e);
        }
    }

    /** Closes what the last run left open in {@code database}; {@code recordings} holds the heartbeat. */
    public static Summary onStartup(Database database, Path recordings, Instant now) {
        SegmentStore segments = new SegmentStore(database);
        GapStore gaps = new GapStore(database);
        AuditLog audit = new AuditLog(database.jdbi());
        List<String> problems = new ArrayList<>();
        int closed = 0;
        int removed = 0;
        long cut = 0;
        Map<Long, Instant> recordedUntil = new HashMap<>(); // cameras recording at the crash -> end of their footage
        Set<Long> recording = new LinkedHashSet<>();
        Instant alive = heartbeat(recordings);
        for (Segment open : segments.openSegments()) {
            if (open.cameraId() != null) {
                recording.add(open.cameraId());
            }
            Path file = Path.of(open.path());
            Probe probe;
            long removedBytes;
            try {
                if (!Files.isRegularFile(file)) {
                    probe = null;
                    removedBytes = 0;
                } else {
                    removedBytes = Mp4Fragments.truncate(file);
                    probe = Files.size(file) == 0 ? null : probe(file);
                }
            } catch (IOException | RuntimeException e) {
                problems.add("Cannot read " + file + ": " + e.getMessage());
                LOG.warn("Recovery: cannot read segment {}", file, e);
                continue;
            }
            if (probe == null || probe.packets() == 0) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    problems.add("Cannot delete " + file + ": " + e.getMessage());
                }
                segments.delete(open.id());
                audit.append(ACTOR, "segment.remove", "segment:" + open.id(), "left open by a crash with no "
                        + "complete fragment; " + open.path() + (Files.exists(file) ? "" : " (file missing)"));
                removed++;
                if (open.cameraId() != null) { // its footage ended where this segment would have begun
                    recordedUntil.merge(open.cameraId(), open.startedAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
                continue;
            }
            String sha;
            long bytes;
            try {
                sha = Sha256.of(file);
                bytes = Files.size(file);
            } catch (IOException e) {
                problems.add("Cannot hash " + file + ": " + e.getMessage());
                continue;
            }
            String previous = open.cameraId() == null ? Segment.NO_PREVIOUS
                    : segments.lastClosed(open.cameraId()).map(Segment::sha256).orElse(Segment.NO_PREVIOUS);
            Instant end = open.startedAt().plus(probe.duration());
            if (segments.close(open.id(), new SegmentClose(end, probe.duration(), bytes, sha, previous, probe.codec(),
                    true, true))) {
                closed++;
                cut += removedBytes;
                audit.append(ACTOR, "segment.recover", "segment:" + open.id(), "closed after a crash; " + open.path()
                        + "; " + bytes + " bytes (" + removedBytes + " bytes of an incomplete fragment cut off); "
                        + probe.duration().toMillis() + " ms; sha256 " + sha);
                if (open.cameraId() != null) {
                    recordedUntil.merge(open.cameraId(), end, (a, b) -> a.isAfter(b) ? a : b);
                }
                if (alive == null || end.isAfter(alive)) {
                    alive = end;
                }
            }
        }
        int gapsClosed = 0;
        for (RecordingGap gap : gaps.openGaps()) {
            if (gap.reason() == RecordingGap.Reason.ENGINE_DOWN) {
                recording.remove(gap.cameraId()); // begun by a clean stop (or a crash before): it goes on
                continue;
            }
            recording.add(gap.cameraId());
            Instant at = alive != null && alive.isAfter(gap.startedAt()) ? alive : gap.startedAt();
            at = at.isAfter(now) ? now : at;
            recordedUntil.merge(gap.cameraId(), at, (a, b) -> a.isAfter(b) ? a : b);
            if (gaps.end(gap.id(), at)) {
                gapsClosed++;
            }
        }
        int engineDown = 0;
        for (long camera : recording) {
            Instant from = recordedUntil.get(camera);
            if (from == null) {
                continue; // its only open segment could not be read: the next start tries again
            }
            // open: the camera's recorder ends it where recording resumes (Engine.start ends it now for a camera
            // that does not record any more)
            // (a file played in real time can end a frame or two after now: the gap still begins where it ends)
            gaps.begin(camera, from, RecordingGap.Reason.ENGINE_DOWN,
                    "Watchroom was not running (it stopped without closing its recording)");
            engineDown++;
        }
        Summary summary = new Summary(closed, removed, cut, gapsClosed, engineDown, problems);
        if (!summary.nothingToDo()) {
            LOG.info("Recording recovered after a stop: {}", summary);
        }
        return summary;
    }

    /**
     * Ends, at {@code now}, the open gaps of cameras other than {@code recording} (those whose recorders adopted
     * their gap): the engine started, and these cameras are not recorded (disabled, removed, mode changed), so the
     * hole is theirs from now on, not the engine's. Returns how many.
     */
    public static int endUnadopted(Database database, Set<Long> recording, Instant now) {
        GapStore gaps = new GapStore(database);
        int ended = 0;
        for (RecordingGap gap : gaps.openGaps()) {
            if (!recording.contains(gap.cameraId()) && gaps.end(gap.id(), now.isBefore(gap.startedAt())
                    ? gap.startedAt() : now)) {
                ended++;
            }
        }
        return ended;
    }

    private static Instant heartbeat(Path recordings) {
        try {
            Path file = recordings.resolve(HEARTBEAT);
            return Files.exists(file) ? Files.getLastModifiedTime(file).toInstant() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** What a segment file holds: packets, media time (DTS of the first to the end of the last) and codec. */
    record Probe(long packets, Duration duration, String codec) {
    }

    static Probe probe(Path file) throws IOException {
        try (FfmpegInput input = new FfmpegInput()) {
            int result = input.open(MediaInput.file(file));
            if (result < 0) {
                return null; // not even a header: nothing playable
            }
            int video = input.videoStreamIndex();
            AVStream stream = input.stream(video);
            String codec = avcodec_get_name(stream.codecpar().codec_id()).getString();
            long first = AV_NOPTS_VALUE;
            long end = 0;
            long packets = 0;
            AVPacket packet = av_packet_alloc();
            try {
                while (input.read(packet) >= 0) {
                    if (packet.stream_index() != video) {
                        continue;
                    }
                    long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
                    if (dts == AV_NOPTS_VALUE) {
                        continue;
                    }
                    if (first == AV_NOPTS_VALUE) {
                        first = dts;
                    }
                    end = Math.max(end, dts - first + Math.max(0, packet.duration()));
                    packets++;
                }
            } finally {
                av_packet_free(packet);
            }
            long micros = avutil.av_rescale_q(end, stream.time_base(), avutil.av_make_q(1, 1_000_000));
            return new Probe(packets, Duration.ofNanos(micros * 1000), codec);
        }
    }
}
