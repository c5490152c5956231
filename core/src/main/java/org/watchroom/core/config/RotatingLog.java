package org.watchroom.core.config;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Log file with size-based rotation: {@code watchroom.log} grows to {@code maxBytes}, then becomes
 * {@code watchroom.1.log} (older ones shift up, the oldest beyond {@code keep} is deleted) and a fresh file
 * starts. {@link #install} tees {@code System.err} — where slf4j-simple writes — into it, so a control-room PC
 * keeps its history without filling the disk. Log lines are already free of passwords (see {@code Redaction}).
 *
 * <p>Thread-safety: writes are serialised on this object.
 */
public final class RotatingLog extends OutputStream {
    @GuardedBy("RotatingLog.class")
    private static boolean installed;

    private final Path dir;
    private final long maxBytes;
    private final int keep;
    @GuardedBy("this")
    private OutputStream out;
    @GuardedBy("this")
    private long written;

    public RotatingLog(Path dir, long maxBytes, int keep) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.keep = keep;
        Files.createDirectories(dir);
        open();
    }

    /**
     * Logs of this process also go to {@code <dataDir>/logs/watchroom.log} (10 MB × 5 files). Once per process:
     * the first data dir wins.
     */
    public static synchronized void install(Path dataDir) {
        if (installed) {
            return;
        }
        installed = true;
        try {
            RotatingLog file = new RotatingLog(dataDir.resolve("logs"), 10L << 20, 5);
            PrintStream console = System.err;
            System.setErr(new PrintStream(new Tee(console, file), true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.err.println("watchroom: cannot write log files in " + dataDir.resolve("logs") + ": " + e.getMessage());
        }
    }

    public Path current() { return dir.resolve("watchroom.log"); }

    @GuardedBy("this")
    private void open() throws IOException {
        out = Files.newOutputStream(current(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        written = Files.size(current());
    }

    @GuardedBy("this")
    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(dir.resolve("watchroom." + keep + ".log"));
        for (int i = keep - 1; i >= 1; i--) {
            Path older = dir.resolve("watchroom." + i + ".log");
            if (Files.exists(older)) {
                Files.move(older, dir.resolve("watchroom." + (i + 1) + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(current(), dir.resolve("watchroom.1.log"), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (written > 0 && written + len > maxBytes) {
            rotate();
        }
        out.write(b, off, len);
        written += len;
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** Writes to both; a failing file never silences the console. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream file;

        Tee(OutputStream console, OutputStream file) {
            this.console = console;
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            console.write(b);
            try {
                file.write(b);
            } catch (IOException ignored) {
                // disk full or gone: the console still has it
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            try {
                file.write(b, off, len);
            } catch (IOException ignored) {
                // as above
            }
        }

        @Override
        public void flush() throws IOException {
            console.flush();
            try {
                file.flush();
            } catch (IOException ignored) {
                // as above
            }
        }
    }
}
