package org.watchroom.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskGuardTest {
    @TempDir
    Path clips;

    @Test
    void pausesWhenSpaceRunsLowAndResumesWhenItReturns() {
        AtomicLong free = new AtomicLong(5L << 30);
        DiskGuard guard = new DiskGuard(clips, 1L << 30, dir -> free.get());
        assertThat(guard.mayRecord()).isTrue();
        assertThat(guard.alert()).isEmpty();
        free.set(200L << 20);
        // checked at most once a second while fine; wait for the next look
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (guard.mayRecord() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(guard.mayRecord()).isFalse();
        assertThat(guard.alert()).hasValueSatisfying(a -> assertThat(a).contains("200 MB free").contains("1024 MB"));
        free.set(2L << 30);
        assertThat(guard.mayRecord()).as("re-checked at once while paused").isTrue();
        assertThat(guard.alert()).isEmpty();
    }

    @Test
    void theRealFileSystemIsAskedAndAnAbsurdQuotaPausesRecording() {
        assertThat(new DiskGuard(clips, 1).mayRecord()).isTrue();
        DiskGuard impossible = new DiskGuard(clips, Long.MAX_VALUE);
        assertThat(impossible.mayRecord()).isFalse();
        assertThat(impossible.alert()).isPresent();
    }
}
