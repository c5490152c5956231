package org.watchroom.core.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.config.Version;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.evidence.internal.EventDocument;
import org.watchroom.core.evidence.internal.RecordingDocument;
import org.watchroom.core.evidence.internal.RecordingExtract;
import org.watchroom.core.evidence.internal.Transfer;
import org.watchroom.core.evidence.internal.Zipper;
import org.watchroom.core.fs.Folders;
import org.watchroom.core.record.EventFootage;
import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventDetails;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.store.StoredDetection;

/**
 * Exports events as an evidence package (see {@code docs/decisions/0008-evidence-package.md}): their clips,
 * snapshots and crops, a JSON file per event and a manifest with the SHA-256 of every file, optionally zipped. An
 * event on a continuously recorded camera carries its own range of the recording instead of clip files; a time
 * range of cameras' recordings is exported the same way ({@link #exportRange}, decision 0016).
 * Everything is written into a hidden sibling folder that is renamed to the target only when complete, so a
 * cancelled or failed export leaves nothing behind. Source files that are gone (retention) are recorded in the
 * event's JSON and the result instead of failing the export. Every export appends an {@code evidence.export}
 * audit row holding the manifest's hash.
 *
 * <p>Thread-safety: safe from any thread; each call does blocking I/O, so call it off the UI thread.
 */
public final class EvidenceExporter {
    public static final String AUDIT_ACTION = "evidence.export";
    private static final int AUDIT_DETAIL_MAX = 7_500;

    private final Database database;
    private final ExportAudit audit;
    private final Path dataDir;
    private final RecordSettings footage;

    public EvidenceExporter(Database database) {
        this(database, database);
    }

    public EvidenceExporter(Database database, Database auditTo) {
        this(database, ExportAudit.to(auditTo), RecordSettings.defaults());
    }

    /** Exports of {@code database}'s events, audited through {@code audit}. */
    public EvidenceExporter(Database database, ExportAudit audit) {
        this(database, audit, RecordSettings.defaults());
    }

    /**
     * @param database the events to export
     * @param auditTo  where the {@code evidence.export} row goes: the workstation's own database when the events come
     *                 from an archive under review (whose session copy is thrown away on close)
     * @param footage  the pre- and post-roll of an event's range of a continuous recording
     */
    public EvidenceExporter(Database database, Database auditTo, RecordSettings footage) {
        this(database, ExportAudit.to(auditTo), footage);
    }

    /** As {@link #EvidenceExporter(Database, Database, RecordSettings)}, the audit row going through {@code audit}. */
    public EvidenceExporter(Database database, ExportAudit audit, RecordSettings footage) {
        this.database = database;
        this.audit = audit;
        this.dataDir = database.file().toAbsolutePath().getParent();
        this.footage = footage;
    }

    /** One source file and where it goes in the package. */
    private record Item(Path source, String target) {
    }

    /**
     * Exports {@code eventIds} into {@code folder}, which must not exist or be empty. Needs {@code EXPORT}. An event
     * on a recorded camera gets its own range of the recording (pre-roll … post-roll), cut by stream copy; an event
     * on a camera recorded in events mode gets its clip files.
     */
    public ExportResult export(List<Long> eventIds, Path folder, ExportOptions options) {
        options.by().require(Permission.EXPORT);
        if (eventIds.isEmpty()) {
            throw new EvidenceException("Choose at least one event to export.");
        }
        List<Long> ids = eventIds.stream().distinct().toList();
        return run(folder, options, (temp, exportId, zip) -> {
            List<EventDetails> events = load(ids);
            return write(events, temp, exportId, options, zip);
        }, written -> "events " + abbreviate(ids.stream().map(String::valueOf).collect(Collectors.joining(",")),
                ids.size() + " events"), ids);
    }

    /**
     * Exports a time range of cameras' recordings into {@code folder} (new or empty): per camera one MP4 cut by stream
     * copy from its segments, a document with the segments' hashes and chain, and optionally the segment files.
     * Needs {@code EXPORT}.
     */
    public ExportResult exportRange(RangeRequest range, Path folder, ExportOptions options) {
        options.by().require(Permission.EXPORT);
        CameraStore cameras = new CameraStore(database);
        List<String> names = new ArrayList<>();
        for (long id : range.cameraIds()) {
            names.add(id + " (" + cameras.find(id).map(Camera::name).orElseThrow(() -> new EvidenceException(
                    "No camera with id " + id + "; nothing was exported.")) + ")");
        }
        return run(folder, options, (temp, exportId, zip) -> writeRange(range, temp, exportId, options, zip),
                written -> "recordings of camera " + String.join(", ", names) + " from " + range.from() + " to "
                        + range.to(), List.of());
    }

