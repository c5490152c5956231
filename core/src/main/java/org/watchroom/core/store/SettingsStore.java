package org.watchroom.core.store;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The {@code settings} table: named text values for the whole installation (the REST API's address, port and
 * token first). Unknown names read as empty.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (it does I/O).
 */
public final class SettingsStore {
    private final Jdbi jdbi;

    public SettingsStore(Database database) {
        this.jdbi = database.jdbi();
    }

    public Optional<String> get(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT setting FROM settings WHERE name = ?").bind(0, name)
                .mapTo(String.class).findOne());
    }

    /** Stores {@code value} under {@code name}, replacing what was there. */
    public void put(String name, String value) {
        jdbi.useHandle(h -> h.createUpdate("MERGE INTO settings (name, setting, updated_at) KEY (name) VALUES (?, ?, ?)")
                .bind(0, name).bind(1, value).bind(2, OffsetDateTime.now()).execute());
    }

    /** Removes the setting; its default applies again. */
    public void remove(String name) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM settings WHERE name = ?").bind(0, name).execute());
    }

    /**
     * The value under {@code name}, storing {@code created} first when there is none. Two callers racing on a
     * fresh installation both get the value that won (the primary key refuses the second insert).
     */
    public String getOrCreate(String name, Supplier<String> created) {
        Optional<String> existing = get(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        String value = created.get();
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO settings (name, setting, updated_at) VALUES (?, ?, ?)")
                    .bind(0, name).bind(1, value).bind(2, OffsetDateTime.now()).execute());
            return value;
        } catch (UnableToExecuteStatementException lostTheRace) {
            return get(name).orElseThrow(() -> lostTheRace);
        }
    }
}
