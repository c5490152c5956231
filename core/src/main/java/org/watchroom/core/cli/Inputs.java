package org.watchroom.core.cli;

/**
 * Checks typed values before they reach a store, and quotes them back in messages without echoing a 10 kB
 * argument or a terminal escape sequence whole.
 *
 * <p>Thread-safety: stateless.
 */
final class Inputs {
    /** Longest piece of a typed value that a message quotes back. */
    static final int QUOTED = 60;
    /** Longest host name DNS allows; an address beyond it can only be a mistake. */
    static final int MAX_ADDRESS = 253;

    private Inputs() {
    }

    /**
     * {@code value} when it has no control characters (line breaks, tabs, escapes) and fits {@code limit}; null
     * stays null.
     *
     * @throws IllegalArgumentException naming {@code what} (an option, e.g. {@code --name}) and the limit
     */
    static String text(String what, String value, Column limit) {
        if (value == null) {
            return null;
        }
        refuseControlCharacters(what, value);
        if (value.length() > limit.size()) {
            throw new IllegalArgumentException(what + " is " + value.length() + " characters long; at most "
                    + limit.size() + " fit.");
        }
        return value;
    }

    /** Like {@link #text} for a secret: the message never quotes it. */
    static void secret(String what, String value, Column limit) {
        if (value != null && value.length() > limit.size()) {
            throw new IllegalArgumentException(what + " is longer than the " + limit.size() + " characters that fit.");
        }
    }

    /** A listening address (host name or IP literal): no blanks, no control characters, at most 253 characters. */
    static String address(String what, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must name an address, e.g. 127.0.0.1");
        }
        refuseControlCharacters(what, value);
        if (value.length() > MAX_ADDRESS || value.strip().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " " + quote(value) + " is not an address (a host name or IP of"
                    + " at most " + MAX_ADDRESS + " characters, e.g. 127.0.0.1).");
        }
        return value;
    }

    static void refuseControlCharacters(String what, String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must not contain control characters (line breaks, tabs,"
                    + " escapes).");
        }
    }

    /** {@code 'value'} for a message: control characters dropped, a long value cut with its length said. */
    static String quote(String value) {
        String v = value == null ? "" : value;
        String printable = printable(v);
        return printable.length() <= QUOTED ? "'" + printable + "'"
                : "'" + head(printable) + "…' (" + v.length() + " characters)";
    }

    /** {@code value} without control characters, and when long its first characters with its length said. */
    static String cut(String value) {
        String printable = printable(value);
        return printable.length() <= QUOTED ? printable : head(printable) + "…(" + value.length() + " characters)";
    }

    private static String printable(String value) {
        return value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static String head(String printable) {
        int end = Character.isHighSurrogate(printable.charAt(QUOTED - 1)) ? QUOTED - 1 : QUOTED; // never half a character
        return printable.substring(0, end);
    }
}
