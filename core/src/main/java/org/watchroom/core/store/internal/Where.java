package org.watchroom.core.store.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A WHERE clause built together with its bindings, one condition and its value in one call, so that a filter
 * cannot be written without its value or bound without its condition.
 *
 * <p>Thread-safety: not thread-safe; build and use it on one thread.
 */
public final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> bindings = new LinkedHashMap<>();

    /** Adds {@code condition}, which names {@code :name}, bound to {@code value}. */
    public Where and(String condition, String name, Object value) {
        conditions.add(condition);
        bindings.put(name, value);
        return this;
    }

    /** {@code " WHERE a AND b"}, or nothing when no condition was added. */
    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the conditions' values on {@code statement}. */
    public <T extends SqlStatement<T>> T bind(T statement) {
        bindings.forEach(statement::bind);
        return statement;
    }
}
