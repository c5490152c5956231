package org.watchroom.core.evidence.internal;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.evidence.ExportCancelledException;
import org.watchroom.core.evidence.ExportOptions;
import org.watchroom.core.evidence.ManifestFile;

/**
 * The bytes of one export: copies files while hashing them, counts what is done against the total, tells the
 * progress callback after every chunk and stops with {@link ExportCancelledException} when cancelled.
 *
 * <p>Thread-safety: confined to the exporting thread.
 */
public final class Transfer {
    private final ExportOptions options;
    private final int passes;
    private long total;
    private long done;

    /**
     * @param sourceBytes what will be copied
     * @param passes      1, or 2 when every byte is read again for the zip
     */
    public Transfer(ExportOptions options, long sourceBytes, int passes) {
        this.options = options;
        this.passes = passes;
        this.total = sourceBytes * passes;
    }

    /** Copies {@code source} to {@code target} (new file) and returns its manifest entry under {@code path}. */
    public ManifestFile copy(Path source, Path target, String path) throws IOException {
        checkCancelled();
        Files.createDirectories(target.getParent());
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = counted(Files.newOutputStream(target, StandardOpenOption.CREATE_NEW))) {
            Sha256.Copied copied = Sha256.copy(in, out, Long.MAX_VALUE);
            return new ManifestFile(path, copied.bytes(), copied.sha256());
        }
    }

    /** Writes {@code bytes} as a new file (event JSON, manifest); adds them to the total. */
    public ManifestFile write(byte[] bytes, Path target, String path) throws IOException {
        checkCancelled();
        total += (long) bytes.length * passes;
        Files.createDirectories(target.getParent());
        try (OutputStream out = counted(Files.newOutputStream(target, StandardOpenOption.CREATE_NEW))) {
            Sha256.Copied copied = Sha256.copy(new ByteArrayInputStream(bytes), out, Long.MAX_VALUE);
            return new ManifestFile(path, copied.bytes(), copied.sha256());
        }
    }

    /** {@code out} counting what goes through it, for steps that write with their own loop (the zip). */
    public OutputStream counted(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                checkCancelled();
                out.write(b, off, len);
                advance(len);
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                advance(1);
            }
        };
    }

    public void checkCancelled() {
        if (options.cancelled().getAsBoolean()) {
            throw new ExportCancelledException();
        }
    }

    /** Counts work that is not a copy through this transfer (hashing sources, cutting recordings). */
    public void advance(long bytes) {
        done += bytes;
        options.progress().update(done, Math.max(done, total));
    }

    /** Adds work to the total that was not known when the transfer began. */
    public void grow(long bytes) {
        total += bytes;
    }

    public long done() {
        return done;
    }
}
