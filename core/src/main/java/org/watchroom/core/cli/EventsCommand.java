package org.watchroom.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.watchroom.core.record.EventFootage;
import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventQuery;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.Segment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom events list}: recorded events with their clips, for scripts and support. An event on a camera
 * that records continuously names its own range of the recording (pre-roll … post-roll) and the segments it lies in.
 * Needs the data folder's database to exist. {@code watchroom events follow} ({@link FollowEvents}) prints a running
 * engine's happenings as they happen.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "events", description = "Recorded events, and the running engine's live feed.",
        mixinStandardHelpOptions = true, subcommands = {EventsCommand.ListEvents.class, FollowEvents.class})
final class EventsCommand {
    @ParentCommand
    WatchroomCli root;

    @Command(name = "list", description = "List events, newest first, with their clips.")
    static final class ListEvents implements Callable<Integer> {
        @ParentCommand EventsCommand parent;
        @Option(names = "--camera", paramLabel = "ID", description = "Only this camera.") Long camera;
        @Option(names = "--status", paramLabel = "STATUS", description = "pending, confirmed or dismissed.") String status;
        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default 100).") int limit;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            if (camera != null && camera < 1) {
                throw new IllegalArgumentException("--camera takes a camera id (1 or more; see 'watchroom cameras list'),"
                        + " not " + camera + ".");
            }
            EventQuery query = EventQuery.all().camera(camera).status(status == null ? null : EventStatus.parse(status))
                    .page(limit, 0);
            List<Event> events;
            Map<Long, List<Clip>> clips;
            Map<Long, EventFootage.Recording> recorded = new HashMap<>();
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                events = new EventStore(db).list(query);
                clips = new ClipStore(db).forEvents(events.stream().map(Event::id).toList());
                Instant now = Instant.now();
                for (Event e : events) {
                    // a recorded camera's event is its own range of the recording, not the clip files
                    if (EventFootage.of(db, e, RecordSettings.defaults(), now) instanceof EventFootage.Recording r) {
                        recorded.put(e.id(), r);
                    }
                }
            }
            PrintStream out = parent.root.out();
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode array = mapper.createArrayNode();
                for (Event e : events) {
                    ObjectNode node = array.addObject();
                    node.put("id", e.id());
                    node.put("camera_id", e.cameraId());
                    node.put("camera", e.cameraName());
                    node.put("label", e.label());
                    node.put("status", e.status().dbValue());
                    node.put("started_at", text(e.startedAt()));
                    node.put("ended_at", text(e.endedAt()));
                    node.put("peak_score", e.peakScore());
                    node.put("interrupted", e.interrupted());
                    node.put("hold", e.hold());
                    node.put("continues_event_id", e.continuesEventId());
                    node.put("track_id", e.trackId());
                    e.zones().forEach(node.putArray("zones")::add);
                    node.put("reviewed_by", e.reviewedBy());
                    node.put("reviewed_at", text(e.reviewedAt()));
                    node.put("note", e.note());
                    ArrayNode clipArray = node.putArray("clips");
                    EventFootage.Recording r = recorded.get(e.id());
                    if (r != null) {
                        ObjectNode cn = clipArray.addObject();
                        cn.putNull("id");
                        cn.put("source", "recording");
                        cn.putNull("path");
                        cn.put("from", text(r.from()));
                        cn.put("to", text(r.to()));
                        cn.put("duration_s", r.length().toMillis() / 1000.0);
                        cn.put("open", !r.complete());
                        cn.put("export", "watchroom export --event " + e.id() + " --out DIR");
                        ArrayNode segs = cn.putArray("segments");
                        for (Segment s : r.segments()) {
                            segs.addObject().put("id", s.id()).put("path", s.path()).put("sha256", s.sha256());
                        }
                    }
                    for (Clip c : r != null ? List.<Clip>of() : clips.getOrDefault(e.id(), List.of())) {
                        ObjectNode cn = clipArray.addObject();
                        cn.put("id", c.id());
                        cn.put("source", "clip");
                        cn.put("path", c.path());
                        cn.put("duration_s", c.duration() == null ? null : c.duration().toMillis() / 1000.0);
                        cn.put("bytes", c.bytes());
                        cn.put("sha256", c.sha256());
                        cn.put("open", c.open());
                        cn.put("interrupted", c.interrupted());
                    }
                }
                out.println(array);
            } else if (events.isEmpty()) {
                out.println("No events.");
            } else {
                for (Event e : events) {
                    List<Clip> cs = clips.getOrDefault(e.id(), List.of());
                    EventFootage.Recording r = recorded.get(e.id());
                    String clipText = r != null ? recordingText(r) : cs.isEmpty() ? "no clip"
                            : cs.stream().map(EventsCommand::clipText).reduce((a, b) -> a + ", " + b).orElse("");
                    out.printf("%d\t%s\t%s\t%s\t%s%s\t%s%n", e.id(), e.startedAt(), e.cameraName(), e.label(),
                            e.status().dbValue(), e.interrupted() ? " (interrupted)" : "", clipText);
                }
            }
            return 0;
        }
    }

    private static String recordingText(EventFootage.Recording r) {
        return String.format(Locale.ROOT, "recording %s … %s (%.1f s, %d segment(s)%s)", r.from(), r.to(),
                r.length().toMillis() / 1000.0, r.segments().size(), r.complete() ? "" : ", still recording");
    }

    private static String clipText(Clip c) {
        return c.path() + (c.open() ? " (recording)" : String.format(Locale.ROOT, " (%.1f s)",
                c.duration().toMillis() / 1000.0));
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
