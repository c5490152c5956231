package org.watchroom.core.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.record.SegmentInfo;
import org.watchroom.core.record.SegmentRecorder;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentClose;
import org.watchroom.core.store.SegmentStore;

/**
 * One camera's segment and gap rows: what its {@link SegmentRecorder} reports becomes writes on the engine's
 * {@link EventWriter} ({@code EVENT} kind: kept in order with events and clips, retried across a full disk, refused
 * only beyond the writer's hard limit), so the segment writer never waits for the database either.
 *
 * <p>The hash chain is made here, on the writer thread: a segment's {@code prev_sha256} is the sha256 of the newest
 * closed segment of its camera when it closes, which is the segment before it (one camera's segments close in
 * order, and start-up recovery closes a crashed run's segment before the camera starts).
 *
 * <p>Each step is safe to run again after a storage failure: a row opened twice is found by its path, a gap by its
 * camera and start, and closing an already closed row changes nothing.
 *
 * <p>Thread-safety: the listener methods are called on the camera's segment writer thread and only queue writes;
 * the maps are touched on the event writer thread only.
 */
final class SegmentRows implements SegmentRecorder.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRows.class);

    private final long cameraId;
    private final String cameraName;
    private final EventWriter writer;
    private final SegmentStore segments;
    private final GapStore gaps;
    private final EventBus bus;
    // event writer thread only
    private final Map<Path, Long> open = new HashMap<>();
    private Long openGap;
    private Long endedGap; // the gap that ended last, which the recorder may reopen (its segment was not kept)

    /** @param openGap the id of the camera's gap still open at start (its recorder ends it), or null */
    SegmentRows(long cameraId, String cameraName, EventWriter writer, SegmentStore segments, GapStore gaps,
                EventBus bus, Long openGap) {
        this.openGap = openGap; // read on the writer thread after a submit, which publishes it
        this.cameraId = cameraId;
        this.cameraName = cameraName;
        this.writer = writer;
        this.segments = segments;
        this.gaps = gaps;
        this.bus = bus;
    }

    @Override
    public void segmentOpened(Path file, Instant startedAt) {
        submit(() -> {
            if (!open.containsKey(file)) {
                long id = segments.findByPath(file).map(Segment::id)
                        .orElseGet(() -> segments.open(cameraId, cameraName, file, startedAt).id());
                open.put(file, id);
            }
        }, this::changed);
    }

    @Override
    public void segmentClosed(SegmentInfo s) {
        submit(() -> {
            Long id = open.get(s.path());
            if (id == null) {
                id = segments.findByPath(s.path()).map(Segment::id).orElse(null);
            }
            if (id == null) {
                LOG.warn("Camera '{}': segment {} was closed but its row is missing (its opening was refused); it is "
                        + "indexed now", cameraName, s.path());
                id = segments.open(cameraId, cameraName, s.path(), s.startedAt()).id();
                open.put(s.path(), id);
            }
            // a retried step may find this segment itself closed: close() then changes nothing
            String previous = segments.lastClosed(cameraId).map(Segment::sha256).orElse(Segment.NO_PREVIOUS);
            segments.close(id, new SegmentClose(s.endedAt(), s.duration(), s.bytes(), s.sha256(), previous, s.codec(),
                    s.streamCopied(), false));
        }, () -> {
            open.remove(s.path());
            changed();
        });
    }

    @Override
    public void segmentDiscarded(Path file, String why) {
        submit(() -> {
            Long id = open.get(file);
            if (id == null) {
                id = segments.findByPath(file).map(Segment::id).orElse(null);
            }
            if (id != null) {
                segments.delete(id);
            }
        }, () -> {
            open.remove(file);
            changed();
        });
    }

    @Override
    public void gapBegan(RecordingGap.Reason reason, Instant at, String detail) {
        submit(() -> {
            if (openGap != null) {
                return; // the recorder ends one before it begins another; this is a retried step
            }
            openGap = gaps.openGaps().stream()
                    .filter(g -> g.cameraId() == cameraId && g.startedAt().equals(at) && g.reason() == reason)
                    .map(RecordingGap::id).findFirst()
                    .orElseGet(() -> gaps.begin(cameraId, at, reason, detail));
            endedGap = null;
        }, this::changed);
    }

    @Override
    public void gapEnded(Instant at) {
        submit(() -> {
            if (openGap != null) {
                gaps.end(openGap, at);
                endedGap = openGap;
                openGap = null;
            }
        }, this::changed);
    }

    @Override
    public void gapReopened(Instant at) {
        submit(() -> {
            if (openGap == null && endedGap != null) {
                gaps.reopen(endedGap);
                openGap = endedGap;
                endedGap = null;
            }
        }, this::changed);
    }

    private void changed() {
        bus.publish(new WatchroomEvent.RecordingChanged(cameraId));
    }

    private void submit(EventWriter.Step... steps) {
        if (!writer.submit(EventWriter.Kind.EVENT, steps)) {
            LOG.warn("Camera '{}': a recording row was refused (too many writes wait for the disk)", cameraName);
        }
    }
}
