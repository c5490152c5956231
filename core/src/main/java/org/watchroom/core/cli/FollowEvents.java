package org.watchroom.core.cli;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.control.ClientIo;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom events follow}: the running engine's live feed on the command line, one line per happening as it
 * happens, until the typist's Ctrl+C or until the engine stops. It runs inside the engine ({@link HostedCommands}),
 * on its connection's thread: a {@link Follower} queue takes the bus's happenings without ever holding the bus up,
 * and this thread writes them at the client's pace. While nothing happens it pings the client every
 * {@value #PING_MILLIS} ms, so a client gone (Ctrl+C) is noticed and the subscription dropped within about that.
 *
 * <p>Thread-safety: one invocation per instance, on the connection's thread.
 */
@Command(name = "follow", description = {
    "Print what happens in the running engine as it happens, one line each, until Ctrl+C or until the engine stops: "
            + "camera states, events starting, rising, ending and reviewed, clips, recording, storage alerts, "
            + "camera-list changes.",
    "Needs an engine running for the data folder (the service, a workstation, --headless).",
    "Example: watchroom --data-dir /var/lib/watchroom events follow --camera 2"})
final class FollowEvents implements Callable<Integer> {
    /** Happenings that may wait for a slow client; past that the newest are dropped and counted. */
    static final int QUEUE = 1024;
    /** How often a quiet feed checks that its client still listens. */
    static final long PING_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(FollowEvents.class);

    @ParentCommand
    EventsCommand parent;

    @Option(names = "--camera", paramLabel = "ID", description = "Only this camera; repeat for more. Storage alerts "
            + "and camera-list changes are always shown.")
    List<Long> cameras = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per line, {\"event\": NAME, \"data\": {...}}, with the "
            + "names and fields of the REST API's event stream (docs/api.md); stdout then holds nothing else.")
    boolean json;

    @Option(names = "--detections", description = "Also every detector pass (several a second per camera; left out "
            + "by default).")
    boolean detections;

    /** Set by {@link #call} for the feed's run. */
    private Engine engine;
    private Set<Long> only;
    private FeedLine lines;
    private PrintStream out;

    @Override
    public Integer call() {
        for (long id : cameras) {
            if (id < 1) {
                throw new IllegalArgumentException("--camera takes a camera id (1 or more; see 'watchroom cameras "
                        + "list'), not " + id + ".");
            }
        }
        WatchroomCli root = parent.root;
        Optional<HostedCommands.Invocation> hosted = root.hosted();
        if (hosted.isEmpty()) {
            root.err().println("watchroom: no engine runs for " + root.dataDirectory() + "; events follow shows a "
                    + "running engine's feed");
            return 1;
        }
        engine = hosted.get().host().engine();
        only = Set.copyOf(cameras);
        for (long id : only) {
            if (engine.store().find(id).isEmpty()) {
                throw new IllegalArgumentException("--camera " + id + ": there is no camera " + id
                        + " (see 'watchroom cameras list').");
            }
        }
        try {
            return follow(hosted.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int follow(HostedCommands.Invocation invocation) throws InterruptedException {
        HostedCommands host = invocation.host();
        ClientIo io = invocation.io();
        out = parent.root.out();
        lines = new FeedLine(ZoneId.systemDefault(), names(engine));
        Set<Long> filter = only;
        boolean allDetections = detections;
        // the filter runs on the publishing thread: it reads only the happening and these two values
        try (Follower follower = Follower.follow(engine.bus(), e -> wanted(e, filter, allDetections), QUEUE)) {
            HostedCommands.Registration closing = host.onClosing(follower::wake);
            try {
                return feed(host, io, follower);
            } finally {
                closing.close();
            }
        }
    }

    /** Writes the feed until the client hangs up or the engine stops. */
    private int feed(HostedCommands host, ClientIo io, Follower follower) throws InterruptedException {
        if (!json) {
            out.println("Following the engine for " + host.dataDir() + " (Ctrl+C stops).");
        }
        while (!host.isClosing()) {
            Follower.Happening next = follower.next(PING_MILLIS);
            if (next == null) {
                if (!io.ping()) {
                    return 0; // the client hung up: nobody left to tell
                }
                continue;
            }
            if (!print(next)) {
                return 0;
            }
            if (follower.caughtUp()) {
                printDropped(follower);
            }
        }
        // the engine stops: what is queued already, then say so
        for (Follower.Happening next = follower.nextQueued(); next != null; next = follower.nextQueued()) {
            print(next);
        }
        printDropped(follower);
        (json ? parent.root.err() : out).println("The engine stopped.");
        return 0;
    }

    /** Prints one happening unless it is a wake-up or a review on another camera; false when the client is gone. */
    private boolean print(Follower.Happening happening) {
        WatchroomEvent event = happening.event();
        if (event == null || (event instanceof WatchroomEvent.EventReviewed r && !only.isEmpty()
                && !only.contains(cameraOfEvent(r.eventId())))) {
            return true;
        }
        out.println(json ? FeedLine.json(event) : lines.human(happening.at(), event));
        return !out.checkError();
    }

    private void printDropped(Follower follower) {
        long dropped = follower.takeDropped();
        if (dropped > 0) {
            out.println(json ? FeedLine.droppedJson(dropped)
                    : "… " + dropped + " happenings dropped (the command line could not keep up)");
        }
    }

    /** The bus's filter: runs on the publishing thread, so only looks at the happening itself. */
    private static boolean wanted(WatchroomEvent event, Set<Long> only, boolean detections) {
        if (event instanceof WatchroomEvent.DetectionsReady && !detections) {
            return false; // every frame: noise unless asked for
        }
        long camera = cameraOf(event);
        return only.isEmpty() || camera < 0 || only.contains(camera);
    }

    /** The camera a happening is on; -1 for those about the engine (storage, the camera list) or known only by event. */
    static long cameraOf(WatchroomEvent event) {
        return switch (event) {
            case WatchroomEvent.CameraStateChanged s -> s.cameraId();
            case WatchroomEvent.DetectionsReady d -> d.result().cameraId();
            case WatchroomEvent.EventStarted e -> e.cameraId();
            case WatchroomEvent.EventUpdated u -> u.cameraId();
            case WatchroomEvent.EventEnded e -> e.cameraId();
            case WatchroomEvent.ClipClosed c -> c.cameraId();
            case WatchroomEvent.RecordingChanged r -> r.cameraId();
            case WatchroomEvent.EventReviewed r -> -1;
            case WatchroomEvent.StorageAlert a -> -1;
            case WatchroomEvent.CamerasChanged c -> -1;
        };
    }

    private long cameraOfEvent(long eventId) {
        try {
            return engine.events().find(eventId).map(Event::cameraId).orElse(-1L);
        } catch (RuntimeException e) {
            LOG.debug("The camera of event {} could not be read", eventId, e);
            return -1;
        }
    }

    /** Names from the engine's cameras, else the database; a failing database only costs the name. */
    private static FeedLine.Names names(Engine engine) {
        return new FeedLine.Names() {
            @Override
            public String camera(long cameraId) {
                for (LiveCamera live : engine.cameras()) {
                    if (live.camera().id() == cameraId) {
                        return live.camera().name();
                    }
                }
                try {
                    return engine.store().find(cameraId).map(Camera::name).orElse(null);
                } catch (RuntimeException e) {
                    LOG.debug("The name of camera {} could not be read", cameraId, e);
                    return null;
                }
            }

            @Override
            public String cameraOfEvent(long eventId) {
                try {
                    return engine.events().find(eventId).map(Event::cameraName).orElse(null);
                } catch (RuntimeException e) {
                    LOG.debug("The camera of event {} could not be read", eventId, e);
                    return null;
                }
            }
        };
    }
}
