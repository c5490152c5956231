package org.watchroom.core.frame;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The other process of {@link SharedFrameProcessTest}: {@code write FILE WIDTH HEIGHT} publishes frames whose every
 * byte is {@link #expected(long, int)} until its standard input closes, then closes the ring;
 * {@code read FILE} pins the newest frame of the file, says which, and waits to be killed.
 *
 * <p>Thread-safety: a main class.
 */
public final class SharedFrameChild {
    private SharedFrameChild() {
    }

    /** The byte at offset {@code i} of frame {@code sequence}: differs between neighbours and between frames. */
    static byte expected(long sequence, int i) {
        return (byte) (sequence * 13 + i + (i >>> 8));
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "write" -> write(file, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "read" -> read(file);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void write(Path file, int width, int height) throws IOException, InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread.ofPlatform().daemon().start(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // until the parent closes our input
                }
            } catch (IOException e) {
                // as closed
            }
            running.set(false);
        });
        try (FrameRing ring = FrameRing.shared(file, 4, width, height, FileAccess.OWNER)) {
            System.out.println("READY");
            System.out.flush();
            long sequence = 1;
            while (running.get()) {
                ByteBuffer pixels = ring.beginWrite(width, height);
                if (pixels != null) {
                    for (int i = 0; i < pixels.limit(); i++) {
                        pixels.put(i, expected(sequence, i));
                    }
                    sequence = ring.publish(System.nanoTime()) + 1;
                }
                Thread.sleep(2);
            }
        }
        System.out.println("CLOSED");
        System.out.flush();
    }

    private static void read(Path file) throws IOException, InterruptedException {
        SharedFrameReader reader = SharedFrameReader.open(file, "child", false);
        FrameSlot slot;
        while ((slot = reader.acquireNewest()) == null) {
            Thread.sleep(1);
        }
        System.out.println("PINNED " + slot.index() + " " + slot.sequence());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // holding the pin until killed
    }
}
