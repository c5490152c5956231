package org.watchroom.core.engine;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.watchroom.core.account.FirstAdministrator;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.config.CacheDirectory;
import org.watchroom.core.demo.DemoCameras;
import org.watchroom.core.demo.TestCard;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.event.Region;
import org.watchroom.core.record.DiskGuard;
import org.watchroom.core.record.RecordingRecovery;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.Recovery;
import org.watchroom.core.store.Retention;
import org.watchroom.core.store.RetentionPolicy;
import org.watchroom.core.store.ReviewStore;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.store.SettingsStore;

/**
 * Runs one {@link LiveCamera} per enabled camera (or the demo wall), shared by the UI and headless mode.
 * {@link #reload()} brings the running set in line with the store after an edit, restarting only cameras
 * whose settings changed.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (starting and stopping do I/O).
 */
public final class Engine implements EngineControl, AutoCloseable {
    /** How often the engine says it is alive (start-up recovery dates a crash by it). */
    private static final int HEARTBEAT_SECONDS = 5;

    private final Database database;
    private final CameraStore store;
    private final EventBus bus;
    private final SourceOptions options;
    private final Optional<Path> footage;
    private final DetectionService detection;
    private final EventContext eventContext;
    private final EventStore events;
    private final Reviews reviews;
    private final ScheduledExecutorService ticker;
    private final Map<Long, LiveCamera> running = new LinkedHashMap<>();
    /** What {@link #cameras()} returns: replaced at the end of each reload so readers never wait on it. */
    private volatile List<LiveCamera> snapshot = List.of();
    private volatile boolean demo;
    /** Where the cameras' display frames live; shared with other processes after {@link #shareFrames()}. */
    private volatile DisplayRings rings = DisplayRings.LOCAL;
    /** The demo's test card file, made at the first demo reload. */
    @GuardedBy("this")
    private Optional<Path> testCard;
    private boolean started;
    /** Set by {@link #holdCamerasForFirstAdministrator()}: the stored cameras wait for an account. */
    private volatile boolean holdForAdministrator;
    /** True while the stored cameras wait for the first administrator (only the demo wall may run). */
    private volatile boolean held;
    @GuardedBy("this")
    private DemoWall wall = DemoWall.WHEN_EMPTY;
    @GuardedBy("this")
    private FirstAdministrator awaiting;
    @GuardedBy("this")
    private boolean closed;
    private final boolean live;
    private final Suppressions suppressions;
    private final DemoRules demoRules;
    private final StorageMonitor storage;
    private final Path recordings;
    /** Moves old segments to the archive folder; null for an archive engine (offline review). */
    private final RecordingArchive archive;
    private volatile boolean heartbeating; // started: the ticker says so every few seconds

    /** An engine without detection. */
    public Engine(Database database, EventBus bus, SourceOptions options, Optional<Path> footage) {
        this(database, bus, options, footage, DetectionService.off("not configured"));
    }

    /** @param detection detection for the cameras; the engine closes it */
    public Engine(Database database, EventBus bus, SourceOptions options, Optional<Path> footage,
                  DetectionService detection) {
        this(database, bus, options, footage, detection, RecordingOptions.defaults());
    }

    /**
     * @param detection detection for the cameras; the engine closes it
     * @param recording how event clips are recorded into {@code <data dir>/clips}
     */
    public Engine(Database database, EventBus bus, SourceOptions options, Optional<Path> footage,
                  DetectionService detection, RecordingOptions recording) {
        this(database, bus, options, footage, detection, recording, true);
    }

    /**
     * An engine over an archive opened for offline review: it never starts cameras, never runs retention (which
     * deletes files) or start-up recovery, so the files the database points at are only ever read.
     */
    public static Engine archive(Database database, EventBus bus) {
        return new Engine(database, bus, SourceOptions.defaults(), Optional.empty(),
                DetectionService.off("offline archive"), RecordingOptions.defaults(), false);
    }

