package org.watchroom.core.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.JdbiException;
import org.watchroom.core.redaction.Redaction;
import org.watchroom.core.store.StoreException;

/**
 * What the command line prints when a command throws: one line, never a stack trace, never SQL, never a typed
 * value whole, never a camera password; and the exit code. Bad input ({@link IllegalArgumentException} and the
 * other refusals of what was typed) exits 2 as picocli's usage errors do; the database, files and disks failing
 * exit 1.
 *
 * <p>Thread-safety: immutable.
 *
 * @param exitCode 1 for failures, 2 for refused input
 * @param text the line, without the {@code watchroom: } prefix
 */
record FailureLine(int exitCode, String text) {
    /** Longest line printed; longer ones are cut (a message may quote paths or lists of names). */
    static final int MAX_LENGTH = 600;
    /** A run of this many characters without a blank is a typed value (a 10 kB name), not prose: it is cut. */
    static final int MAX_WORD = 250;
    private static final Pattern SQL_MARKERS = Pattern.compile("org\\.h2\\.|SQL statement|\\[\\d{5}-\\d+]|jdbc",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LONG_WORD = Pattern.compile("\\S{" + (MAX_WORD + 1) + ",}");
    private static final Pattern TOO_LONG_COLUMN = Pattern.compile("column \"(\\w+) [A-Z ]*\\((\\d+)\\)\"");
    private static final int VALUE_TOO_LONG = 22001;
    private static final int DUPLICATE_KEY = 23505;
    private static final int DATABASE_READ_ONLY = 90097;
    private static final int DATABASE_IN_USE = 90020;

    /** @param dataDir the data folder the command used, named where the database failed; may be null */
    static FailureLine of(Throwable e, Path dataDir) {
        SQLException sql = cause(e, SQLException.class);
        String message = e.getMessage();
        boolean plain = message != null && !message.isBlank() && !SQL_MARKERS.matcher(message).find();
        String text = plain ? message : sql != null ? describe(sql, dataDir) : String.valueOf(message == null
                ? e.getClass().getSimpleName() : message);
        boolean failure = e instanceof StoreException || e instanceof JdbiException || sql != null
                || e instanceof UncheckedIOException;
        return new FailureLine(failure ? 1 : 2, oneLine(text));
    }

    /** H2's error in words, from its code: its message quotes the statement and the values being written. */
    static String describe(SQLException sql, Path dataDir) {
        String where = dataDir == null ? "" : " in " + dataDir;
        return switch (sql.getErrorCode()) {
            case DATABASE_READ_ONLY -> "The database" + where + " is read-only; nothing was changed.";
            case DATABASE_IN_USE -> "The database" + where + " is already open in another Watchroom process; nothing was changed.";
            case DUPLICATE_KEY -> "That already exists in the database; nothing was changed.";
            case VALUE_TOO_LONG -> {
                Matcher m = TOO_LONG_COLUMN.matcher(String.valueOf(sql.getMessage()));
                yield m.find() ? "A value is too long for the database (" + m.group(1).toLowerCase(Locale.ROOT)
                        + " holds at most " + m.group(2) + " characters); nothing was changed."
                        : "A value is too long for the database; nothing was changed.";
            }
            default -> "The database refused the command (H2 error " + sql.getErrorCode() + ").";
        };
    }

    /** Passwords redacted, control characters and line breaks gone, long values and long lines cut. */
    static String oneLine(String text) {
        String flat = Redaction.redact(text).replaceAll("[\\r\\n\\t]+", " ").codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        Matcher words = LONG_WORD.matcher(flat);
        StringBuilder cut = new StringBuilder();
        while (words.find()) {
            String word = words.group();
            words.appendReplacement(cut, Matcher.quoteReplacement(Inputs.cut(word)));
        }
        words.appendTail(cut);
        return cut.length() <= MAX_LENGTH ? cut.toString() : cut.substring(0, MAX_LENGTH) + "…";
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
