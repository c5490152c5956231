package org.watchroom.core.cli;

/**
 * The sizes of the text columns that command-line values go into, as declared in
 * {@code core/src/main/resources/db/migration} (a test reads the scripts and keeps these equal). Checking them
 * before a store is called turns a 10 kB argument into a plain sentence instead of H2's error with its SQL.
 *
 * <p>Thread-safety: immutable.
 */
enum Column {
    CAMERA_NAME("cameras", "name", 200),
    CAMERA_URL("cameras", "url", 2000),
    CAMERA_SUB_URL("cameras", "sub_url", 2000),
    CAMERA_USERNAME("cameras", "username", 200),
    CAMERA_PASSWORD("cameras", "password", 500),
    CAMERA_LOCATION("cameras", "location", 500),
    USER_NAME("users", "user_name", 64),
    USER_DISPLAY_NAME("users", "display_name", 200),
    SETTING_NAME("settings", "name", 100),
    SETTING_VALUE("settings", "setting", 4000);

    private final String table;
    private final String column;
    private final int size;

    Column(String table, String column, int size) {
        this.table = table;
        this.column = column;
        this.size = size;
    }

    String table() { return table; }

    String column() { return column; }

    /** Characters the column holds ({@code VARCHAR(size)}). */
    int size() { return size; }
}