    // the periodic tasks live as long as the ticker, which close() shuts down: their futures have no reader
    @SuppressWarnings("FutureReturnValueIgnored")
    private Engine(Database database, EventBus bus, SourceOptions options, Optional<Path> footage,
                   DetectionService detection, RecordingOptions recording, boolean live) {
        this.live = live;
        this.detection = detection;
        Path dataDir = database.file().getParent();
        Path clips = dataDir.resolve("clips");
        this.recordings = dataDir.resolve("recordings");
        this.eventContext = new EventContext(EventStores.of(database), new EventWriter(database),
                dataDir.resolve("snapshots"), clips, recordings, new SegmentStore(database), new GapStore(database),
                recording, new DiskGuard(clips, recording.minFreeBytes()),
                new DiskGuard(recordings, recording.minFreeBytes()));
        this.archive = live ? new RecordingArchive(database, eventContext.writer(), recordings, bus) : null;
        this.storage = new StorageMonitor(eventContext.writer(), eventContext.disk(), eventContext.recordingDisk(), bus,
                archive == null ? Optional::empty : archive::alert);
        this.ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("event-ticker").daemon().factory());
        if (live) {
            ticker.scheduleWithFixedDelay(this::tickEvents, 1, 1, TimeUnit.SECONDS);
            ticker.scheduleWithFixedDelay(storage::tick, 0, 1, TimeUnit.SECONDS);
            Retention retention = new Retention(database);
            ticker.scheduleWithFixedDelay(() -> submitRetention(retention, recording.retention()), 1, 60,
                    TimeUnit.MINUTES);
            RecordingRetention segments = new RecordingRetention(database, eventContext.writer(), recordings,
                    recording.minFreeBytes(), recording.clips(), bus);
            long every = recording.recordingRetentionEvery().toMillis();
            ticker.scheduleWithFixedDelay(() -> segments.tick(true), every, every, TimeUnit.MILLISECONDS);
            ticker.scheduleWithFixedDelay(() -> segments.tick(false), 1, 1, TimeUnit.SECONDS);
            ticker.scheduleWithFixedDelay(archive::tick, every, every, TimeUnit.MILLISECONDS);
            ticker.scheduleWithFixedDelay(this::heartbeat, 0, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        }
        this.database = database;
        this.store = new CameraStore(database);
        this.bus = bus;
        this.events = new EventStore(database);
        this.reviews = new Reviews(live ? new ReviewStore(database) : ReviewStore.readOnly(database), bus);
        this.demoRules = new DemoRules(new SettingsStore(database));
        this.suppressions = new Suppressions(store, events, new AuditLog(database.jdbi()),
                this::reloadIfStarted, demoRules, this::demoCameras);
        this.options = options;
        this.footage = footage;
    }

    public Database database() { return database; }

    public CameraStore store() { return store; }

    public EventBus bus() { return bus; }

    /** The stored events, to read (the event engine writes them; operators review them through {@link #reviews()}). */
    public EventStore events() { return events; }

    /** Operators' reviews: reviews and undos through it publish {@code EventReviewed} on {@link #bus()}. */
    public Reviews reviews() { return reviews; }

    public DetectionService detection() { return detection; }

    @Override
    public String detectionStatus() { return detection.status(); }

    /**
     * Starts the enabled stored cameras; when none is configured (or {@code forceDemo}), starts the demo
     * wall instead.
     */
    public void start(boolean forceDemo) {
        start(DemoWall.forced(forceDemo));
    }

    /**
     * Puts the display frames of the cameras started from now on in shared memory (decision 0023), for workstations
     * attached from other processes; call it before {@link #start}. Where the folder cannot be made, the frames stay
     * in this process, and the log says why: attached walls then show no pictures, recording is unaffected.
     */
    public void shareFrames() {
        requireLive();
        try {
            rings = DisplayRings.shared(database.file().getParent());
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(Engine.class).warn("Frames are not shared with other processes: {}",
                    e.getMessage(), e);
        }
    }

    /**
     * From {@link #start} on, until the installation has its first administrator, only the demo wall runs (nothing
     * with {@link DemoWall#NEVER}), whatever cameras are configured: a fresh recorder must not watch and record on the
     * network before anyone can sign in to see what it does. The stored cameras start within seconds of the first
     * account. The workstation and the {@code engine} command call it; call it before {@link #start}.
     */
    public void holdCamerasForFirstAdministrator() {
        holdForAdministrator = true;
    }

    /** True while the stored cameras wait for the first administrator (see {@link #holdCamerasForFirstAdministrator}). */
    public boolean waitingForAdministrator() {
        return held;
    }

