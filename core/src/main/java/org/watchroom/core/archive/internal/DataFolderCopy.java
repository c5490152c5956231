package org.watchroom.core.archive.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.h2.Driver;
import org.jdbi.v3.core.Handle;
import org.watchroom.core.archive.ArchiveException;
import org.watchroom.core.store.Database;

/**
 * Opens a copied Watchroom data folder without writing to it: the database file is copied into a session
 * folder and opened there (H2 writes to a file it opens, and migrations may run), and the stored clip, snapshot
 * and crop paths of the copy, and its recording segments' paths, are pointed at the files inside the opened folder.
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
        refuseExecutableContent(source, session);
        Database database = Database.open(session);
        try {
            PathRelocator relocator = new PathRelocator(folder);
            database.jdbi().useTransaction(h -> {
                relocate(h, relocator, "clips", "path");
                relocate(h, relocator, "events", "snapshot_path");
                relocate(h, relocator, "detections", "crop_path");
                relocate(h, relocator, "segments", "path"); // recordings/<camera>/<day>/<hour>/…: the timeline plays them
            });
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Refuses a database that holds triggers, Java functions or views: Watchroom's schema has none, and in a file
     * from elsewhere they could run code when rows are read or written. Checked on the copy, before migrations,
     * through the catalogue only (which runs nothing of the file's).
     */
    private static void refuseExecutableContent(Path source, Path session) {
        String url = "jdbc:h2:file:" + session.toAbsolutePath().resolve("watchroom") + ";ACCESS_MODE_DATA=r";
        try (Connection c = Driver.load().connect(url, credentials());
             Statement st = c.createStatement()) {
            for (String kind : new String[] {
                    "TRIGGERS", "ROUTINES WHERE ROUTINE_SCHEMA <> 'INFORMATION_SCHEMA'",
                    "VIEWS WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'"}) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA." + kind)) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        throw new ArchiveException(source + " holds " + kind.split(" ")[0].toLowerCase(Locale.ROOT)
                                + " that a Watchroom database never has; it is refused as unsafe to open.");
                    }
                }
            }
        } catch (SQLException e) {
            throw new ArchiveException("Cannot read the database in " + source + ": " + e.getMessage(), e);
        }
    }

    private static Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", "watchroom");
        p.setProperty("password", "");
        return p;
    }

    private static void relocate(Handle h, PathRelocator relocator, String table, String column) {
        record Row(long id, String path) { }
        List<Row> rows = h.createQuery("SELECT id, " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL")
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2))).list();
        var batch = h.prepareBatch("UPDATE " + table + " SET " + column + " = :path WHERE id = :id");
        for (Row row : rows) {
            String moved = relocator.relocate(row.path());
            // clips.path and segments.path are NOT NULL and unique: a file that is not in the copy gets a unique path
            // inside it that does not exist, so the viewer says "missing" rather than reading the original machine's file
            String value = moved != null ? moved : switch (table) {
                case "clips" -> relocator.root().resolve("missing-clip-" + row.id() + ".mp4").toString();
                case "segments" -> relocator.root().resolve("missing-segment-" + row.id() + ".mp4").toString();
                default -> null;
            };
            batch.bind("path", value).bind("id", row.id()).add();
        }
        if (!rows.isEmpty()) {
            batch.execute();
        }
    }
}
