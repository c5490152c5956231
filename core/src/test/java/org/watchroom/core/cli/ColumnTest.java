package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The limits the command line checks are the sizes the migrations give the columns, read from the scripts. */
class ColumnTest {
    private static final Pattern TABLE = Pattern.compile("(?:CREATE TABLE|ALTER TABLE) (\\w+)");
    private static final Pattern COLUMN = Pattern.compile("^\\s*(?:ADD COLUMN\\s+)?(\\w+)\\s+VARCHAR\\((\\d+)\\)",
            Pattern.MULTILINE);

    @Test
    void everyLimitIsTheColumnSizeInTheMigrations() throws IOException {
        Map<String, Integer> sizes = declaredSizes();
        for (Column column : Column.values()) {
            assertThat(sizes.get(column.table() + "." + column.column())).as(column.name()).isEqualTo(column.size());
        }
    }

    /** {@code table.column} → VARCHAR size, over every script in index.txt, later scripts winning. */
    private static Map<String, Integer> declaredSizes() throws IOException {
        Map<String, Integer> sizes = new HashMap<>();
        for (String script : resource("index.txt").split("\\R")) {
            if (script.isBlank()) {
                continue;
            }
            for (String statement : resource(script.strip()).split(";")) {
                Matcher table = TABLE.matcher(statement);
                if (!table.find()) {
                    continue;
                }
                Matcher column = COLUMN.matcher(statement.replace("ALTER TABLE " + table.group(1), ""));
                while (column.find()) {
                    sizes.put(table.group(1).toLowerCase(Locale.ROOT) + "." + column.group(1).toLowerCase(Locale.ROOT),
                            Integer.parseInt(column.group(2)));
                }
            }
        }
        assertThat(sizes).as("the scripts were read").containsKey("cameras.name");
        return sizes;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ColumnTest.class.getResourceAsStream("/db/migration/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
