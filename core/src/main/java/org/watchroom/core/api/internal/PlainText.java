package org.watchroom.core.api.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the server's insides out of problem details: Jackson's messages are reworded without Java types,
 * and a detail that still looks like internals (a qualified class name, an exception, SQL, a source line) is
 * not sent at all ({@link ApiProblem} then says to look in the server's log).
 *
 * <p>Thread-safety: stateless.
 */
public final class PlainText {
    private static final Pattern INTERNALS = Pattern.compile(
            "\\b(java|javax|jakarta|org|com|io|kotlin|sun)(\\.[a-z0-9_]+)+\\.[A-Z]\\w*|[A-Za-z]Exception\\b|`"
                    + "|\\.java:\\d|\\bSQL|JdbcSQL|CHARACTER VARYING|\\bVALUES\\s*\\(|\\bINSERT INTO\\b|\\bUPDATE \\w+ SET\\b"
                    + "|\\bSELECT\\b.*\\bFROM\\b");
    private static final Pattern CLASS_NOTE = Pattern.compile("\\s*\\((?:class|through reference chain:)[^)]*\\)");
    private static final Pattern SOURCE_NOTE = Pattern.compile("\\s*(?:at )?\\[Source:[^\\]]*\\]");
    private static final Pattern QUOTED_TYPE = Pattern.compile("`([^`]*)`");

    private PlainText() {
    }

    /** Whether {@code text} names Java types, exceptions, SQL or source lines, and must not reach a client. */
    public static boolean showsInternals(String text) {
        return text != null && INTERNALS.matcher(text).find();
    }

    /**
     * Jackson's message in words a client can use: {@code Cannot deserialize value of type `double` from String}
     * becomes {@code ... value of type number from String}, and class names and source locations are dropped.
     */
    public static String fromJackson(String message) {
        if (message == null) {
            return "";
        }
        String text = SOURCE_NOTE.matcher(CLASS_NOTE.matcher(message).replaceAll("")).replaceAll("");
        Matcher quoted = QUOTED_TYPE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (quoted.find()) {
            quoted.appendReplacement(out, Matcher.quoteReplacement(typeWord(quoted.group(1))));
        }
        quoted.appendTail(out);
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    /** A Java type as the JSON it reads. */
    private static String typeWord(String javaType) {
        String raw = javaType.replaceAll("[\\[<].*", ""); // the container, not what it holds
        String simple = raw.substring(Math.max(raw.lastIndexOf('.'), raw.lastIndexOf('$')) + 1).toLowerCase(Locale.ROOT);
        return switch (simple) {
            case "string", "char", "character" -> "text";
            case "double", "float", "bigdecimal", "number" -> "number";
            case "int", "integer", "long", "short", "byte", "biginteger" -> "whole number";
            case "boolean" -> "true/false";
            case "list", "set", "collection", "arraylist" -> "array";
            case "map", "linkedhashmap", "hashmap", "objectnode", "jsonnode" -> "object";
            default -> "value";
        };
    }
}
