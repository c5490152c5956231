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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.config.Version;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.evidence.internal.EventDocument;
import org.watchroom.core.evidence.internal.Transfer;
import org.watchroom.core.evidence.internal.Zipper;
import org.watchroom.core.fs.Folders;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventDetails;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.StoredDetection;

/**
 * Exports events as an evidence package (see {@code docs/decisions/0008-evidence-package.md}): their clips,
 * snapshots and crops, a JSON file per event and a manifest with the SHA-256 of every file, optionally zipped.
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
    private final Database auditTo;
    private final Path dataDir;

    public EvidenceExporter(Database database) {
        this(database, database);
    }

    /**
     * @param database the events to export
     * @param auditTo  where the {@code evidence.export} row goes: the workstation's own database when the events come
     *                 from an archive under review (whose session copy is thrown away on close)
     */
    public EvidenceExporter(Database database, Database auditTo) {
        this.database = database;
        this.auditTo = auditTo;
        this.dataDir = database.file().toAbsolutePath().getParent();
    }

    /** One source file and where it goes in the package. */
    private record Item(Path source, String target) {
    }

    /** Exports {@code eventIds} into {@code folder}, which must not exist or be empty. Needs {@code EXPORT}. */
    public ExportResult export(List<Long> eventIds, Path folder, ExportOptions options) {
        options.by().require(org.watchroom.core.auth.Permission.EXPORT);
        if (eventIds.isEmpty()) {
            throw new EvidenceException("Choose at least one event to export.");
        }
        List<Long> ids = eventIds.stream().distinct().toList();
        Path target = folder.toAbsolutePath().normalize();
        Path zip = options.zip() ? (options.zipFile() != null ? options.zipFile().toAbsolutePath().normalize()
                : target.resolveSibling(target.getFileName() + ".zip")) : null;
        checkTarget(target, zip);
        List<EventDetails> events = load(ids);
        String exportId = UUID.randomUUID().toString();
        Path temp = target.resolveSibling("." + target.getFileName() + ".partial-" + exportId);
        Path tempZip = zip == null ? null : zip.resolveSibling("." + zip.getFileName() + ".partial-" + exportId);
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectory(temp);
            Written written = write(events, temp, exportId, options, zip != null);
            if (zip != null) {
                Zipper.zip(temp, tempZip, target.getFileName().toString(), written.transfer());
            }
            options.progress().update(written.transfer().done(), written.transfer().done());
            publish(temp, target, tempZip, zip);
            ExportResult result = new ExportResult(exportId, target, zip, ids, written.manifest().files().size(),
                    written.manifest().totalBytes(), written.manifestSha256(), written.missing());
            audit(result, options.actor());
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
    private record Written(Manifest manifest, String manifestSha256, List<String> missing, Transfer transfer) {
    }

    private Written write(List<EventDetails> events, Path folder, String exportId, ExportOptions options, boolean zip)
            throws IOException {
        // plan every file first, so that progress has a total and each clip shared by events is copied once
        Map<String, Item> items = new LinkedHashMap<>();
        for (EventDetails d : events) {
            long eventId = d.event().id();
            add(items, d.event().snapshotPath(), PackagePaths.snapshot(eventId));
            for (Clip c : d.clips()) {
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
        Transfer transfer = new Transfer(options, total, zip ? 2 : 1);
        List<ManifestFile> files = new ArrayList<>();
        for (Item item : present.values()) {
            files.add(transfer.copy(item.source(), PackagePaths.resolve(folder, item.target()), item.target()));
        }
        CameraStore cameras = new CameraStore(database);
        EventStore store = new EventStore(database);
        List<String> missing = new ArrayList<>();
        for (EventDetails d : events) {
            long id = d.event().id();
            Map<String, String> packaged = new HashMap<>();
            List<EventDocument.Missing> gone = new ArrayList<>();
            packaged(d.event().snapshotPath(), PackagePaths.snapshot(id), "snapshot", present, packaged, gone);
            d.clips().forEach(c -> packaged(c.path(), PackagePaths.clip(c.id()), "clip", present, packaged, gone));
            d.detections().forEach(det -> packaged(det.cropPath(), PackagePaths.crop(det.id()), "crop", present, packaged, gone));
            gone.forEach(m -> missing.add(m.file()));
            Camera camera = d.event().cameraId() == null ? null : cameras.find(d.event().cameraId()).orElse(null);
            EventDocument.Facts facts = new EventDocument.Facts(d, camera == null ? null : camera.location(),
                    camera == null ? null : camera.password(), store.frameSize(id).orElse(null),
                    store.model(id).orElse(null), packaged, gone);
            String path = PackagePaths.event(id);
            files.add(transfer.write(EventDocument.write(facts, options.zone()), PackagePaths.resolve(folder, path), path));
        }
        Manifest manifest = new Manifest(exportId, Instant.now(), options.actor(), Version.current(),
                options.zone().getId(), events.stream().map(d -> d.event().id()).toList(), files);
        transfer.write(ManifestIo.write(manifest), folder.resolve(Manifest.FILE_NAME), Manifest.FILE_NAME);
        String manifestSha = Sha256.of(folder.resolve(Manifest.FILE_NAME));
        return new Written(manifest, manifestSha, missing.stream().distinct().toList(), transfer);
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

    private void audit(ExportResult r, String actor) {
        String events = r.eventIds().stream().map(String::valueOf).collect(Collectors.joining(","));
        if (events.length() > AUDIT_DETAIL_MAX / 2) {
            events = events.substring(0, AUDIT_DETAIL_MAX / 2) + "… (" + r.eventIds().size() + " events)";
        }
        String detail = "events " + events + "; manifest sha256 " + r.manifestSha256() + "; " + r.files() + " files, "
                + r.bytes() + " bytes; folder " + r.folder() + (r.zip() == null ? "" : "; zip " + r.zip())
                + (r.missing().isEmpty() ? "" : "; missing " + String.join(",", r.missing()));
        if (detail.length() > AUDIT_DETAIL_MAX) {
            detail = detail.substring(0, AUDIT_DETAIL_MAX) + "…";
        }
        try {
            new AuditLog(auditTo.jdbi()).append(actor, AUDIT_ACTION, "export:" + r.exportId(), detail);
        } catch (RuntimeException e) {
            // an export nobody can trace is not evidence: take it back
            Folders.deleteQuietly(r.folder());
            Folders.deleteQuietly(r.zip());
            throw new EvidenceException("The export could not be written to the audit log, so it was removed: "
                    + e.getMessage(), e);
        }
    }
}
