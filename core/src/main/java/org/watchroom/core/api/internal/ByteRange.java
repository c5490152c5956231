package org.watchroom.core.api.internal;

/**
 * One HTTP byte range ({@code Range: bytes=first-last}, {@code bytes=first-}, {@code bytes=-suffix}) resolved
 * against a file length. Several ranges in one header are answered with the first only, which browsers' video
 * elements never ask for anyway.
 *
 * <p>A {@code bytes=} header that does not parse ({@code bytes=,}, {@code bytes=-}, {@code bytes=a-b},
 * {@code bytes=+1-2}) is refused with 416, which RFC 9110 (15.5.17) allows for invalid ranges, rather than
 * answered with the whole file: a client that asked for part of a file and got all of it may never notice.
 *
 * <p>Thread-safety: immutable.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
public record ByteRange(long first, long last) {
    private static final String UNIT = "bytes=";
    /** What {@link #number} says for an empty position and for one that is not a number. */
    private static final long NONE = -1;
    private static final long BAD = -2;

    public long length() { return last - first + 1; }

    /**
     * The range asked for, or null for the whole file (no header, or another unit than bytes, which RFC 9110
     * says to ignore); throws a 416 problem when it is malformed or starts past the end.
     */
    public static ByteRange parse(String header, long size) {
        if (header == null || !header.strip().regionMatches(true, 0, UNIT, 0, UNIT.length())) {
            return null;
        }
        String spec = firstRange(header.strip().substring(UNIT.length()));
        int dash = spec == null ? -1 : spec.indexOf('-');
        if (dash < 0) {
            throw unsatisfiable(size);
        }
        long a = number(spec.substring(0, dash).strip());
        String lastText = spec.substring(dash + 1).strip();
        if (a == NONE) {
            long suffix = number(lastText);
            if (suffix == NONE || suffix == BAD || suffix == 0 || size == 0) {
                throw unsatisfiable(size);
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long b = lastText.isEmpty() ? size - 1 : number(lastText);
        if (a == BAD || b == BAD || a >= size || b < a) {
            throw unsatisfiable(size);
        }
        return new ByteRange(a, Math.min(b, size - 1));
    }

    /** The first non-empty element of the range set (the grammar allows empty ones, as in {@code ,0-1}). */
    private static String firstRange(String set) {
        for (String part : set.split(",", -1)) {
            if (!part.isBlank()) {
                return part.strip();
            }
        }
        return null;
    }

    /**
     * A position: digits only (no sign, no spaces inside), {@link #NONE} when empty, {@link #BAD} otherwise.
     * A number too large for a long is past the end of any file, so it saturates instead of failing.
     */
    private static long number(String text) {
        if (text.isEmpty()) {
            return NONE;
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return BAD;
        }
        String digits = text.replaceFirst("^0+(?=.)", "");
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static ApiProblem unsatisfiable(long size) {
        return new ApiProblem(416, "Range not satisfiable",
                "The Range header asks for no valid part of the file, which has " + size + " bytes; send bytes=FIRST-LAST.");
    }
}
