package org.watchroom.core.store;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Tells a failure of the storage (a full or failing disk, the database closed by H2 after such a failure) from
 * other failures (a bug, a constraint): the first kind is worth retrying once storage works again, the second is not.
 *
 * <p>Thread-safety: stateless.
 */
public final class StorageFailures {
    private static final int GENERAL_ERROR = 50000; // H2 wraps its store's write failures in it
    private static final int IO_EXCEPTION_1 = 90028;
    private static final int FILE_CORRUPTED = 90030;
    private static final int IO_EXCEPTION_2 = 90031;
    private static final int DATABASE_IS_CLOSED = 90098;
    private static final int OUT_OF_MEMORY_OR_DISK = 90108;

    private StorageFailures() {
    }

    /** Whether {@code error}, or anything in its cause chain, says the disk or the database file failed. */
    public static boolean isStorageFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) {
                return true;
            }
            if (t instanceof SQLException sql) {
                int code = sql.getErrorCode();
                if (code == IO_EXCEPTION_1 || code == IO_EXCEPTION_2 || code == FILE_CORRUPTED
                        || code == DATABASE_IS_CLOSED || code == OUT_OF_MEMORY_OR_DISK
                        || (code == GENERAL_ERROR && String.valueOf(sql.getMessage()).contains("MVStoreException"))) {
                    return true;
                }
            }
            if (String.valueOf(t.getMessage()).contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    /** One line for people: what failed, without SQL or class names. */
    public static String describe(Throwable error) {
        boolean closed = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("No space left on device")) {
                return "no space left on the data disk";
            }
            closed |= t instanceof SQLException sql && sql.getErrorCode() == DATABASE_IS_CLOSED;
        }
        return closed ? "the database closed itself after a failed write" : "the database cannot write to its file";
    }
}
