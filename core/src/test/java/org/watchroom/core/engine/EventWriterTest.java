package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.Waits;

/**
 * The writer's rules, with steps that fail the way a full disk makes them fail (FullDiskTest has the real disk):
 * a failed step is retried without running the steps before it again, order is kept, other failures skip their
 * write, and when too many writes wait, detections are refused before events.
 */
class EventWriterTest {
    @TempDir
    Path dir;

    private static RuntimeException diskFull() {
        return new UncheckedIOException(new IOException("No space left on device"));
    }

    @Test
    void aFailedStepIsRetriedAloneAndTheWritesBehindItKeepTheirOrder() throws Exception {
        try (Database db = Database.open(dir);
             EventWriter writer = new EventWriter(db, Duration.ofMillis(20), Duration.ofMillis(50))) {
            List<String> done = new CopyOnWriteArrayList<>();
            AtomicInteger attempts = new AtomicInteger();
            AtomicBoolean full = new AtomicBoolean(true);
            writer.submit(EventWriter.Kind.EVENT, () -> done.add("row"), () -> {
                attempts.incrementAndGet();
                if (full.get()) {
                    throw diskFull();
                }
                done.add("link");
            }, () -> done.add("publish"));
            writer.submit(EventWriter.Kind.EVENT, () -> done.add("next event"));

            Waits.until(Duration.ofSeconds(5), () -> writer.status().failing() && attempts.get() >= 3);
            assertThat(writer.status().problem()).isEqualTo("no space left on the data disk");
            assertThat(writer.status().pending()).isEqualTo(2);
            assertThat(done).containsExactly("row");

            full.set(false);
            Waits.until(Duration.ofSeconds(5), () -> writer.status().pending() == 0);
            assertThat(done).containsExactly("row", "link", "publish", "next event");
            assertThat(writer.status().failing()).isFalse();
            assertThat(writer.status().since()).isNull();
        }
    }

    @Test
    void aFailureThatIsNotTheStoragesSkipsItsWriteAndTheRestGoesOn() throws Exception {
        try (Database db = Database.open(dir);
             EventWriter writer = new EventWriter(db, Duration.ofMillis(20), Duration.ofMillis(50))) {
            List<String> done = new CopyOnWriteArrayList<>();
            writer.submit(EventWriter.Kind.EVENT, () -> {
                throw new IllegalStateException("a bug");
            }, () -> done.add("never"));
            writer.submit(EventWriter.Kind.EVENT, () -> done.add("after"));

            Waits.until(Duration.ofSeconds(5), () -> writer.status().pending() == 0);
            assertThat(done).containsExactly("after");
            assertThat(writer.status().failing()).isFalse();
        }
    }

    @Test
    void whenTooManyWaitDetectionsAreRefusedFirstThenEventsAndEveryRefusalIsCounted() throws Exception {
        try (Database db = Database.open(dir);
             EventWriter writer = new EventWriter(db, Duration.ofMillis(20), Duration.ofMillis(50))) {
            AtomicBoolean full = new AtomicBoolean(true);
            writer.submit(EventWriter.Kind.EVENT, () -> {
                if (full.get()) {
                    throw diskFull();
                }
            });
            Waits.until(Duration.ofSeconds(5), () -> writer.status().failing());
            for (int i = 1; i < EventWriter.DETECTIONS_LIMIT; i++) {
                assertThat(writer.submit(EventWriter.Kind.DETECTIONS, () -> { })).isTrue();
            }
            assertThat(writer.submit(EventWriter.Kind.DETECTIONS, () -> { })).isFalse();
            assertThat(writer.submit(EventWriter.Kind.MAINTENANCE, () -> { })).isFalse();
            while (writer.status().pending() < EventWriter.HARD_LIMIT) {
                assertThat(writer.submit(EventWriter.Kind.EVENT, () -> { })).isTrue();
            }
            assertThat(writer.submit(EventWriter.Kind.EVENT, () -> { })).isFalse();
            assertThat(writer.status().refused()).isEqualTo(3);

            full.set(false);
            Waits.until(Duration.ofSeconds(10), () -> writer.status().pending() == 0);
        }
    }

    @Test
    void closeWaitsForWhatIsQueuedWhileStorageWorks() throws Exception {
        try (Database db = Database.open(dir)) {
            EventWriter writer = new EventWriter(db);
            AtomicInteger written = new AtomicInteger();
            for (int i = 0; i < 100; i++) {
                writer.submit(EventWriter.Kind.EVENT, written::incrementAndGet);
            }
            writer.close(Duration.ofSeconds(10));
            assertThat(written).hasValue(100);
            assertThat(writer.submit(EventWriter.Kind.EVENT, written::incrementAndGet)).as("refused after close").isFalse();
        }
    }
}
