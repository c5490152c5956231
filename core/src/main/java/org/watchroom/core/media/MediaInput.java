package org.watchroom.core.media;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What FFmpeg needs to open one input, and what its error messages may say about it. The caller decides the
 * protocol's quirks (a camera adapts its URL: transport, timeouts, a device's input format); this package only
 * passes them on.
 *
 * <p>Thread-safety: immutable.
 *
 * @param target what {@code avformat_open_input} opens: a URL with its credentials, a file path, a lavfi graph or a
 *               device name. Never log or show it ({@link #toString()} does not).
 * @param format the input format to use (e.g. {@code lavfi}, {@code v4l2}), or {@code null} to let FFmpeg probe
 * @param options demuxer and protocol options ({@code rtsp_transport}, {@code timeout}, …), in order
 * @param address the input as messages may quote it: no password
 * @param network whether a failure may be passing (a camera reached over the network or a device): a missing stream
 *                or invalid data is then retried rather than final, and an I/O error may be an unknown host name
 * @param device whether {@code format} is one of FFmpeg's device library ({@link DeviceSupport})
 */
public record MediaInput(String target, String format, Map<String, String> options, String address, boolean network,
                         boolean device) {

    public MediaInput {
        Objects.requireNonNull(target);
        Objects.requireNonNull(address);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A local file (a clip, a recording's segment), opened as it is: no options, no forced format. */
    public static MediaInput file(Path file) {
        String path = file.toAbsolutePath().normalize().toString();
        return new MediaInput(path, null, Map.of(), path, false, false);
    }

    /** The address alone: the target may hold a password. */
    @Override
    public String toString() {
        return address;
    }
}
