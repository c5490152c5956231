package org.watchroom.app.status;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import org.slf4j.LoggerFactory;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.engine.EngineControl;
import org.watchroom.core.engine.LiveTile;
import org.watchroom.core.remote.EngineGoneException;

/**
 * Status bar text: cameras live / total, total decoded fps, process CPU %, heap. Refreshed once a second.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class StatusViewModel {
    private final EngineControl engine;
    /** The wall's listing of the running cameras: counted here, not listed a second time. */
    private final ObservableValue<List<LiveTile>> running;
    private final TaskExecutor executor;
    /** A reading under way: the once-a-second refresh does not pile up behind a slow engine. */
    private boolean reading;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ReadOnlyStringWrapper cameras = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper fps = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper cpu = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper heap = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper detection = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper storageAlert = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper api = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper recorder = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper process = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper apiDetail = new ReadOnlyStringWrapper("");

    /** What the engine says, read off the FX thread (a remote engine answers over its socket). */
    private record EngineFacts(boolean demo, String detection, Optional<String> storageAlert) {
    }

    /** @param running the running cameras as the wall lists them (states and rates) */
    public StatusViewModel(EngineControl engine, ObservableValue<List<LiveTile>> running, TaskExecutor executor) {
        this.engine = engine;
        this.running = running;
        this.executor = executor;
        refresh();
    }

    /** Reads the engine's counts off the FX thread, and this process's CPU and heap now. */
    public void refresh() {
        if (!reading) {
            reading = true;
            executor.submit(() -> new EngineFacts(engine.demo(), engine.detectionStatus(), engine.storageAlert()),
                    this::show, this::unreadable);
        }
        double load = os.getProcessCpuLoad();
        cpu.set(load < 0 ? "CPU –" : String.format(Locale.ROOT, "CPU %.0f %%", load * 100));
        MemoryUsage memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        heap.set(String.format(Locale.ROOT, "Heap %d / %d MB", memory.getUsed() >> 20, memory.getMax() >> 20));
    }

    private void unreadable(Throwable failed) {
        reading = false;
        if (failed instanceof EngineGoneException) {
            // an attached window whose recorder restarts: said here, once a second, not in the log
            recorder.set("Recorder not answering: it is restarting or stopped; this window reconnects by itself");
        } else {
            LoggerFactory.getLogger(StatusViewModel.class).warn("The status bar could not read the engine", failed);
        }
    }

    private void show(EngineFacts facts) {
        reading = false;
        recorder.set("");
        List<LiveTile> tiles = running.getValue();
        long live = tiles.stream().filter(c -> c.state() instanceof CameraState.Live).count();
        double totalFps = tiles.stream().mapToDouble(LiveTile::decodedFps).sum();
        cameras.set("Cameras " + live + " / " + tiles.size() + " live" + (facts.demo() ? " (demo)" : ""));
        fps.set(String.format(Locale.ROOT, "Decode %.0f fps", totalFps));
        detection.set("Detection " + facts.detection());
        storageAlert.set(facts.storageAlert().orElse(""));
    }

    /**
     * Says where the REST API listens. Never the token: the status bar is in front of every role, and the
     * installation token acts as an admin (admins find it under the person menu → API…).
     */
    public void showApi(String url) {
        api.set("API " + url.replaceFirst("^http://", ""));
        apiDetail.set("REST API at " + url + "\nAdmins: person menu → API… for the token, or 'watchroom token'.");
    }

    /** Says that the recorder runs in a process of its own, and goes on recording when this window closes. */
    public void showRecorderProcess(long pid) {
        process.set("Recorder: own process (pid " + pid + "), records on when this window closes");
    }

    /** Where the recorder runs, for a window attached to it; empty for a window with the recorder inside. */
    public ReadOnlyStringProperty processProperty() { return process.getReadOnlyProperty(); }

    /** Says that the recorder (in another process) does not answer; empty while it does. */
    public ReadOnlyStringProperty recorderProperty() { return recorder.getReadOnlyProperty(); }

    /** "API 127.0.0.1:8080" while the REST API runs; empty otherwise. */
    public ReadOnlyStringProperty apiProperty() { return api.getReadOnlyProperty(); }

    /** The REST API's address and where to find its token, for the tooltip. */
    public ReadOnlyStringProperty apiDetailProperty() { return apiDetail.getReadOnlyProperty(); }

    public ReadOnlyStringProperty camerasProperty() { return cameras.getReadOnlyProperty(); }

    public ReadOnlyStringProperty fpsProperty() { return fps.getReadOnlyProperty(); }

    public ReadOnlyStringProperty cpuProperty() { return cpu.getReadOnlyProperty(); }

    public ReadOnlyStringProperty heapProperty() { return heap.getReadOnlyProperty(); }

    /** "Recording paused: only … free" while the disk guard holds recording back; empty otherwise. */
    public ReadOnlyStringProperty storageAlertProperty() { return storageAlert.getReadOnlyProperty(); }

    /** Which models run where ("CPU · yolox_nano.onnx + …") or why detection is off. */
    public ReadOnlyStringProperty detectionProperty() { return detection.getReadOnlyProperty(); }
}
