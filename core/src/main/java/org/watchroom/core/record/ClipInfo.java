package org.watchroom.core.record;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A finished clip.
 *
 * @param path the MP4 file
 * @param startedAt wall time at which its first packet (a keyframe) arrived
 * @param duration media duration, from the first timestamp (0) to the end of the last packet
 * @param bytes file size
 * @param sha256 lower-case hex SHA-256 of the file
 * @param codec FFmpeg name of the video codec in the file
 * @param streamCopied true when packets were copied as they came; false when the source was re-encoded
 * @param eventIds the events the clip covers, in the order they started
 */
public record ClipInfo(Path path, Instant startedAt, Duration duration, long bytes, String sha256, String codec,
                       boolean streamCopied, List<Long> eventIds) {

    public ClipInfo {
        eventIds = List.copyOf(eventIds);
    }

    public ClipInfo withSha256(String hash) {
        return new ClipInfo(path, startedAt, duration, bytes, hash, codec, streamCopied, eventIds);
    }

    public ClipInfo withEventIds(List<Long> ids) {
        return new ClipInfo(path, startedAt, duration, bytes, sha256, codec, streamCopied, ids);
    }
}
