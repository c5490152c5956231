package org.watchroom.app.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.evidence.EvidenceDesk;
import org.watchroom.core.evidence.EvidenceDesk.ExportJob;
import org.watchroom.core.evidence.EvidenceDesk.ExportRequest;
import org.watchroom.core.evidence.EvidenceException;
import org.watchroom.core.evidence.ExportCancelledException;
import org.watchroom.core.evidence.ExportResult;
import org.watchroom.core.evidence.LocalEvidenceDesk;
import org.watchroom.core.evidence.PackagePaths;
import org.watchroom.core.evidence.RangeRequest;
import org.watchroom.core.store.Database;

/**
 * One evidence export from the workstation (events, or a time range of cameras' recordings): where it goes, its
 * progress (0..1, posted to the FX thread at most
 * once per percent), cancel, and the outcome as a message.
 *
 * <p>Thread-safety: FX thread only; the export itself runs through the {@link TaskExecutor}.
 */
public final class ExportViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ExportViewModel.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    /** How often a running export is asked how far it is: a smooth bar; a local call, or one over the socket. */
    private static final long POLL_MILLIS = 20;
    private final EvidenceDesk desk;
    private final Session session;
    private final TaskExecutor executor;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ExportResult> result = new ReadOnlyObjectWrapper<>();
    private AtomicBoolean cancel = new AtomicBoolean();

    /** Exports of {@code database}, in this process. */
    public ExportViewModel(Database database, Session session, TaskExecutor executor) {
        this(new LocalEvidenceDesk(database, database), session, executor);
    }

    /**
     * @param desk where exports run: over a database in this process (an archive window's audit going to the
     *             workstation's own), or in the engine a window is attached to
     */
    public ExportViewModel(EvidenceDesk desk, Session session, TaskExecutor executor) {
        this.desk = desk;
        this.session = session;
        this.executor = executor;
    }

    /** 0..1 while copying; 1 when done. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /** What happened, for people: where the package is, what was missing, or why it failed. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<ExportResult> resultProperty() { return result.getReadOnlyProperty(); }

    /**
     * The package folder for a folder the person chose: the folder itself when it is empty, else a new
     * {@code watchroom-evidence-<time>} folder inside it (an export never mixes with other files).
     */
    public static Path targetFor(Path chosen, LocalDateTime now) {
        try (Stream<Path> entries = Files.list(chosen)) {
            if (entries.findAny().isEmpty()) {
                return chosen;
            }
        } catch (IOException | RuntimeException e) {
            // unreadable or gone: a new folder inside it gives the clearer error, from the exporter
        }
        return chosen.resolve("watchroom-evidence-" + STAMP.format(now));
    }

    /** Starts exporting {@code eventIds} into {@code folder}; ignored while an export runs. */
    public void start(List<Long> eventIds, Path folder) {
        run("Exporting " + eventIds.size() + " event(s) to " + folder + "…",
                how -> desk.startEvents(eventIds, folder, how), this::describeEvents);
    }

    /**
     * Starts exporting a time range of cameras' recordings into {@code folder} (one MP4 per camera cut from the
     * segments, their hashes and chain); ignored while an export runs.
     *
     * @param names the cameras' names by id, for the result
     * @param when  the range as people read it ({@code 23:59:45 – 00:00:15 (30 s)})
     */
    public void startRange(RangeRequest range, Map<Long, String> names, String when, Path folder) {
        String who = range.cameraIds().stream().map(id -> names.getOrDefault(id, "camera " + id))
                .collect(Collectors.joining(", "));
        run("Exporting the recordings of " + who + ", " + when + ", to " + folder + "…",
                how -> desk.startRange(range, folder, how),
                r -> describeRange(r, range, names, who, when));
    }

    /** Starts one kind of export as {@code how} says (who, zone, zip); returns its job id. */
    @FunctionalInterface
    private interface Work {
        String start(ExportRequest how);
    }

    private void run(String what, Work work, Function<ExportResult, String> describe) {
        if (running.get()) {
            return;
        }
        Operator by;
        try {
            by = session.acting(Permission.EXPORT);
        } catch (RuntimeException refused) {
            message.set(refused.getMessage());
            return;
        }
        cancel = new AtomicBoolean();
        AtomicBoolean cancelled = cancel;
        running.set(true);
        progress.set(0);
        result.set(null);
        message.set(what);
        // always a .zip next to the folder too: one file is easier to hand over
        ExportRequest how = new ExportRequest(by, ZoneId.systemDefault().getId(), true);
        executor.submit(() -> follow(work.start(how), cancelled), r -> done(r, describe), this::failed);
    }

    /** Follows job {@code id} until it is over (off the FX thread): progress, a cancel asked for, the outcome. */
    private ExportResult follow(String id, AtomicBoolean cancelled) throws InterruptedException {
        Poster poster = new Poster();
        boolean cancelSent = false;
        while (true) {
            if (cancelled.get() && !cancelSent) {
                desk.cancel(id);
                cancelSent = true;
            }
            ExportJob job;
            try {
                job = desk.job(id);
            } catch (RuntimeException e) {
                desk.cancel(id); // not followed any more: it does not run on unseen (a recorder gone cancels nothing)
                throw e;
            }
            poster.update(job.bytesDone(), job.bytesTotal());
            if (job.result() != null) {
                return job.result();
            }
            if (job.cancelled()) {
                throw new ExportCancelledException();
            }
            if (!job.failure().isEmpty()) {
                throw new EvidenceException(job.failure()); // in words for people already
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Stops the running export; it removes what it wrote. */
    public void cancel() {
        if (running.get()) {
            cancel.set(true);
            message.set("Cancelling…");
        }
    }

    private void done(ExportResult r, Function<ExportResult, String> describe) {
        running.set(false);
        progress.set(1);
        result.set(r);
        message.set(describe.apply(r));
    }

    private String describeEvents(ExportResult r) {
        String text = "Exported " + r.eventIds().size() + " event(s), " + r.files() + " files, to " + r.folder()
                + (r.zip() == null ? "" : " and " + r.zip().getFileName());
        if (!r.missing().isEmpty()) {
            text += ". Missing (already deleted, noted in the package): " + String.join(", ", r.missing());
        }
        return text;
    }

    /** Where it went, each camera's cut or that it recorded nothing then, and how much; the hash is shown beside. */
    private static String describeRange(ExportResult r, RangeRequest range, Map<Long, String> names, String who,
                                        String when) {
        StringBuilder text = new StringBuilder("Exported the recordings of " + who + ", " + when + ", to " + r.folder()
                + (r.zip() == null ? "" : " and " + r.zip().getFileName()) + ":");
        for (long id : range.cameraIds()) {
            String cut = PackagePaths.recording(id);
            text.append("\n· ").append(names.getOrDefault(id, "camera " + id)).append(": ").append(
                    r.recordings().contains(cut) ? cut : "nothing recorded in that range (the package says so)");
        }
        List<String> segmentsGone = r.missing().stream().filter(m -> m.startsWith("segment ")).toList();
        if (!segmentsGone.isEmpty()) {
            text.append("\nMissing (deleted, noted in the package): ").append(String.join(", ", segmentsGone));
        }
        text.append("\n").append(r.files()).append(" files, ").append(size(r.bytes()))
                .append("; the export is in the audit log.");
        return text.toString();
    }

    /** {@code 3.4 MB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private void failed(Throwable e) {
        if (!(e instanceof ExportCancelledException)) {
            LOG.warn("Export failed", e);
        }
        running.set(false);
        progress.set(0);
        message.set(e instanceof ExportCancelledException ? e.getMessage()
                : e instanceof EvidenceException ? e.getMessage()
                : "Export failed: " + e.getMessage());
    }

    /** Runs on the following thread: hands progress to the FX thread once per percent, not per poll. */
    private final class Poster {
        private int posted = -1;

        void update(long done, long total) {
            if (total <= 0) {
                return; // nothing counted yet
            }
            int percent = (int) (100 * done / total);
            if (percent > posted) { // never backwards, even when the event files add to the total
                posted = percent;
                double fraction = percent / 100.0;
                executor.onUiThread(() -> progress.set(fraction));
            }
        }
    }
}
