package org.watchroom.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.app.wall.DirectTaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.Box;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.EnginePorts;
import org.watchroom.core.event.Region;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventQuery;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.FrameSize;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.People;

/** Triage through the alerts ViewModel against a real H2 file, without a Stage. */
class AlertsViewModelTest {
    @TempDir
    Path dataDir;
    private Database db;
    private Engine engine;
    private EventStore events;
    private AuditLog audit;
    private AlertsViewModel alerts;
    private final Instant t0 = Instant.now().minus(Duration.ofMinutes(30));

    @BeforeEach
    void open() {
        db = Database.open(dataDir);
        engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty());
        events = engine.events();
        audit = new AuditLog(db.jdbi());
    }

    @AfterEach
    void close() {
        if (alerts != null) {
            alerts.close();
        }
        engine.close();
        db.close();
    }

    private List<Long> create(int n, String label) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(events.create(new NewEvent(null, "Gate", label, t0.plusSeconds(ids.size() + n * 0L + i), 0.7f, null, null)).id());
        }
        return ids;
    }

    private AlertsViewModel model() {
        return model(People.OPERATOR);
    }

    private AlertsViewModel model(Operator who) {
        alerts = new AlertsViewModel(EnginePorts.of(engine), Session.fixed(engine.database(), who), new DirectTaskExecutor());
        alerts.reload();
        return alerts;
    }

    private static List<Long> ids(List<Event> list) {
        return list.stream().map(Event::id).toList();
    }

    @Test
    void pendingNewestFirstConfirmDismissSelectTheNextAndAreAudited() {
        List<Long> ids = create(3, "person"); // ids[2] is the newest
        AlertsViewModel vm = model();
        assertThat(ids(vm.alerts())).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(vm.pendingCountProperty().get()).isEqualTo(3);
        assertThat(vm.selectedProperty().get().id()).isEqualTo(ids.get(2));

        vm.noteProperty().set("courier");
        vm.confirm(null);
        assertThat(vm.selectedProperty().get().id()).as("the next pending alert").isEqualTo(ids.get(1));
        assertThat(vm.noteProperty().get()).as("the note went with the confirm").isEmpty();
        assertThat(vm.noticeProperty().get()).as("a short confirmation").endsWith("· person. Z undoes.")
                .startsWith("Confirmed: ");
        vm.dismiss("cat");
        assertThat(vm.noticeProperty().get()).startsWith("Dismissed: ");
        assertThat(vm.selectedProperty().get().id()).isEqualTo(ids.get(0));
        assertThat(ids(vm.alerts())).containsExactly(ids.get(0));
        assertThat(vm.pendingCountProperty().get()).isEqualTo(1);

        Event confirmed = events.find(ids.get(2)).orElseThrow();
        assertThat(confirmed.status()).isEqualTo(EventStatus.CONFIRMED);
        assertThat(confirmed.reviewedBy()).isEqualTo(People.OPERATOR.userName());
        assertThat(confirmed.reviewedAt()).isNotNull();
        assertThat(confirmed.note()).isEqualTo("courier");
        assertThat(events.find(ids.get(1)).orElseThrow().status()).isEqualTo(EventStatus.DISMISSED);
        List<AuditEntry> rows = audit.about(Event.subject(ids.get(2)));
        assertThat(rows).extracting(AuditEntry::action).containsExactly("event.confirm");
        assertThat(rows.getFirst().actor()).isEqualTo(People.OPERATOR.userName());
        assertThat(rows.getFirst().detail()).isEqualTo("courier");
        assertThat(audit.about(Event.subject(ids.get(1)))).extracting(AuditEntry::action).containsExactly("event.dismiss");
    }

    @Test
    void undoRestoresThePreviousStatusAndTheListWithItsOwnAuditRow() {
        List<Long> ids = create(2, "person");
        AlertsViewModel vm = model();
        vm.confirm("intruder");
        assertThat(vm.undoableProperty().get()).isTrue();
        vm.undo();
        Event back = events.find(ids.get(1)).orElseThrow();
        assertThat(back.status()).isEqualTo(EventStatus.PENDING);
        assertThat(back.reviewedBy()).isNull();
        assertThat(back.note()).isNull();
        assertThat(back.hold()).isFalse();
        assertThat(ids(vm.alerts())).containsExactly(ids.get(1), ids.get(0));
        assertThat(vm.selectedProperty().get().id()).as("the restored alert is selected again").isEqualTo(ids.get(1));
        assertThat(vm.pendingCountProperty().get()).isEqualTo(2);
        assertThat(audit.about(Event.subject(ids.get(1)))).extracting(AuditEntry::action)
                .containsExactly("event.confirm", "event.undo");
        assertThat(audit.verify().ok()).isTrue();
        assertThat(vm.undoableProperty().get()).isFalse();
        vm.undo(); // nothing left: no-op
        assertThat(audit.about(Event.subject(ids.get(1)))).hasSize(2);
    }

    @Test
    void bulkDismissIsOneUndoableAction() {
        List<Long> ids = create(5, "car");
        AlertsViewModel vm = model();
        vm.selection().setAll(vm.alerts().subList(0, 3));
        vm.dismissSelected();
        assertThat(ids(vm.alerts())).containsExactly(ids.get(1), ids.get(0));
        assertThat(events.count(EventQuery.all().status(EventStatus.DISMISSED))).isEqualTo(3);
        assertThat(vm.pendingCountProperty().get()).isEqualTo(2);
        vm.undo();
        assertThat(events.count(EventQuery.all().status(EventStatus.PENDING))).isEqualTo(5);
        assertThat(vm.alerts()).hasSize(5);
        for (long id : ids.subList(2, 5)) {
            assertThat(audit.about(Event.subject(id))).extracting(AuditEntry::action)
                    .containsExactly("event.dismiss", "event.undo");
        }
    }

    @Test
    void filtersByStatusLabelCameraTimeAndNote() {
        List<Long> people = create(2, "person");
        List<Long> cars = create(2, "car");
        engine.reviews().dismiss(cars.get(0), People.as("guard"), "Delivery van");
        long old = events.create(new NewEvent(null, "Gate", "person", Instant.now().minus(Duration.ofDays(3)), 0.9f, null, null)).id();
        AlertsViewModel vm = model();
        assertThat(ids(vm.alerts())).containsExactlyInAnyOrder(people.get(0), people.get(1), cars.get(1), old);
        vm.labelFilterProperty().set("car");
        assertThat(ids(vm.alerts())).containsExactly(cars.get(1));
        vm.statusFilterProperty().set(null);
        assertThat(ids(vm.alerts())).containsExactly(cars.get(1), cars.get(0));
        vm.labelFilterProperty().set("");
        vm.noteSearchProperty().set("VAN");
        assertThat(ids(vm.alerts())).containsExactly(cars.get(0));
        vm.noteSearchProperty().set("");
        vm.timeRangeProperty().set(TimeRange.DAY);
        assertThat(ids(vm.alerts())).doesNotContain(old).hasSize(4);
        vm.timeRangeProperty().set(TimeRange.ANY);
        vm.statusFilterProperty().set(EventStatus.DISMISSED);
        assertThat(ids(vm.alerts())).containsExactly(cars.get(0));
        vm.cameraFilterProperty().set(12345L);
        assertThat(vm.alerts()).isEmpty();
        assertThat(vm.pendingCountProperty().get()).as("the badge ignores filters").isEqualTo(4);
    }

    @Test
    void aGuardClearsAQueueOfFiftyAlertsOneKeyEach() {
        create(50, "person");
        AlertsViewModel vm = model();
        assertThat(vm.alerts()).hasSize(50);
        for (int i = 0; i < 50; i++) {
            if (i % 3 == 0) {
                vm.confirm(null);
            } else {
                vm.dismiss(null);
            }
        }
        assertThat(vm.alerts()).isEmpty();
        assertThat(vm.pendingCountProperty().get()).isZero();
        assertThat(events.count(EventQuery.all().status(EventStatus.PENDING))).isZero();
        assertThat(events.count(EventQuery.all().status(EventStatus.CONFIRMED))).isEqualTo(17);
        assertThat(audit.recent(100)).filteredOn(a -> a.action().startsWith("event.")).hasSize(50);
    }

    @Test
    void followsTheBusNewAlertsAreFreshAndOthersReviewsDisappear() {
        AlertsViewModel vm = model();
        long id = events.create(new NewEvent(null, "Gate", "person", Instant.now(), 0.6f, null, null)).id();
        engine.bus().publish(new WatchroomEvent.EventStarted(id, -1, "Gate", "person", 0.6f, Instant.now(), false));
        assertThat(ids(vm.alerts())).containsExactly(id);
        assertThat(vm.fresh()).containsExactly(id);
        events.updatePeak(id, 0.95f, null, null);
        engine.bus().publish(new WatchroomEvent.EventUpdated(id, -1, 0.95f, null, "person"));
        assertThat(vm.alerts().getFirst().peakScore()).isEqualTo(0.95f);
        engine.reviews().dismiss(id, People.as("someone-else"), null); // publishes EventReviewed through engine.reviews()
        assertThat(vm.alerts()).isEmpty();
        assertThat(vm.pendingCountProperty().get()).isZero();
    }

    @Test
    void theOptionalChimeSoundsOncePerBurstOfNewAlertsAndOnlyWhenSwitchedOn() {
        AlertsViewModel vm = model();
        AtomicInteger chimes = new AtomicInteger();
        vm.setChime(chimes::incrementAndGet);
        long first = events.create(new NewEvent(null, "Gate", "person", Instant.now(), 0.6f, null, null)).id();
        engine.bus().publish(new WatchroomEvent.EventStarted(first, -1, "Gate", "person", 0.6f, Instant.now(), false));
        assertThat(chimes).as("off by default").hasValue(0);
        vm.soundProperty().set(true);
        for (int i = 0; i < 3; i++) {
            long id = events.create(new NewEvent(null, "Gate", "person", Instant.now(), 0.6f, null, null)).id();
            engine.bus().publish(new WatchroomEvent.EventStarted(id, -1, "Gate", "person", 0.6f, Instant.now(), false));
        }
        assertThat(chimes).as("three people at once: one chime").hasValue(1);
        assertThat(AlertChime.tones(new double[] {880, 660}, 0.12)).as("two tones, 16-bit mono")
                .hasSize(2 * (int) (AlertChime.RATE * 0.12) * 2);
    }

    @Test
    void jAndKMoveTheSelection() {
        List<Long> ids = create(3, "person");
        AlertsViewModel vm = model();
        vm.next();
        vm.next();
        assertThat(vm.selectedProperty().get().id()).isEqualTo(ids.get(0));
        vm.next();
        assertThat(vm.selectedProperty().get().id()).as("stays on the last").isEqualTo(ids.get(0));
        vm.previous();
        assertThat(vm.selectedProperty().get().id()).isEqualTo(ids.get(1));
    }

    @Test
    void sDismissesTheSelectedAlertAndSuppressesItsSpotAndUndoKeepsTheRegion() {
        Camera yard = engine.store().add(Camera.create("Yard",
                "lavfi:testsrc2=size=640x480:rate=5", null, null), People.ADMIN);
        long statue = events.create(new NewEvent(yard.id(), yard.name(), "person", t0, 0.8f,
                new Box(320, 240, 64, 120), null,
                new FrameSize(640, 480))).id();
        long other = create(1, "person").getFirst(); // newer, no camera
        AlertsViewModel operator = model();
        operator.select(events.find(statue).orElseThrow());
        operator.dismissAndSuppress("statue");
        assertThat(operator.errorProperty().get()).as("suppressing changes the camera's rules")
                .isEqualTo("olga (operator) may not change event rules or suppressions.");
        assertThat(events.find(statue).orElseThrow().status()).isEqualTo(EventStatus.PENDING);
        operator.close();

        AlertsViewModel vm = model(People.SUPERVISOR);
        vm.select(events.find(statue).orElseThrow());

        vm.dismissAndSuppress("statue");

        assertThat(events.find(statue).orElseThrow().status()).isEqualTo(EventStatus.DISMISSED);
        assertThat(ids(vm.alerts())).containsExactly(other);
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.noticeProperty().get()).startsWith("Suppressed person at x 50.0% y 50.0%, 10.0% x 25.0% on Yard");
        Region region = new Region(0.5, 0.5, 0.1, 0.25);
        assertThat(engine.suppressions(yard.id())).containsEntry("person", List.of(region));
        assertThat(audit.about(Event.subject(statue))).extracting(AuditEntry::action)
                .containsExactly("event.dismiss", "event.suppress");

        vm.undo();
        assertThat(events.find(statue).orElseThrow().status()).as("the dismiss is undone").isEqualTo(EventStatus.PENDING);
        assertThat(engine.suppressions(yard.id())).as("the region stays").containsEntry("person", List.of(region));

        // an alert whose box cannot be placed (no camera) is still dismissed, with the reason
        vm.select(events.find(other).orElseThrow());
        vm.dismissAndSuppress(null);
        assertThat(events.find(other).orElseThrow().status()).isEqualTo(EventStatus.DISMISSED);
        assertThat(vm.errorProperty().get()).startsWith("Dismissed, but not suppressed:");
    }
}
