package org.watchroom.core.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.watchroom.core.archive.internal.DataFolderCopy;
import org.watchroom.core.archive.internal.EvidenceImport;
import org.watchroom.core.evidence.EvidenceVerifier;
import org.watchroom.core.evidence.PackageZip;
import org.watchroom.core.evidence.Verification;
import org.watchroom.core.fs.Folders;
import org.watchroom.core.store.Database;

/**
 * A Watchroom data folder copied from another machine, or an evidence package, opened for offline review
 * without writing to it: everything the viewer needs (a database; for a .zip, the unpacked files) lives in a
 * session folder under the system temp folder, deleted on {@link #close()}. File paths in {@link #database()}
 * point at the files inside the opened folder.
 *
 * <p>Thread-safety: {@link #database()} is safe from any thread; open and close on one thread.
 */
public final class Archive implements AutoCloseable {
    private final Path source;
    private final ArchiveKind kind;
    private final Path session;
    private final Database database;
    private final Optional<Verification> verification;

    private Archive(Path source, ArchiveKind kind, Path session, Database database, Optional<Verification> verification) {
        this.source = source;
        this.kind = kind;
        this.session = session;
        this.database = database;
        this.verification = verification;
    }

    /** Opens a data folder, an evidence package folder or an evidence package .zip. */
    public static Archive open(Path path) {
        Path source = path.toAbsolutePath().normalize();
        if (!Files.exists(source)) {
            throw new ArchiveException("There is no " + source + ".");
        }
        Path session = createSession();
        try {
            Path folder = source;
            PackageZip.Unpacked unpacked = null;
            if (Files.isRegularFile(source) && source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                unpacked = PackageZip.unpack(source, session.resolve("package"));
                folder = unpacked.root();
            }
            if (Files.isRegularFile(folder.resolve(EvidenceImport.MANIFEST))) {
                // an analyst should know before looking whether the package is as it was exported; for a zip, the
                // unpacked files are both what is verified and what is shown
                Verification verification = unpacked != null ? EvidenceVerifier.verify(unpacked, source)
                        : EvidenceVerifier.verify(folder);
                Database database = Database.open(session.resolve("db"));
                try {
                    EvidenceImport.load(folder, database);
                } catch (RuntimeException e) {
                    database.close();
                    throw e;
                }
                return new Archive(source, ArchiveKind.EVIDENCE_PACKAGE, session, database, Optional.of(verification));
            }
            if (Files.isRegularFile(folder.resolve(DataFolderCopy.DATABASE_FILE))) {
                Path db = Files.createDirectories(session.resolve("db"));
                return new Archive(source, ArchiveKind.DATA_FOLDER, session, DataFolderCopy.open(folder, db),
                        Optional.empty());
            }
            throw new ArchiveException(source + " is neither a Watchroom data folder (it has no "
                    + DataFolderCopy.DATABASE_FILE + ") nor an evidence package (it has no " + EvidenceImport.MANIFEST + ").");
        } catch (IOException e) {
            Folders.deleteQuietly(session);
            throw new ArchiveException("Cannot open " + source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            Folders.deleteQuietly(session);
            throw e instanceof ArchiveException ? e : new ArchiveException("Cannot open " + source + ": " + e.getMessage(), e);
        }
    }

    /** The folder or file that was opened. */
    public Path source() { return source; }

    public ArchiveKind kind() { return kind; }

    /** For an evidence package, whether every file is as its manifest says (checked on open); empty for a data folder. */
    public Optional<Verification> verification() { return verification; }

    /** One line for a window title bar or label: what is open and, for a package, whether it is intact. */
    public String describe() {
        String what = (kind == ArchiveKind.EVIDENCE_PACKAGE ? "Evidence package " : "Data folder ") + source;
        return verification.map(v -> switch (v) {
            case Verification.Ok ok -> what + " — intact (" + ok.files() + " files match the manifest)";
            case Verification.Failed failed -> what + " — NOT INTACT: " + failed.line();
        }).orElse(what);
    }

    /** A session copy: reviews and audit rows written here never reach the opened folder. */
    public Database database() { return database; }

    @Override
    public void close() {
        database.close();
        Folders.deleteQuietly(session);
    }

    private static Path createSession() {
        try {
            return Files.createTempDirectory("watchroom-archive-");
        } catch (IOException e) {
            throw new ArchiveException("Cannot create a session folder in the temp folder: " + e.getMessage(), e);
        }
    }
}
