package org.watchroom.core.record.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The top-level boxes of a fragmented MP4 as {@code ClipWriter} writes it ({@code ftyp}, {@code moov}, then a
 * {@code moof} + {@code mdat} pair per fragment, {@code mfra} at the end): where the last complete fragment ends.
 * A process killed while writing leaves a file whose tail is a fragment cut short; {@link #truncate} cuts it off so
 * that the file ends on a whole box, as the players and the hash chain expect.
 *
 * <p>Thread-safety: stateless.
 */
public final class Mp4Fragments {
    private Mp4Fragments() {
    }

    /**
     * The length of the longest prefix of {@code file} that is whole boxes and ends after a complete fragment (or
     * after the trailing {@code mfra}); 0 when not even the header and one fragment are complete.
     */
    public static long completeLength(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(16);
            long pos = 0;
            long good = 0;
            boolean moov = false;
            boolean moofPending = false;
            while (pos + 8 <= size) {
                header.clear().limit(8);
                read(ch, header, pos);
                long boxSize = Integer.toUnsignedLong(header.getInt(0));
                String type = new String(new byte[] {header.get(4), header.get(5), header.get(6), header.get(7)},
                        StandardCharsets.ISO_8859_1);
                int headerSize = 8;
                if (boxSize == 1) {
                    if (pos + 16 > size) {
                        break;
                    }
                    header.clear().limit(8);
                    read(ch, header, pos + 8);
                    boxSize = header.getLong(0);
                    headerSize = 16;
                }
                if (boxSize < headerSize || pos + boxSize > size) {
                    break; // 0 ("to the end": never written by the muxer) or cut short
                }
                pos += boxSize;
                switch (type) {
                    case "moov" -> moov = true;
                    case "moof" -> moofPending = true;
                    case "mdat" -> {
                        if (moov && moofPending) {
                            good = pos;
                        }
                        moofPending = false;
                    }
                    case "mfra" -> {
                        if (moov && !moofPending) {
                            good = pos;
                        }
                    }
                    default -> { } // ftyp, free, sidx, ...
                }
            }
            return good;
        }
    }

    /** Cuts {@code file} to {@link #completeLength}; returns the bytes removed. */
    public static long truncate(Path file) throws IOException {
        long keep = completeLength(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long before = ch.size();
            if (keep < before) {
                ch.truncate(keep);
                ch.force(true);
            }
            return before - Math.min(keep, before);
        }
    }

    private static void read(FileChannel ch, ByteBuffer buffer, long at) throws IOException {
        long p = at;
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, p);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            p += n;
        }
    }
}
