package org.watchroom.core.api.internal;

/**
 * One HTTP byte range ({@code Range: bytes=first-last}, {@code bytes=first-}, {@code bytes=-suffix}) resolved
 * against a file length. Several ranges in one header are answered with the first only, which browsers' video
 * elements never ask for anyway.
 *
 * <p>Thread-safety: immutable.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
public record ByteRange(long first, long last) {

    public long length() { return last - first + 1; }

    /**
     * The range asked for, or null for the whole file (no header or one we do not understand, as RFC 9110
     * allows); throws a 416 problem when it starts past the end.
     */
    public static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=")) {
            return null;
        }
        String spec = header.substring(6).split(",")[0].strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    throw unsatisfiable(size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first >= size || last < first) {
                throw unsatisfiable(size);
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ApiProblem unsatisfiable(long size) {
        return new ApiProblem(416, "Range not satisfiable", "The file has " + size + " bytes.");
    }
}
