package org.watchroom.core.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies {@code db/migration/V<n>__<name>.sql} scripts in order, once each, recording them in
 * {@code schema_version}. Each script runs in one transaction. See docs/decisions/0002-migrations.md for why
 * this is not Flyway.
 *
 * <p>Thread-safety: run once at start-up, before the database is shared.
 */
public final class MigrationRunner {
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([\\w-]+)\\.sql");
    private static final String ROOT = "/db/migration/";

    private MigrationRunner() {
    }

    /** Applies pending migrations and returns the schema version now in force. */
    public static int migrate(Jdbi jdbi) {
        jdbi.useHandle(h -> h.execute("""
                CREATE TABLE IF NOT EXISTS schema_version (
                    version INT PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)"""));
        Set<Integer> applied = Set.copyOf(jdbi.withHandle(h ->
                h.createQuery("SELECT version FROM schema_version").mapTo(Integer.class).list()));
        int current = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (String script : scripts()) {
            Matcher m = NAME.matcher(script);
            if (!m.matches()) {
                throw new IllegalStateException("Badly named migration " + script);
            }
            int version = Integer.parseInt(m.group(1));
            if (applied.contains(version)) {
                continue;
            }
            String sql = read(script);
            jdbi.useTransaction(h -> {
                h.createScript(sql).execute();
                h.createUpdate("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")
                        .bind(0, version).bind(1, m.group(2)).bind(2, OffsetDateTime.now()).execute();
            });
            current = Math.max(current, version);
        }
        return current;
    }

    private static List<String> scripts() {
        List<String> names = new ArrayList<>();
        for (String line : read("index.txt").split("\\R")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        names.sort((a, b) -> Integer.compare(version(a), version(b)));
        return names;
    }

    private static int version(String script) {
        Matcher m = NAME.matcher(script);
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static String read(String name) {
        try (InputStream in = MigrationRunner.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration resource " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read migration " + name, e);
        }
    }
}
