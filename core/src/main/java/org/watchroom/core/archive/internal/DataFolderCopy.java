package org.watchroom.core.archive.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.watchroom.core.archive.ArchiveException;
import org.watchroom.core.store.Database;

/**
 * Opens a copied Watchroom data folder without writing to it: the database file is copied into a session
 * folder and opened there (H2 writes to a file it opens, and migrations may run), and the stored clip, snapshot
 * and crop paths of the copy are pointed at the files inside the opened folder.
 *
 * <p>Thread-safety: stateless; one call per archive.
 */
public final class DataFolderCopy {
    public static final String DATABASE_FILE = "watchroom.mv.db";

    private DataFolderCopy() {
    }

    public static Database open(Path folder, Path session) {
        Path source = folder.resolve(DATABASE_FILE);
        Path copy = session.resolve(DATABASE_FILE);
        try {
            Files.copy(source, copy);
        } catch (IOException e) {
            throw new ArchiveException("Cannot read " + source + ": " + e.getMessage(), e);
        }
        Database database = Database.open(session);
        try {
            PathRelocator relocator = new PathRelocator(folder);
            database.jdbi().useTransaction(h -> {
                relocate(h, relocator, "clips", "path");
                relocate(h, relocator, "events", "snapshot_path");
                relocate(h, relocator, "detections", "crop_path");
            });
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static void relocate(Handle h, PathRelocator relocator, String table, String column) {
        record Row(long id, String path) { }
        List<Row> rows = h.createQuery("SELECT id, " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL")
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2))).list();
        var batch = h.prepareBatch("UPDATE " + table + " SET " + column + " = :path WHERE id = :id");
        for (Row row : rows) {
            String moved = relocator.relocate(row.path());
            // clips.path is NOT NULL and unique: a clip whose file is not in the copy gets a unique path that does not exist
            String value = moved != null ? moved
                    : "clips".equals(table) ? relocator.root().resolve("missing-clip-" + row.id() + ".mp4").toString() : null;
            batch.bind("path", value).bind("id", row.id()).add();
        }
        if (!rows.isEmpty()) {
            batch.execute();
        }
    }
}