    /** Starts the enabled stored cameras, or the demo wall when {@code wall} says so. */
    public synchronized void start(DemoWall wall) {
        if (!live) {
            throw new IllegalStateException("An archive opened for review runs no cameras.");
        }
        this.wall = wall;
        var recovered = Recovery.onStartup(database);
        if (recovered.clipsClosed() + recovered.eventsInterrupted() > 0) {
            LoggerFactory.getLogger(Engine.class).info("Recovered after an unclean stop: {}", recovered);
        }
        RecordingRecovery.onStartup(database, recordings, Instant.now()); // logs what it did
        RecordingRecovery.heartbeat(recordings, Instant.now());
        heartbeating = true;
        UserStore accounts = new UserStore(database);
        held = holdForAdministrator && accounts.none();
        demo = held ? wall != DemoWall.NEVER : wall.runs(store.list().isEmpty());
        if (held) {
            LoggerFactory.getLogger(Engine.class).info("No administrator yet: {}; the configured cameras start once "
                    + "there is one ({})", demo ? "only the demo runs" : "no camera runs", FirstAdministrator.HOW);
            awaiting = FirstAdministrator.watch(accounts, "cameras", this::firstAdministratorArrived);
        }
        started = true;
        reload();
        // an open gap of a camera that does not record now (disabled, removed, recording off) is its own from now on
        Set<Long> recording = new HashSet<>();
        running.forEach((id, camera) -> {
            if (camera.recordsSegments()) {
                recording.add(id);
            }
        });
        RecordingRecovery.endUnadopted(database, recording, Instant.now());
    }

    /** False for an {@link #archive} engine: no cameras, no retention, reviews and settings are read-only. */
    @Override
    public boolean live() { return live; }

    /** True while the demo wall runs instead of configured cameras. */
    @Override
    public boolean demo() { return demo; }

