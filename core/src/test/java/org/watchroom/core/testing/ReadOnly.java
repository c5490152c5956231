package org.watchroom.core.testing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes files and folders read-only for this process, and writable again on {@link #close}. Taking the write
 * bits away is enough for a normal user; root writes anyway, so there the paths are also made immutable with
 * {@code chattr +i} (which binds root too). Where neither works the test is aborted, not passed.
 */
public final class ReadOnly implements AutoCloseable {
    private static final Set<PosixFilePermission> WRITE = EnumSet.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private final Deque<Path> immutable = new ArrayDeque<>();
    private final Deque<Path> unwritable = new ArrayDeque<>();

    private ReadOnly() {
    }

    /** {@code paths} read-only, in the order given (a folder before the files in it). */
    public static ReadOnly make(Path... paths) throws IOException, InterruptedException {
        ReadOnly readOnly = new ReadOnly();
        try {
            for (Path p : paths) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
                permissions.removeAll(WRITE);
                Files.setPosixFilePermissions(p, permissions);
                readOnly.unwritable.push(p);
                if (Files.isWritable(p) && chattr("+i", p)) {
                    readOnly.immutable.push(p);
                }
                if (Files.isWritable(p)) {
                    readOnly.close();
                    Assumptions.abort("cannot make " + p + " read-only for this user here (root without chattr)");
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            readOnly.close();
            throw e;
        }
        return readOnly;
    }

    @Override
    public void close() throws IOException {
        // InterruptedIOException: a try-with-resources must not swallow an interrupt as a suppressed exception
        try {
            while (!immutable.isEmpty()) {
                chattr("-i", immutable.pop());
            }
            while (!unwritable.isEmpty()) {
                Path p = unwritable.pop();
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
                permissions.add(PosixFilePermission.OWNER_WRITE);
                Files.setPosixFilePermissions(p, permissions);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while making the paths writable again");
        }
    }

    private static boolean chattr(String flag, Path p) throws IOException, InterruptedException {
        try {
            Process chattr = new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true).start();
            chattr.getInputStream().readAllBytes();
            return chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0;
        } catch (IOException noChattr) {
            return false;
        }
    }
}
