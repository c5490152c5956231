package org.watchroom.core.camera;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One thread that looks at every running {@link CameraSource} five times a second: no frame for
 * {@code stallAfter} → STALLED; still none after twice that → abort the connection so the source reconnects.
 * FFmpeg's {@code timeout} option alone does not cover every blocking call.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class Watchdog {
    private static final Watchdog SHARED = new Watchdog();

    private final Set<CameraSource> sources = ConcurrentHashMap.newKeySet();
    @GuardedBy("this")
    private ScheduledExecutorService timer;

    public static Watchdog shared() { return SHARED; }

    @SuppressWarnings("FutureReturnValueIgnored") // the check runs until the JVM exits; nobody cancels it
    synchronized void watch(CameraSource source) {
        sources.add(source);
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("camera-watchdog").daemon().factory());
            timer.scheduleWithFixedDelay(this::check, 200, 200, TimeUnit.MILLISECONDS);
        }
    }

    void unwatch(CameraSource source) { sources.remove(source); }

    private void check() {
        long now = System.nanoTime();
        for (CameraSource source : sources) {
            source.checkStall(now);
        }
    }
}
