package org.watchroom.app.closing;

import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;

/**
 * What closing the main window means while its engine records: the engine runs inside the window's process, so
 * closing it stops recording on every camera. That is an admin's decision, confirmed and audited
 * ({@code engine.stop}), as {@code watchroom engine stop --yes} is; a guard's close request is refused, and says why.
 * Before the first account exists only the demo wall runs (the engine holds the cameras), so there is nothing to
 * stop then.
 *
 * <p>Thread-safety: FX thread; the decision and the audit row are made on the task executor.
 */
public final class ClosingViewModel {
    /** What a close request leads to. */
    public sealed interface Decision {
        /** Nothing records (no camera, or the demo wall): close at once. */
        record Close() implements Decision { }

        /** {@code cameras} stop recording: ask, then audit as {@code actor}. */
        record Confirm(int cameras, String actor) implements Decision { }

        /** {@code cameras} would stop recording and the person here may not stop the engine. */
        record Refuse(int cameras) implements Decision { }
    }

    private final IntSupplier recordingCameras;
    private final Session session;
    private final AuditLog audit;
    private final TaskExecutor executor;
    private final Consumer<Throwable> failed;

    /**
     * @param recordingCameras how many real cameras run now (never blocks)
     * @param failed where a failure goes (the window's error line)
     */
    public ClosingViewModel(IntSupplier recordingCameras, Session session, AuditLog audit, TaskExecutor executor,
                            Consumer<Throwable> failed) {
        this.recordingCameras = recordingCameras;
        this.session = session;
        this.audit = audit;
        this.executor = executor;
        this.failed = failed;
    }

    /** Works out, off the FX thread, what a close request leads to; {@code then} runs on the FX thread. */
    public void decide(Consumer<Decision> then) {
        executor.submit(this::decision, then, failed);
    }

    Decision decision() {
        int cameras = recordingCameras.getAsInt();
        if (cameras == 0) {
            return new Decision.Close();
        }
        if (session.allows(Permission.STOP_ENGINE)) {
            return new Decision.Confirm(cameras, session.current().map(Operator::userName).orElseThrow());
        }
        return new Decision.Refuse(cameras);
    }

    /** Audits the confirmed stop, then runs {@code close} on the FX thread; a failed audit closes nothing. */
    public void stopRecording(Decision.Confirm confirmed, Runnable close) {
        executor.run(() -> audit.append(confirmed.actor(), "engine.stop", "engine", "closed the workstation window: "
                + confirmed.cameras() + " cameras stopped recording"), close, failed);
    }
}
