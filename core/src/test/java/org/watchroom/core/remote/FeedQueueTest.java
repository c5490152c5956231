package org.watchroom.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.detect.DetectionResult;

class FeedQueueTest {
    private static WatchroomEvent.DetectionsReady detections(long sequence) {
        return new WatchroomEvent.DetectionsReady(new DetectionResult(1, "Gate", sequence, Instant.EPOCH, 640, 480,
                List.of(), List.of()));
    }

    private static WatchroomEvent.RecordingChanged other(long camera) {
        return new WatchroomEvent.RecordingChanged(camera);
    }

    @Test
    void whenFullTheOldestDetectionGoesFirstThenTheOldestOfAnything() throws Exception {
        FeedQueue queue = new FeedQueue(3);
        queue.offer(detections(1));
        queue.offer(other(1));
        queue.offer(detections(2));
        queue.offer(other(2)); // drops detections 1
        queue.offer(other(3)); // drops detections 2
        queue.offer(other(4)); // no detection left: drops other 1

        assertThat(queue.dropped()).isEqualTo(3);
        FeedQueue.Next first = queue.take();
        assertThat(first).isEqualTo(new FeedQueue.Next(other(2), 3));
        assertThat(queue.take()).isEqualTo(new FeedQueue.Next(other(3), 0));
        assertThat(queue.take()).isEqualTo(new FeedQueue.Next(other(4), 0));
        assertThat(queue.size()).isZero();
    }

    @Test
    void eventsLeaveInTheOrderTheyWerePublished() throws Exception {
        FeedQueue queue = new FeedQueue(10);
        List<WatchroomEvent> published = List.of(other(1), detections(1), detections(2), other(2), detections(3));
        published.forEach(queue::offer);
        for (WatchroomEvent event : published) {
            assertThat(queue.take().event()).isEqualTo(event);
        }
        assertThat(queue.dropped()).isZero();
    }

    @Test
    void closingWakesTheWriter() throws Exception {
        FeedQueue queue = new FeedQueue(2);
        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            queue.close();
        });
        assertThat(queue.take()).isNull();
        closer.join();
        queue.offer(other(1));
        assertThat(queue.size()).as("nothing queues after close").isZero();
    }
}
