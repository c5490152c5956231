package org.watchroom.core.testing;

import java.io.IOException;
import java.io.OutputStream;

/** Writes to one stream (the real stderr) and keeps a copy in another, for tests that read what was logged. */
public final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream copy;

    public Tee(OutputStream first, OutputStream copy) {
        this.first = first;
        this.copy = copy;
    }

    @Override
    public void write(int b) throws IOException {
        first.write(b);
        synchronized (copy) {
            copy.write(b);
        }
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        first.write(bytes, off, len);
        synchronized (copy) {
            copy.write(bytes, off, len);
        }
    }
}
