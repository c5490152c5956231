package org.watchroom.core.record;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.watchroom.core.store.RecordingGap;

/** What a {@link SegmentRecorder} reported, in order, for tests to read (its consumer, not a stand-in for one). */
final class SegmentLog implements SegmentRecorder.Listener {
    sealed interface Entry { }

    record Opened(Path file, Instant startedAt) implements Entry { }

    record Closed(SegmentInfo segment) implements Entry { }

    record Discarded(Path file, String why) implements Entry { }

    record GapBegan(RecordingGap.Reason reason, Instant at, String detail) implements Entry { }

    record GapEnded(Instant at) implements Entry { }

    record GapReopened(Instant at) implements Entry { }

    final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void segmentOpened(Path file, Instant startedAt) { entries.add(new Opened(file, startedAt)); }

    @Override
    public void segmentClosed(SegmentInfo segment) { entries.add(new Closed(segment)); }

    @Override
    public void segmentDiscarded(Path file, String why) { entries.add(new Discarded(file, why)); }

    @Override
    public void gapBegan(RecordingGap.Reason reason, Instant at, String detail) {
        entries.add(new GapBegan(reason, at, detail));
    }

    @Override
    public void gapEnded(Instant at) { entries.add(new GapEnded(at)); }

    @Override
    public void gapReopened(Instant at) { entries.add(new GapReopened(at)); }

    List<SegmentInfo> closed() {
        return entries.stream().filter(e -> e instanceof Closed).map(e -> ((Closed) e).segment()).toList();
    }

    List<GapBegan> gaps() {
        return entries.stream().filter(e -> e instanceof GapBegan).map(e -> (GapBegan) e).toList();
    }
}
