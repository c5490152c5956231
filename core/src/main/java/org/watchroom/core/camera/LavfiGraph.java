package org.watchroom.core.camera;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters a {@code lavfi:} camera may use: test patterns and a few harmless transforms. FFmpeg's filter graphs
 * can read and write the host's files ({@code movie}, {@code amovie}, {@code metadata=…:file=}, {@code sendcmd},
 * {@code life=filename=}), listen on sockets ({@code zmq}) or draw text from files ({@code drawtext=textfile=}), and
 * anyone allowed to change cameras could point them at any file the process can reach. So a graph is split into
 * its filters and every filter must be on a fixed list, every option written as {@code name=value} (positional
 * values would reach options by position: {@code life=/etc/passwd} names the file to read), no option may name a
 * file, and quotes and backslashes (FFmpeg's escaping, which would make this reading differ from FFmpeg's) are
 * refused. Picture sizes are capped so that a pattern cannot take the machine's memory.
 *
 * <p>Checked when a URL is parsed (store, command line, REST, workstation) and again by {@link CameraSource} before
 * it opens a source, for rows stored before the list existed.
 *
 * <p>Thread-safety: stateless.
 */
final class LavfiGraph {
    static final Set<String> SOURCES = Set.of("testsrc", "testsrc2", "smptebars", "smptehdbars", "rgbtestsrc",
            "yuvtestsrc", "pal75bars", "pal100bars", "color", "mandelbrot", "life", "cellauto", "gradients");
    static final Set<String> TRANSFORMS = Set.of("scale", "format", "fps", "drawgrid", "hue", "noise", "hflip", "vflip");
    /** The largest width or height a pattern or a scale may ask for (4K). */
    static final int MAX_SIDE = 4096;

    /** FFmpeg's escaping ({@code '}, {@code \}) and anything else a test pattern has no use for. */
    private static final Pattern ALLOWED_CHARACTERS = Pattern.compile("[A-Za-z0-9 _=:,;\\[\\]@.#+\\-*/()|]*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,6})x(\\d{1,6})");
    private static final String LIST = "testsrc, testsrc2, smptebars, smptehdbars, rgbtestsrc, yuvtestsrc, pal75bars, "
            + "pal100bars, color, mandelbrot, life, cellauto, gradients, and after them scale, format, fps, drawgrid, "
            + "hue, noise, hflip, vflip";

    private LavfiGraph() {
    }

    /** Why FFmpeg must not run {@code graph}; empty when every filter and option is allowed. */
    static Optional<String> refusal(String graph) {
        if (graph.isBlank()) {
            return Optional.of("A lavfi source needs a filter graph, e.g. lavfi:testsrc2=size=640x360:rate=15");
        }
        if (!ALLOWED_CHARACTERS.matcher(graph).matches()) {
            return Optional.of("A lavfi graph may only hold letters, digits, spaces and = : , ; [ ] @ . # + - * / ( ) | "
                    + "(no quotes or backslashes).");
        }
        for (String chain : graph.split(";", -1)) {
            for (String filter : chain.split(",", -1)) {
                Optional<String> refused = filterRefusal(filter);
                if (refused.isPresent()) {
                    return refused;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> filterRefusal(String text) {
        String filter = text.strip();
        while (filter.startsWith("[")) { // input labels
            int close = filter.indexOf(']');
            if (close < 0 || !LABEL.matcher(filter.substring(1, close)).matches()) {
                return Optional.of("A lavfi graph has a malformed [label].");
            }
            filter = filter.substring(close + 1).strip();
        }
        while (filter.endsWith("]")) { // output labels
            int open = filter.lastIndexOf('[');
            if (open < 0 || !LABEL.matcher(filter.substring(open + 1, filter.length() - 1)).matches()) {
                return Optional.of("A lavfi graph has a malformed [label].");
            }
            filter = filter.substring(0, open).strip();
        }
        if (filter.isEmpty()) {
            return Optional.of("A lavfi graph has an empty filter (two commas or semicolons in a row).");
        }
        if (filter.indexOf('[') >= 0 || filter.indexOf(']') >= 0) {
            return Optional.of("A lavfi graph may have [labels] only before or after a filter.");
        }
        int equals = filter.indexOf('=');
        String name = (equals < 0 ? filter : filter.substring(0, equals)).strip();
        int instance = name.indexOf('@'); // testsrc@one names an instance
        if (instance >= 0) {
            name = name.substring(0, instance).strip();
        }
        if (!SOURCES.contains(name) && !TRANSFORMS.contains(name)) {
            return Optional.of("The lavfi filter " + quoted(name) + " is not allowed: a lavfi camera may use only "
                    + LIST + ".");
        }
        return equals < 0 ? Optional.empty() : optionsRefusal(name, filter.substring(equals + 1));
    }

    private static Optional<String> optionsRefusal(String filter, String options) {
        for (String option : options.split(":", -1)) {
            int equals = option.indexOf('=');
            if (equals < 0) {
                return Optional.of("Write each option of lavfi filter '" + filter + "' as name=value (e.g. "
                        + "size=640x360): values by position are not accepted.");
            }
            String key = option.substring(0, equals).strip();
            String value = option.substring(equals + 1).strip();
            if (key.equals("f") || key.contains("file") || key.contains("path") || !NAME.matcher(key).matches()) {
                return Optional.of("The lavfi option " + quoted(key) + " of filter '" + filter + "' is not allowed: "
                        + "options that name files are refused.");
            }
            boolean sized = SOURCES.contains(filter) || filter.equals("scale"); // hue's s is saturation
            if (sized && (key.equals("size") || key.equals("s")) && !sizeFits(value)) {
                return Optional.of("The lavfi option '" + key + "' of filter '" + filter + "' must be WIDTHxHEIGHT, "
                        + "each at most " + MAX_SIDE + " (e.g. 640x360).");
            }
            if (filter.equals("scale") && Set.of("w", "h", "width", "height").contains(key) && !sideFits(value)) {
                return Optional.of("The lavfi option '" + key + "' of filter 'scale' must be a whole number from -2 to "
                        + MAX_SIDE + ".");
            }
        }
        return Optional.empty();
    }

    private static boolean sizeFits(String value) {
        Matcher size = SIZE.matcher(value);
        return size.matches() && Integer.parseInt(size.group(1)) <= MAX_SIDE && Integer.parseInt(size.group(2)) <= MAX_SIDE
                && Integer.parseInt(size.group(1)) > 0 && Integer.parseInt(size.group(2)) > 0;
    }

    private static boolean sideFits(String value) {
        if (!value.matches("-?\\d{1,6}")) {
            return false;
        }
        int side = Integer.parseInt(value);
        return side >= -2 && side <= MAX_SIDE;
    }

    /** The name in quotes when it is a plain name; typed text of any other shape is not repeated. */
    private static String quoted(String name) {
        return NAME.matcher(name).matches() ? "'" + name + "'" : "(as typed)";
    }
}