    /** Re-reads the store and starts, stops or restarts cameras to match. */
    @Override
    public synchronized void reload() {
        requireLive();
        List<Camera> wanted = new ArrayList<>();
        if (demo && !held && !store.list().isEmpty() && !running.isEmpty()
                && running.keySet().stream().allMatch(id -> id < 0)) {
            demo = false; // the first real camera replaces the demo wall
        }
        if (demo) {
            wanted.addAll(demoRules.apply(DemoCameras.cameras(demoTestCard(), footage)));
        } else if (!held) {
            store.list().stream().filter(Camera::enabled).forEach(wanted::add);
        }
        Map<Long, Camera> byId = new LinkedHashMap<>();
        wanted.forEach(c -> byId.put(c.id(), c));
        running.entrySet().removeIf(entry -> {
            Camera now = byId.get(entry.getKey());
            if (now == null || !sameStream(now, entry.getValue().camera())) {
                entry.getValue().close();
                return true;
            }
            // new event rules (e.g. a suppression region) apply in place: no reconnect, running events go on
            if (!now.eventRules().equals(entry.getValue().camera().eventRules())
                    && !entry.getValue().applyEventRules(now)) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
        for (Camera camera : wanted) {
            running.computeIfAbsent(camera.id(), id -> {
                LiveCamera live = new LiveCamera(camera, options, bus, detection, eventContext, rings);
                live.start();
                return live;
            });
        }
        snapshot = List.copyOf(running.values());
        bus.publish(new WatchroomEvent.CamerasChanged());
    }

    @GuardedBy("this")
    private Optional<Path> demoTestCard() {
        if (testCard == null) {
            try {
                testCard = Optional.of(TestCard.ensure(CacheDirectory.resolve()));
            } catch (IOException | RuntimeException e) {
                LoggerFactory.getLogger(Engine.class).warn("The demo's test card cannot be made; lavfi draws it instead", e);
                testCard = Optional.empty();
            }
        }
        return testCard;
    }

    private static boolean sameStream(Camera a, Camera b) {
        return a.name().equals(b.name()) && a.url().equals(b.url()) && Objects.equals(a.subUrl(), b.subUrl())
                && Objects.equals(a.username(), b.username())
                && Objects.equals(a.password(), b.password()) && a.rtspTransport().equals(b.rtspTransport())
                && a.detectSettings().equals(b.detectSettings())
                && Objects.equals(a.recording(), b.recording()); // a new recording policy restarts its recorder
    }

    /** The running cameras in configuration order; never blocks (safe on the FX thread). */
    public List<LiveCamera> cameras() { return snapshot; }

    /** The demo cameras running now, as started (none while stored cameras run). */
    private List<Camera> demoCameras() {
        return snapshot.stream().map(LiveCamera::camera).filter(c -> c.id() < 0).toList();
    }

    /** The running camera {@code cameraId}, if it runs; never blocks. */
    public Optional<LiveCamera> running(long cameraId) {
        return snapshot.stream().filter(c -> c.camera().id() == cameraId).findFirst();
    }

    /** Starts a simulated event on a running camera; false when there is none with that id. */
    public boolean simulateEvent(long cameraId, String label) {
        return running(cameraId).map(c -> c.simulateEvent(label)).orElse(false);
    }

    /**
     * "Never again here": adds the peak box of a dismissed event as a suppression region for its label to its
     * camera's event rules (see {@link Suppressions#suppress}).
     */
    @Override
    public Suppression suppress(long eventId, Operator by) {
        requireLive();
        return suppressions.suppress(eventId, by);
    }

    /** Removes one suppression region from a camera's event rules; audited. */
    @Override
    public boolean removeSuppression(long cameraId, String label, Region region, Operator by) {
        requireLive();
        return suppressions.remove(cameraId, label, region, by);
    }

    /** The suppression regions of one camera, as label -> regions. */
    @Override
    public Map<String, List<Region>> suppressions(long cameraId) {
        return suppressions.of(cameraId);
    }

    private void requireLive() {
        if (!live) {
            throw new IllegalStateException("This archive is open read-only.");
        }
    }

    /** The first account exists: the stored cameras replace the demo wall, as at a start with an administrator. */
    private synchronized void firstAdministratorArrived() {
        if (closed || !held) {
            return;
        }
        held = false;
        awaiting = null;
        boolean demoWent = demo;
        demo = wall.runs(store.list().isEmpty());
        LoggerFactory.getLogger(Engine.class).info("The first administrator exists: {}", demo ? "the demo goes on"
                : "the configured cameras start");
        if (!(demoWent && demo)) { // the demo going on as it is: nothing to restart, nothing to tell the walls
            reload();
        }
    }

    /** {@link #reload()} once started (a change from the command line); before that, start() reads the store anyway. */
    public synchronized void reloadIfStarted() {
        if (started) {
            reload();
        }
    }

    /**
     * The persistent storage alert: "Storage failing: …" while the database cannot write (events wait in memory),
     * else "Recording paused: …" while the disk is too full for clips, else "Archive failing: …" while old segments
     * cannot be moved to the archive folder; empty when all is well.
     */
    @Override
    public Optional<String> storageAlert() {
        return storage.alert();
    }

    /** The storage's state for health checks, statistics and metrics. */
    public StorageStatus storage() {
        return storage.status();
    }

    /** The archive mover: the folder, what it moved and why it fails, if it does. */
    public ArchiveStatus archive() {
        return archive == null ? new ArchiveStatus(null, 0, 0, 0, 0, null, null) : archive.status();
    }

    private void submitRetention(Retention retention,
                                 RetentionPolicy policy) {
        // on the event writer, so that deletions never race the rows of clips being written
        eventContext.writer().submit(EventWriter.Kind.MAINTENANCE, () -> {
            var summary = retention.run(policy);
            if (summary.clipsDeleted() + summary.eventsDeleted() > 0) {
                LoggerFactory.getLogger(Engine.class).info("Retention: {}", summary);
            }
        });
    }

    private void heartbeat() {
        if (heartbeating) {
            RecordingRecovery.heartbeat(recordings, Instant.now());
        }
    }

    private void tickEvents() {
        Instant now = Instant.now();
        long nanos = System.nanoTime();
        for (LiveCamera camera : snapshot) {
            try {
                camera.expireLeases(nanos);
                camera.tickEvents(now);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Engine.class).warn("Event tick failed", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (awaiting != null) {
            awaiting.close();
        }
        ticker.shutdownNow();
        snapshot = List.of();
        // engine stopping: each camera's recording begins an engine_down gap, ended at the next start
        running.values().parallelStream().forEach(camera -> camera.close(true));
        running.clear();
        if (archive != null) {
            archive.close(); // before the event writer: a pass under way waits for its row step
        }
        eventContext.writer().close(Duration.ofSeconds(10));
        detection.close();
    }
}
