package org.watchroom.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.watchroom.core.store.internal.MigrationRunner;

/**
 * The embedded H2 file database in the data directory, opened through Jdbi and migrated on open.
 *
 * <p>Thread-safety: safe from any thread; connections come from a small pool.
 */
public final class Database implements AutoCloseable {
    static {
        // Watchroom's schema uses no Java functions, triggers or serialized objects; refusing user classes keeps a
        // crafted database file (an archive from elsewhere, decision 0011) from naming one to run.
        if (System.getProperty("h2.allowedClasses") == null) {
            System.setProperty("h2.allowedClasses", "org.h2.*");
        }
    }
    private final String url;
    private volatile JdbcConnectionPool pool;
    private final Jdbi jdbi;
    private final int schemaVersion;
    private final Path file;

    private Database(Path file, String url, JdbcConnectionPool pool) {
        this.file = file;
        this.url = url;
        this.pool = pool;
        this.jdbi = Jdbi.create(() -> this.pool.getConnection()); // the pool in use now: reopen() replaces it
        this.schemaVersion = MigrationRunner.migrate(jdbi);
    }

    /** Opens (creating if needed) {@code <dataDir>/watchroom.mv.db} and applies pending migrations. */
    public static Database open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new StoreException("Cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
        }
        Path base = dataDir.toAbsolutePath().resolve("watchroom");
        // WRITE_DELAY=0: a commit returns once H2 has written it. With H2's default (written within a second, in
        // the background) a full disk went unnoticed by the committing thread and rows it had acknowledged were
        // lost (2,162 of 10,211 in a test); now the commit itself fails and the event writer keeps the row.
        String url = "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE;WRITE_DELAY=0";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "watchroom", "");
        try {
            return new Database(Path.of(base + ".mv.db"), url, pool);
        } catch (RuntimeException e) {
            pool.dispose();
            String why = e.getMessage() != null && e.getMessage().contains("Database may be already in use")
                    ? "the database is already open in another Watchroom process" : e.getMessage();
            throw new StoreException("Cannot open the database in " + dataDir + ": " + why, e);
        }
    }

    public Jdbi jdbi() { return jdbi; }

    public int schemaVersion() { return schemaVersion; }

    public Path file() { return file; }

    /**
     * Opens the file again after H2 closed it (it does after a failed write, e.g. a full disk): the pooled
     * connections are dead, so they are dropped and a new pool starts. Rows H2 acknowledged are in the file;
     * the caller retries what failed. Callers in flight on the old pool fail and retry like any storage error.
     */
    public synchronized void reopen() {
        JdbcConnectionPool old = pool;
        pool = JdbcConnectionPool.create(url, "watchroom", "");
        try {
            old.dispose();
        } catch (RuntimeException closedAlready) {
            // the connections belonged to a database H2 had closed itself
        }
    }

    /** Cheap health check for status displays. */
    public boolean ping() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            jdbi.useHandle(h -> h.execute("SHUTDOWN"));
        } catch (RuntimeException ignored) {
            // already closed
        }
        pool.dispose();
    }
}
