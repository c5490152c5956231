package org.watchroom.app.status;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.engine.EngineControl;
import org.watchroom.core.engine.LiveCamera;

/**
 * Status bar text: cameras live / total, total decoded fps, process CPU %, heap. Refreshed once a second.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class StatusViewModel {
    private final EngineControl engine;
    /** The running cameras; not a port yet: their states and rates are read from the live cameras (the wall's). */
    private final Supplier<List<LiveCamera>> running;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ReadOnlyStringWrapper cameras = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper fps = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper cpu = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper heap = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper detection = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper storageAlert = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper api = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper apiDetail = new ReadOnlyStringWrapper("");

    public StatusViewModel(EngineControl engine, Supplier<List<LiveCamera>> running) {
        this.engine = engine;
        this.running = running;
        refresh();
    }

    public void refresh() {
        List<LiveCamera> running = this.running.get();
        long live = running.stream().filter(c -> c.display().state() instanceof CameraState.Live).count();
        double totalFps = running.stream().mapToDouble(c -> c.display().stats().decodedFps()).sum();
        cameras.set("Cameras " + live + " / " + running.size() + " live" + (engine.demo() ? " (demo)" : ""));
        fps.set(String.format(Locale.ROOT, "Decode %.0f fps", totalFps));
        double load = os.getProcessCpuLoad();
        cpu.set(load < 0 ? "CPU –" : String.format(Locale.ROOT, "CPU %.0f %%", load * 100));
        MemoryUsage memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        heap.set(String.format(Locale.ROOT, "Heap %d / %d MB", memory.getUsed() >> 20, memory.getMax() >> 20));
        detection.set("Detection " + engine.detectionStatus());
        storageAlert.set(engine.storageAlert().orElse(""));
    }

    /**
     * Says where the REST API listens. Never the token: the status bar is in front of every role, and the
     * installation token acts as an admin (admins find it under the person menu → API…).
     */
    public void showApi(String url) {
        api.set("API " + url.replaceFirst("^http://", ""));
        apiDetail.set("REST API at " + url + "\nAdmins: person menu → API… for the token, or 'watchroom token'.");
    }

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
