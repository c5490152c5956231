package org.watchroom.core.cli;

import org.watchroom.core.store.Database;

/**
 * A command's database: opened for it (and closed after), or the running engine's, which the command only borrows
 * when it runs inside the engine ({@link HostedCommands}).
 *
 * <p>Thread-safety: as {@link Database}.
 */
record OpenDatabase(Database database, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
        if (owned) {
            database.close();
        }
    }
}
