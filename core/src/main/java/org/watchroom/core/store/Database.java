package org.watchroom.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.store.internal.MigrationRunner;

/**
 * The embedded H2 file database in the data directory, opened through Jdbi and migrated on open.
 *
 * <p>Thread-safety: safe from any thread; connections come from a small pool. {@link #close} may be called more
 * than once and from any thread; only the first call closes.
 */
public final class Database implements AutoCloseable {
    static {
        // Watchroom's schema uses no Java functions, triggers or serialized objects; refusing user classes keeps a
        // crafted database file (an archive from elsewhere, decision 0011) from naming one to run.
        if (System.getProperty("h2.allowedClasses") == null) {
            System.setProperty("h2.allowedClasses", "org.h2.*");
        }
    }
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private final JdbcConnectionPool pool;
    private final Jdbi jdbi;
    private final int schemaVersion;
    private final Path file;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(Path file, String url, JdbcConnectionPool pool) {
        this.file = file;
        this.url = url;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
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
        String url = "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE";
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

    /** Cheap health check for status displays. */
    public boolean ping() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Closes the pool; H2 closes the database with its last connection. Calling it again does nothing. A SHUTDOWN
     * statement is only sent when a connection is still borrowed: sent through Jdbi on every close, as before, H2
     * traced "Database is already closed" twice per close into {@code watchroom.trace.db} (Jdbi asks the statement
     * that closed the database for its update count, then rolls its connection back).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pool.dispose(); // closes the idle connections; with H2's default DB_CLOSE_DELAY=0 the last one closes the file
        int borrowed = pool.getActiveConnections();
        if (borrowed == 0) {
            return;
        }
        LOG.warn("{} database connection(s) still in use while closing {}; shutting it down under them", borrowed, file);
        Properties credentials = new Properties();
        credentials.setProperty("user", "watchroom");
        credentials.setProperty("password", "");
        try (Connection c = org.h2.Driver.load().connect(url, credentials); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.warn("Shutting down the database {} failed", file, e);
        }
    }
}
