package org.watchroom.core.evidence;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.store.Database;

/**
 * The {@link EvidenceDesk} of a database in this process: each job runs an {@link EvidenceExporter} on a virtual
 * thread (it is I/O), and keeps its progress and outcome until they are read. At most {@link #MAX_RUNNING} run at
 * once, so that a forgotten window cannot fill the disk with parallel copies.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class LocalEvidenceDesk implements EvidenceDesk {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEvidenceDesk.class);
    static final int MAX_RUNNING = 4;
    private static final long UNREAD_KEPT_NANOS = 3_600_000_000_000L;

    private final Database database;
    private final ExportAudit audit;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** @param auditTo where each export's audit row goes (the workstation's own database for an archive) */
    public LocalEvidenceDesk(Database database, Database auditTo) {
        this(database, ExportAudit.to(auditTo));
    }

    /** @param audit where each export's audit row goes (for an archive: the installation's, maybe in a recorder) */
    public LocalEvidenceDesk(Database database, ExportAudit audit) {
        this.database = database;
        this.audit = audit;
    }

    /** One job: its counters, its cancel flag and, once over, its outcome. */
    private static final class Job {
        final AtomicBoolean cancel = new AtomicBoolean();
        volatile long done;
        volatile long total;
        final AtomicReference<ExportResult> result = new AtomicReference<>();
        final AtomicReference<String> failure = new AtomicReference<>("");
        volatile boolean cancelled;
        /** When it ended ({@code System.nanoTime()}), or 0 while running. */
        volatile long finishedAt;
    }

    @Override
    public String startEvents(List<Long> eventIds, Path folder, ExportRequest how) {
        List<Long> ids = List.copyOf(eventIds);
        return start(how, options -> new EvidenceExporter(database, audit).export(ids, folder, options));
    }

    @Override
    public String startRange(RangeRequest range, Path folder, ExportRequest how) {
        return start(how, options -> new EvidenceExporter(database, audit).exportRange(range, folder, options));
    }

    private synchronized String start(ExportRequest how, Function<ExportOptions, ExportResult> work) {
        how.by().require(Permission.EXPORT); // refused here, at once, not in the job
        ZoneId zone = ZoneId.of(how.zone());
        // outcomes nobody came back for (a window closed meanwhile) are kept an hour, then forgotten
        long now = System.nanoTime();
        jobs.values().removeIf(j -> j.finishedAt != 0 && now - j.finishedAt > UNREAD_KEPT_NANOS);
        long running = jobs.values().stream().filter(j -> j.result.get() == null && j.failure.get().isEmpty()).count();
        if (running >= MAX_RUNNING) {
            throw new IllegalStateException(running + " exports are running already; wait for one to finish");
        }
        Job job = new Job();
        String id = UUID.randomUUID().toString();
        jobs.put(id, job);
        ExportOptions options = ExportOptions.defaults(how.by()).withZone(zone).withProgress((done, total) -> {
            job.done = done;
            job.total = total;
        }, job.cancel::get);
        ExportOptions chosen = how.zip() ? options.withZip(null) : options;
        Thread.ofVirtual().name("evidence-export").start(() -> {
            try {
                job.result.set(work.apply(chosen));
            } catch (ExportCancelledException e) {
                job.cancelled = true;
                job.failure.set(e.getMessage());
            } catch (EvidenceException e) { // said for people already (a folder not empty, no space, …)
                LOG.warn("Evidence export failed: {}", e.getMessage(), e);
                job.failure.set(e.getMessage());
            } catch (RuntimeException | Error e) { // never a job that runs for ever in its followers' eyes
                LOG.warn("Evidence export failed", e);
                job.failure.set("Export failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            } finally {
                job.finishedAt = System.nanoTime();
            }
        });
        return id;
    }

    @Override
    public ExportJob job(String jobId) {
        Job job = jobs.get(jobId);
        if (job == null) {
            throw new NoSuchElementException("No export " + jobId + " (finished and read, or never started).");
        }
        ExportJob now = new ExportJob(job.done, job.total, job.result.get(), job.failure.get(), job.cancelled);
        if (now.finished()) {
            jobs.remove(jobId);
        }
        return now;
    }

    @Override
    public void cancel(String jobId) {
        Job job = jobs.get(jobId);
        if (job != null) {
            job.cancel.set(true);
        }
    }
}
