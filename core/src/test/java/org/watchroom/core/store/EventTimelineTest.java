package org.watchroom.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.testing.People;

/** The timeline's window and hourly queries against a real H2 file. */
class EventTimelineTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    @TempDir
    Path dataDir;
    private Database db;
    private EventStore events;
    private EventTimeline timeline;
    private long gate;
    private long yard;

    @BeforeEach
    void open() {
        db = Database.open(dataDir);
        events = new EventStore(db);
        timeline = new EventTimeline(db);
        CameraStore cameras = new CameraStore(db);
        gate = cameras.add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN).id();
        yard = cameras.add(Camera.create("Yard", "rtsp://yard/1", null, null), People.ADMIN).id();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }

    private long event(long camera, String name, String label, Instant start, Instant end) {
        long id = events.create(new NewEvent(camera, name, label, start, 0.8f, null, null)).id();
        if (end != null) {
            events.end(id, end);
        }
        return id;
    }

    private void detections(long eventId, Instant... at) {
        List<NewDetection> list = new ArrayList<>();
        for (Instant t : at) {
            list.add(new NewDetection(t, new Detection("person", 0, 0.8f, new Box(1, 2, 3, 4), null), null));
        }
        new DetectionStore(db).addAll(eventId, list);
    }

    @Test
    void aDaysWindowHoldsEventsOverlappingItIncludingOneSpanningMidnightAndAnOngoingOne() {
        Instant dayStart = local("2026-06-10T00:00");
        Instant dayEnd = local("2026-06-11T00:00");
        long before = event(gate, "Gate", "person", local("2026-06-09T20:00"), local("2026-06-09T21:00"));
        long overMidnight = event(gate, "Gate", "car", local("2026-06-09T23:50"), local("2026-06-10T00:10"));
        long inside = event(yard, "Yard", "person", local("2026-06-10T12:00"), local("2026-06-10T12:01"));
        long intoNextDay = event(yard, "Yard", "face", local("2026-06-10T23:59"), local("2026-06-11T00:05"));
        long ongoing = event(gate, "Gate", "person", local("2026-06-10T18:00"), null);
        long endsExactlyAtStart = event(gate, "Gate", "person", local("2026-06-09T23:00"), dayStart);
        long nextDay = event(gate, "Gate", "person", dayEnd, local("2026-06-11T00:30"));
        new ReviewStore(db).confirm(inside, People.as("local"), null);

        TimelineWindow w = timeline.overlapping(dayStart, dayEnd, 100);

        assertThat(w.events()).extracting(TimelineEvent::id).containsExactly(overMidnight, inside, ongoing, intoNextDay);
        assertThat(w.capped()).isFalse();
        TimelineEvent confirmed = w.events().get(1);
        assertThat(confirmed.cameraId()).isEqualTo(yard);
        assertThat(confirmed.cameraName()).isEqualTo("Yard");
        assertThat(confirmed.status()).isEqualTo(EventStatus.CONFIRMED);
        assertThat(confirmed.peakScore()).isEqualTo(0.8f);
        assertThat(confirmed.endedAt()).isEqualTo(local("2026-06-10T12:01"));
        assertThat(w.events().get(2).ongoing()).isTrue();
        assertThat(List.of(before, endsExactlyAtStart, nextDay)).doesNotContainAnyElementsOf(
                w.events().stream().map(TimelineEvent::id).toList());
        // the previous day also shows the event that spans midnight
        assertThat(timeline.overlapping(local("2026-06-09T00:00"), dayStart, 100).events())
                .extracting(TimelineEvent::id).containsExactly(before, endsExactlyAtStart, overMidnight);
    }

    @Test
    void aWindowWithMoreEventsThanTheLimitIsCappedAndSaysSo() {
        Instant t = local("2026-06-10T08:00");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(event(gate, "Gate", "person", t.plusSeconds(i * 60L), t.plusSeconds(i * 60L + 30)));
        }
        TimelineWindow capped = timeline.overlapping(t, t.plusSeconds(3600), 3);
        assertThat(capped.capped()).isTrue();
        assertThat(capped.limit()).isEqualTo(3);
        assertThat(capped.events()).extracting(TimelineEvent::id).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(timeline.overlapping(t, t.plusSeconds(3600), 5).capped()).as("exactly the limit").isFalse();
        assertThatThrownBy(() -> timeline.overlapping(t, t, 10)).hasMessageContaining("start before its end");
        assertThatThrownBy(() -> timeline.overlapping(t, t.plusSeconds(1), 0)).hasMessageContaining("limit");
    }

    @Test
    void detectionsAreCountedPerLocalHourPerCamera() {
        long e1 = event(gate, "Gate", "person", local("2026-06-09T23:59"), local("2026-06-10T01:30"));
        detections(e1, local("2026-06-09T23:59:30"), local("2026-06-10T00:00"), local("2026-06-10T00:59:59"),
                local("2026-06-10T01:00"));
        long e2 = event(yard, "Yard", "person", local("2026-06-10T23:00"), local("2026-06-11T00:01"));
        detections(e2, local("2026-06-10T23:30"), local("2026-06-10T23:59:59.900"), local("2026-06-11T00:00"));

        HourlyDetections h = timeline.hourly(LocalDate.parse("2026-06-10"), BERLIN);

        assertThat(h.hourStarts()).hasSize(24);
        assertThat(h.hourStarts().getFirst()).isEqualTo(local("2026-06-10T00:00"));
        assertThat(h.cameras()).extracting(HourlyDetections.CameraHours::cameraName).containsExactly("Gate", "Yard");
        HourlyDetections.CameraHours g = h.cameras().get(0);
        assertThat(g.cameraId()).isEqualTo(gate);
        assertThat(g.counts().get(0)).as("00:00 and 00:59:59; not 23:59:30 of the day before").isEqualTo(2);
        assertThat(g.counts().get(1)).isEqualTo(1);
        assertThat(g.total()).isEqualTo(3);
        HourlyDetections.CameraHours y = h.cameras().get(1);
        assertThat(y.counts().get(23)).as("not the next day's midnight").isEqualTo(2);
        assertThat(y.total()).isEqualTo(2);
    }

    @Test
    void daylightSavingDaysHave23And25HourBucketsStartingAtLocalHours() {
        // Berlin: 29 Mar 2026 02:00 → 03:00 (23 h); 25 Oct 2026 03:00 → 02:00 (25 h)
        long spring = event(gate, "Gate", "person", local("2026-03-29T01:30"), local("2026-03-29T04:00"));
        detections(spring, local("2026-03-29T01:59"), local("2026-03-29T03:00"), local("2026-03-29T03:30"));
        HourlyDetections s = timeline.hourly(LocalDate.parse("2026-03-29"), BERLIN);
        assertThat(s.hourStarts()).hasSize(23);
        assertThat(s.hourStarts().get(2)).as("the hour after 01:00 starts at 03:00 local").isEqualTo(local("2026-03-29T03:00"));
        assertThat(s.cameras().getFirst().counts()).hasSize(23);
        assertThat(s.cameras().getFirst().counts().subList(0, 4)).containsExactly(0, 1, 2, 0);

        Instant firstTwo = Instant.parse("2026-10-25T00:30:00Z");  // 02:30 CEST
        Instant secondTwo = Instant.parse("2026-10-25T01:30:00Z"); // 02:30 CET, the repeated hour
        long autumn = event(yard, "Yard", "car", firstTwo, secondTwo.plusSeconds(600));
        detections(autumn, firstTwo, secondTwo, secondTwo.plusSeconds(60), local("2026-10-25T03:10"));
        HourlyDetections a = timeline.hourly(LocalDate.parse("2026-10-25"), BERLIN);
        assertThat(a.hourStarts()).hasSize(25);
        assertThat(a.hourStarts().get(3)).isEqualTo(Instant.parse("2026-10-25T01:00:00Z"));
        assertThat(a.hourStarts().get(4)).isEqualTo(local("2026-10-25T03:00"));
        assertThat(a.cameras().getFirst().counts().subList(1, 5)).containsExactly(0, 1, 2, 1);
    }
}
