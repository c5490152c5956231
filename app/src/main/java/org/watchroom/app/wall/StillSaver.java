package org.watchroom.app.wall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.detect.FrameSnapshots;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.evidence.ExportAudit;

/**
 * Saves what a tile shows as a PNG file, with the camera's name and the time written along its bottom edge: a still
 * leaving the system is an export, so it takes the export permission and is audited (with the file's SHA-256) in the
 * installation's log; a still whose audit row cannot be written is deleted again. Encoding and writing run on the
 * task executor.
 *
 * <p>Thread-safety: {@link #save} on the FX thread; the work runs on the executor.
 */
public final class StillSaver {
    private static final Logger LOG = LoggerFactory.getLogger(StillSaver.class);
    private static final DateTimeFormatter CAPTION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter FILE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH-mm-ss");
    private final Path folder;
    private final ExportAudit audit;
    private final Session session;
    private final TaskExecutor executor;
    private final ZoneId zone;

    /** @param folder where the stills go (made when the first is saved) */
    public StillSaver(Path folder, ExportAudit audit, Session session, TaskExecutor executor, ZoneId zone) {
        this.folder = folder;
        this.audit = audit;
        this.session = session;
        this.executor = executor;
        this.zone = zone;
    }

    /**
     * Saves {@code width} × {@code height} BGRA pixels (packed rows, a copy the caller no longer uses) of
     * {@code camera}, taken at {@code at}; {@code said} hears "Saved …" with the file, or why not.
     */
    public void save(String camera, byte[] bgra, int width, int height, Instant at, Consumer<String> said) {
        Operator by;
        try {
            by = session.acting(Permission.EXPORT);
        } catch (RuntimeException refused) {
            said.accept("Not saved: " + refused.getMessage());
            return;
        }
        executor.submit(() -> write(camera, bgra, width, height, at, by), file -> said.accept("Saved " + file),
                failed -> {
                    LOG.warn("A still of {} was not saved", camera, failed);
                    said.accept("Not saved: " + failed.getMessage());
                });
    }

    private Path write(String camera, byte[] bgra, int width, int height, Instant at, Operator by) throws IOException {
        String when = CAPTION.format(at.atZone(zone));
        byte[] png = FrameSnapshots.pngWithCaption(ByteBuffer.wrap(bgra), width, height, width * 4,
                camera + "  " + when);
        Files.createDirectories(folder);
        String base = fileName(camera) + " " + FILE.format(at.atZone(zone));
        Path file = folder.resolve(base + ".png");
        for (int n = 2; Files.exists(file); n++) {
            file = folder.resolve(base + " (" + n + ").png");
        }
        Files.write(file, png, StandardOpenOption.CREATE_NEW);
        try {
            audit.exported(by.userName(), "still-" + base.replace(' ', '_'), "still of camera " + camera + " at "
                    + at + " to " + file.toAbsolutePath() + ", sha256 " + Sha256.of(file));
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(file); // no unaudited copy left behind
            } catch (IOException gone) {
                e.addSuppressed(gone);
            }
            throw new UncheckedIOException(new IOException("the audit log cannot be written: " + e.getMessage(), e));
        }
        return file;
    }

    /** A camera name as part of a file name: no separators or characters file systems refuse. */
    static String fileName(String camera) {
        String safe = camera.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
        return safe.isEmpty() || safe.startsWith(".") ? "camera" + safe : safe;
    }
}
