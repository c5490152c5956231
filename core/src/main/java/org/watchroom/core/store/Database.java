package org.watchroom.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.Driver;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.store.internal.MigrationRunner;
import org.watchroom.core.store.internal.RowMappers;

/**
 * The embedded H2 file database in the data directory, opened through Jdbi and migrated on open.
 *
 * <p>Two ways in: {@link #open} creates the folder and the database when they are missing (starting Watchroom,
 * adding the first camera or user), {@link #openExisting} never creates anything (commands that read, or change
 * what is already there: a mistyped {@code --data-dir} is an error, not a new empty installation). Both refuse a
 * {@code watchroom.mv.db} that is empty or damaged and leave it as it is: H2 would otherwise start a fresh
 * database over a 0-byte file.
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
    /** The database file's name inside a data folder. */
    public static final String FILE_NAME = "watchroom.mv.db";
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    // every MVStore file starts with its text header "H:2,block:…"
    private static final byte[] HEADER = "H:2,".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BLOCK = 4096;
    // H2's error codes (org.h2.api.ErrorCode), named here for the messages below
    private static final int DATABASE_IN_USE = 90020;
    private static final int IO_EXCEPTION = 90028;
    private static final int FILE_CORRUPTED = 90030;
    private static final int FILE_VERSION_ERROR = 90048;
    private static final int DATABASE_READ_ONLY = 90097;
    private static final int DATABASE_NOT_FOUND = 90146;

    private volatile JdbcConnectionPool pool; // reopen() replaces it after H2 closed the database itself
    private final Jdbi jdbi;
    private final int schemaVersion;
    private final Path file;
    private final String url;
    private final boolean readOnly;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(Path file, String url, boolean readOnly, JdbcConnectionPool pool) {
        this.file = file;
        this.url = url;
        this.readOnly = readOnly;
        this.pool = pool;
        this.jdbi = Jdbi.create(() -> this.pool.getConnection()); // the pool in use now: reopen() replaces it
        RowMappers.register(jdbi);
        this.schemaVersion = MigrationRunner.migrate(jdbi);
    }

    /**
     * Opens {@code <dataDir>/watchroom.mv.db}, creating the folder and the database when missing, and applies
     * pending migrations.
     *
     * @throws StoreException with one plain sentence when the folder cannot be made, is read-only, or holds an
     *     empty or damaged database (which is left untouched), or another Watchroom has it open
     */
    public static Database open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StoreException("The data folder " + dir + " is a file, not a folder.");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("Cannot create the data folder " + dir + ": " + reason(e), e);
        }
        Path file = dir.resolve(FILE_NAME);
        refuseEmptyOrForeign(file);
        if (!Files.isWritable(dir)) {
            throw new StoreException("The data folder " + dir + " is read-only; Watchroom needs to write its database,"
                    + " clips and logs there. Nothing was changed.");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new StoreException("The database " + file + " is read-only; Watchroom needs to write to it."
                    + " Nothing was changed.");
        }
        return connect(dir, file, false, false);
    }

    /**
     * Opens the database that {@code <dataDir>} already holds, never creating the folder or the database. When the
     * file or its folder is read-only, the database is opened read-only: reading works, changing fails.
     *
     * @throws StoreException with one plain sentence when there is no such folder or database, or it is empty,
     *     damaged (left untouched) or in use
     */
    public static Database openExisting(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new StoreException(Files.exists(dir) ? "The data folder " + dir + " is a file, not a folder."
                    : "There is no data folder " + dir + " (check --data-dir); nothing was created.");
        }
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new StoreException("There is no Watchroom database in " + dir + " (no " + FILE_NAME
                    + "; check --data-dir, or start Watchroom once there); nothing was created.");
        }
        refuseEmptyOrForeign(file);
        boolean readOnly = !Files.isWritable(dir) || !Files.isWritable(file);
        return connect(dir, file, true, readOnly);
    }

    private static Database connect(Path dir, Path file, boolean mustExist, boolean readOnly) {
        String base = dir.resolve("watchroom").toString();
        // WRITE_DELAY=0: a commit returns once H2 has written it. With H2's default (written within a second, in
        // the background) a full disk went unnoticed by the committing thread and rows it had acknowledged were
        // lost (2,162 of 10,211 in a test); now the commit itself fails and the event writer keeps the row.
        String url = "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE;WRITE_DELAY=0"
                + (mustExist ? ";IFEXISTS=TRUE" : "")
                // a read-only folder cannot take H2's trace file either: H2 would print each failed write to stderr
                + (readOnly ? ";ACCESS_MODE_DATA=r;TRACE_LEVEL_FILE=0" : "");
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "watchroom", "");
        try {
            return new Database(file, url, readOnly, pool);
        } catch (RuntimeException e) {
            pool.dispose();
            throw new StoreException(whyNotOpened(dir, file, e), e);
        }
    }

    /** A 0-byte file or one that is no H2 file at all: H2 would replace the first and fail obscurely on the second. */
    private static void refuseEmptyOrForeign(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        String leftAlone = " It was left as it is: restore it from a backup, or move it away to start a new database.";
        if (!Files.isRegularFile(file)) {
            throw new StoreException(file + " is not a file." + leftAlone);
        }
        byte[] start;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(HEADER_BLOCK);
            size = Files.size(file);
        } catch (IOException e) {
            throw new StoreException("Cannot read the database " + file + ": " + reason(e), e);
        }
        if (start.length == 0) {
            throw new StoreException("The database " + file + " is empty (0 bytes)." + leftAlone);
        }
        if (start.length < HEADER.length || !Arrays.equals(Arrays.copyOf(start, HEADER.length), HEADER)) {
            throw new StoreException("The database " + file + " is damaged (it does not start like an H2 database"
                    + " file)." + leftAlone);
        }
        if (size < lastChunkEnd(start)) {
            // H2 would quietly fall back to an older chunk that survived, losing what came after it
            throw new StoreException("The database " + file + " is damaged (cut off: shorter than its header says)."
                    + leftAlone);
        }
    }

    /**
     * Where the last chunk the header names ends at the least: {@code (block + 1) × blockSize}, both hex in the
     * header's {@code key:value,…} text. 0 when the header does not say.
     */
    static long lastChunkEnd(byte[] header) {
        String text = new String(header, StandardCharsets.ISO_8859_1);
        int end = text.length();
        for (char stop : new char[] {'\n', '\0'}) {
            int at = text.indexOf(stop);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        long block = -1;
        long blockSize = -1;
        for (String field : text.substring(0, end).split(",")) {
            int colon = field.indexOf(':');
            if (colon < 0) {
                continue;
            }
            try {
                switch (field.substring(0, colon)) {
                    case "block" -> block = Long.parseLong(field.substring(colon + 1), 16);
                    case "blockSize" -> blockSize = Long.parseLong(field.substring(colon + 1), 16);
                    default -> { }
                }
            } catch (NumberFormatException e) {
                return 0; // a header H2 itself will judge
            }
        }
        return block < 0 || blockSize <= 0 || block > Long.MAX_VALUE / blockSize - 1 ? 0 : (block + 1) * blockSize;
    }

    private static String whyNotOpened(Path dir, Path file, RuntimeException e) {
        SQLException sql = sqlCause(e);
        int code = sql == null ? 0 : sql.getErrorCode();
        String leftAlone = " It was left as it is: restore it from a backup, or move it away to start a new database.";
        return switch (code) {
            case DATABASE_IN_USE -> "Cannot open the database in " + dir
                    + ": the database is already open in another Watchroom process.";
            case FILE_CORRUPTED, FILE_VERSION_ERROR -> "The database " + file + " is damaged." + leftAlone;
            case IO_EXCEPTION -> "Cannot read the database " + file + " (damaged, or not readable)." + leftAlone;
            case DATABASE_READ_ONLY -> "The database " + file + " is read-only and needs an upgrade to this version's"
                    + " schema; open it once where it can be written.";
            case DATABASE_NOT_FOUND -> "There is no Watchroom database in " + dir + "; nothing was created.";
            default -> "Cannot open the database in " + dir + ": " + (sql != null ? withoutSql(sql.getMessage())
                    : e.getMessage());
        };
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** H2's message without the statement it quotes (which may hold the values that were being written). */
    private static String withoutSql(String message) {
        if (message == null) {
            return "unknown error";
        }
        int sql = message.indexOf("; SQL statement:");
        return (sql >= 0 ? message.substring(0, sql) : message).strip();
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return String.valueOf(e.getMessage());
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
        if (closed.get()) {
            return;
        }
        JdbcConnectionPool old = pool;
        pool = JdbcConnectionPool.create(url, "watchroom", "");
        try {
            old.dispose();
        } catch (RuntimeException closedAlready) {
            // the connections belonged to a database H2 had closed itself
        }
    }

    /** True when the file or its folder could not be written and the database was opened read-only. */
    public boolean readOnly() { return readOnly; }

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
        try (Connection c = Driver.load().connect(url, credentials); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.warn("Shutting down the database {} failed", file, e);
        }
    }
}