    /** Writes a package's files into the temporary folder. */
    @FunctionalInterface
    private interface PackageWriter {
        Written write(Path temp, String exportId, boolean zip) throws IOException;
    }

    /** Target checks, the hidden partial folder, zip, rename into place and the audit row, around {@code writer}. */
    private ExportResult run(Path folder, ExportOptions options, PackageWriter writer,
                             Function<Written, String> what, List<Long> eventIds) {
        Path target = folder.toAbsolutePath().normalize();
        Path zip = options.zip() ? (options.zipFile() != null ? options.zipFile().toAbsolutePath().normalize()
                : target.resolveSibling(target.getFileName() + ".zip")) : null;
        checkTarget(target, zip);
        String exportId = UUID.randomUUID().toString();
        Path temp = target.resolveSibling("." + target.getFileName() + ".partial-" + exportId);
        Path tempZip = zip == null ? null : zip.resolveSibling("." + zip.getFileName() + ".partial-" + exportId);
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectory(temp);
            Written written = writer.write(temp, exportId, zip != null);
            if (zip != null) {
                Zipper.zip(temp, tempZip, target.getFileName().toString(), written.transfer());
            }
            options.progress().update(written.transfer().done(), written.transfer().done());
            publish(temp, target, tempZip, zip);
            ExportResult result = new ExportResult(exportId, target, zip, eventIds, written.manifest().files().size(),
                    written.manifest().totalBytes(), written.manifestSha256(), written.missing(), written.recordings());
            audit(result, options.actor(), what.apply(written));
            return result;
        } catch (IOException e) {
            throw new EvidenceException("Export to " + target + " failed: " + e.getMessage(), e);
        } finally {
            Folders.deleteQuietly(temp);
            Folders.deleteQuietly(tempZip);
        }
    }

    private void checkTarget(Path target, Path zip) {
        if (target.getParent() == null) {
            throw new EvidenceException("Choose a folder inside a drive, not " + target + " itself.");
        }
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new EvidenceException(target + " is a file; choose a new or empty folder.");
            }
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new EvidenceException(target + " is not empty; choose a new or empty folder so that "
                            + "nothing else ends up in the package.");
                }
            } catch (IOException e) {
                throw new EvidenceException("Cannot read " + target + ": " + e.getMessage(), e);
            }
        }
        if (zip != null && Files.exists(zip)) {
            throw new EvidenceException(zip + " already exists; choose another name or remove it first.");
        }
    }

    private List<EventDetails> load(List<Long> ids) {
        EventStore store = new EventStore(database);
        List<EventDetails> events = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (long id : ids) {
            store.details(id).ifPresentOrElse(events::add, () -> unknown.add(id));
        }
        if (!unknown.isEmpty()) {
            throw new EvidenceException("No event with id " + unknown.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + "; nothing was exported.");
        }
        return events;
    }

    /** What {@link #write} produced in the temporary folder. */
    private record Written(Manifest manifest, String manifestSha256, List<String> missing, Transfer transfer,
                           List<String> recordings) {
    }

    private Written write(List<EventDetails> events, Path folder, String exportId, ExportOptions options, boolean zip)
            throws IOException {
        // an event on a recorded camera is its own range of the recording; others keep their clip files
        Instant now = Instant.now();
        Map<Long, EventFootage.Recording> recorded = new LinkedHashMap<>();
        for (EventDetails d : events) {
            if (EventFootage.of(database, d.event(), footage, now) instanceof EventFootage.Recording r) {
                recorded.put(d.event().id(), r);
            }
        }
        // plan every file first, so that progress has a total and each clip shared by events is copied once
        Map<String, Item> items = new LinkedHashMap<>();
        for (EventDetails d : events) {
            long eventId = d.event().id();
            add(items, d.event().snapshotPath(), PackagePaths.snapshot(eventId));
            for (Clip c : clipsOf(d, recorded)) {
                add(items, c.path(), PackagePaths.clip(c.id()));
            }
            for (StoredDetection det : d.detections()) {
                add(items, det.cropPath(), PackagePaths.crop(det.id()));
            }
        }
        Map<String, Item> present = new LinkedHashMap<>();
        long total = 0;
        for (Item item : items.values()) {
            if (Files.isRegularFile(item.source())) {
                present.put(item.target(), item);
                total += Files.size(item.source());
            }
        }
        for (EventFootage.Recording r : recorded.values()) {
            total += RecordingExtract.work(r.segments(), false);
        }
        Transfer transfer = new Transfer(options, total, zip ? 2 : 1);
        List<ManifestFile> files = new ArrayList<>();
        for (Item item : present.values()) {
            files.add(transfer.copy(item.source(), PackagePaths.resolve(folder, item.target()), item.target()));
        }
        AuditLog audit = new AuditLog(database.jdbi());
        Map<Long, EventDocument.Recorded> cuts = new HashMap<>();
        for (Map.Entry<Long, EventFootage.Recording> e : recorded.entrySet()) {
            EventFootage.Recording r = e.getValue();
            String target = PackagePaths.eventRecording(e.getKey());
            RecordingExtract.Result taken = RecordingExtract.take(r.segments(), r.from(), r.to(), folder, target, false,
                    transfer, options, audit);
            if (taken.cutFile() != null) {
                files.add(taken.cutFile());
            }
            cuts.put(e.getKey(), new EventDocument.Recorded(taken.cutFile() == null ? null : target, taken.cut(),
                    taken.cutFile() == null ? null : taken.cutFile().sha256(), r.from(), r.to(), r.complete(),
                    taken.entries(), taken.nothing(), taken.openLeftOut()));
        }
        CameraStore cameras = new CameraStore(database);
        EventStore store = new EventStore(database);
        List<String> missing = new ArrayList<>();
        for (EventDetails d : events) {
            long id = d.event().id();
            Map<String, String> packaged = new HashMap<>();
            List<EventDocument.Missing> gone = new ArrayList<>();
            packaged(d.event().snapshotPath(), PackagePaths.snapshot(id), "snapshot", present, packaged, gone);
            clipsOf(d, recorded).forEach(c -> packaged(c.path(), PackagePaths.clip(c.id()), "clip", present, packaged, gone));
            d.detections().forEach(det -> packaged(det.cropPath(), PackagePaths.crop(det.id()), "crop", present, packaged, gone));
            EventDocument.Recorded cut = cuts.get(id);
            if (cut != null && cut.file() == null) {
                gone.add(new EventDocument.Missing("recording", PackagePaths.eventRecording(id), cut.nothing()));
            }
            gone.forEach(m -> missing.add(m.file()));
            Camera camera = d.event().cameraId() == null ? null : cameras.find(d.event().cameraId()).orElse(null);
            EventDocument.Facts facts = new EventDocument.Facts(withClips(d, clipsOf(d, recorded)),
                    camera == null ? null : camera.location(), camera == null ? null : camera.password(),
                    store.frameSize(id).orElse(null), store.model(id).orElse(null), packaged, gone, cut);
            String path = PackagePaths.event(id);
            files.add(transfer.write(EventDocument.write(facts, options.zone()), PackagePaths.resolve(folder, path), path));
        }
        Manifest manifest = new Manifest(exportId, Instant.now(), options.actor(), Version.current(),
                options.zone().getId(), events.stream().map(d -> d.event().id()).toList(), files);
        transfer.write(ManifestIo.write(manifest), folder.resolve(Manifest.FILE_NAME), Manifest.FILE_NAME);
        String manifestSha = Sha256.of(folder.resolve(Manifest.FILE_NAME));
        return new Written(manifest, manifestSha, missing.stream().distinct().toList(), transfer, List.of());
    }

    /** The clip files an event exports: none when its footage is its range of the recording. */
    private static List<Clip> clipsOf(EventDetails d, Map<Long, EventFootage.Recording> recorded) {
        return recorded.containsKey(d.event().id()) ? List.of() : d.clips();
    }

    private static EventDetails withClips(EventDetails d, List<Clip> clips) {
        return clips.equals(d.clips()) ? d : new EventDetails(d.event(), d.detections(), clips);
    }

    private Written writeRange(RangeRequest range, Path folder, String exportId, ExportOptions options, boolean zip)
            throws IOException {
        SegmentStore segments = new SegmentStore(database);
        GapStore gaps = new GapStore(database);
        CameraStore cameras = new CameraStore(database);
        Map<Long, List<Segment>> byCamera = new LinkedHashMap<>();
        long total = 0;
        for (long id : range.cameraIds()) {
            List<Segment> list = segments.list(id, range.from(), range.to());
            byCamera.put(id, list);
            total += RecordingExtract.work(list, range.segmentFiles());
        }
        Transfer transfer = new Transfer(options, total, zip ? 2 : 1);
        AuditLog audit = new AuditLog(database.jdbi());
        List<ManifestFile> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> recordings = new ArrayList<>();
        for (Map.Entry<Long, List<Segment>> e : byCamera.entrySet()) {
            long id = e.getKey();
            Camera camera = cameras.find(id).orElseThrow();
            String target = PackagePaths.recording(id);
            RecordingExtract.Result taken = RecordingExtract.take(e.getValue(), range.from(), range.to(), folder, target,
                    range.segmentFiles(), transfer, options, audit);
            if (taken.cutFile() != null) {
                files.add(taken.cutFile());
                recordings.add(target);
            } else {
                missing.add(target);
            }
            files.addAll(taken.segmentFiles());
            taken.entries().stream().filter(RecordingDocument.SegmentEntry::missing)
                    .forEach(s -> missing.add("segment " + s.segment().id() + " of camera " + id));
            RecordingDocument.Facts facts = new RecordingDocument.Facts(id, camera.name(), camera.location(),
                    camera.password(), range.from(), range.to(), taken.cut(), taken.cutFile() == null ? null : target,
                    taken.cutFile() == null ? null : taken.cutFile().sha256(), taken.entries(),
                    gaps.list(id, range.from(), range.to()), taken.nothing(), taken.openLeftOut());
            String doc = PackagePaths.recordingDocument(id);
            files.add(transfer.write(RecordingDocument.write(facts, options.zone()), PackagePaths.resolve(folder, doc), doc));
        }
        if (recordings.isEmpty()) {
            throw new EvidenceException("Nothing was recorded by camera " + range.cameraIds().stream()
                    .map(String::valueOf).collect(Collectors.joining(", ")) + " between " + range.from() + " and "
                    + range.to() + " (or its files are gone); nothing was exported.");
        }
        Manifest manifest = new Manifest(exportId, Instant.now(), options.actor(), Version.current(),
                options.zone().getId(), List.of(), files);
        transfer.write(ManifestIo.write(manifest), folder.resolve(Manifest.FILE_NAME), Manifest.FILE_NAME);
        String manifestSha = Sha256.of(folder.resolve(Manifest.FILE_NAME));
        return new Written(manifest, manifestSha, missing, transfer, recordings);
    }

    private void add(Map<String, Item> items, String source, String target) {
        if (source != null && !source.isBlank()) {
            items.putIfAbsent(target, new Item(dataDir.resolve(source), target));
        }
    }

    private static void packaged(String source, String target, String kind, Map<String, Item> present,
                                 Map<String, String> packaged, List<EventDocument.Missing> gone) {
        if (source == null || source.isBlank()) {
            return;
        }
        if (present.containsKey(target)) {
            packaged.put(source, target);
        } else {
            gone.add(new EventDocument.Missing(kind, target, "the source file was gone (deleted by retention or by hand)"));
        }
    }

    /** Renames the finished folder (and zip) into place; an empty target folder is replaced. */
    private static void publish(Path temp, Path target, Path tempZip, Path zip) throws IOException {
        if (tempZip != null) {
            Files.move(tempZip, zip, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.deleteIfExists(target); // checked empty before; refuses (and fails the export) if filled meanwhile
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (zip != null) {
                Files.deleteIfExists(zip);
            }
            throw e;
        }
    }

    private static String abbreviate(String text, String summary) {
        return text.length() > AUDIT_DETAIL_MAX / 2 ? text.substring(0, AUDIT_DETAIL_MAX / 2) + "… (" + summary + ")" : text;
    }

    private void audit(ExportResult r, String actor, String what) {
        String detail = what + "; manifest sha256 " + r.manifestSha256() + "; " + r.files() + " files, "
                + r.bytes() + " bytes; folder " + r.folder() + (r.zip() == null ? "" : "; zip " + r.zip())
                + (r.missing().isEmpty() ? "" : "; missing " + String.join(",", r.missing()));
        if (detail.length() > AUDIT_DETAIL_MAX) {
            detail = detail.substring(0, AUDIT_DETAIL_MAX) + "…";
        }
        try {
            audit.exported(actor, r.exportId(), detail);
        } catch (RuntimeException e) {
            // an export nobody can trace is not evidence: take it back
            Folders.deleteQuietly(r.folder());
            Folders.deleteQuietly(r.zip());
            throw new EvidenceException("The export could not be written to the audit log, so it was removed: "
                    + e.getMessage(), e);
        }
    }
}
