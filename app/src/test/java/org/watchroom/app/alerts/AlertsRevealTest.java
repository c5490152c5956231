package org.watchroom.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.app.wall.DirectTaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.EnginePorts;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.People;

/** Revealing an event in the alerts list (a click on the timeline), against a real H2 file, without a Stage. */
class AlertsRevealTest {
    @TempDir
    Path dataDir;
    private Database db;
    private Engine engine;
    private EventStore events;
    private AlertsViewModel alerts;

    @BeforeEach
    void open() {
        db = Database.open(dataDir);
        engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty());
        events = engine.events();
        alerts = new AlertsViewModel(EnginePorts.of(engine), Session.fixed(engine.database(), People.OPERATOR), new DirectTaskExecutor());
    }

    @AfterEach
    void close() {
        alerts.close();
        engine.close();
        db.close();
    }

    private long event(String camera, String label, Instant start) {
        return events.create(new NewEvent(null, camera, label, start, 0.7f, null, null)).id();
    }

    @Test
    void aListedEventIsSelectedAndTheFiltersStayAsTheyAre() {
        Instant now = Instant.now();
        long older = event("Gate", "person", now.minusSeconds(120));
        event("Gate", "person", now.minusSeconds(60));
        alerts.reload();
        alerts.reveal(older);
        assertThat(alerts.selectedProperty().get().id()).isEqualTo(older);
        assertThat(alerts.statusFilterProperty().get()).isEqualTo(EventStatus.PENDING);
    }

    @Test
    void aHiddenEventClearsOnlyTheFiltersThatHideItAndIsSelected() {
        Instant now = Instant.now();
        long old = event("Yard", "car", now.minus(Duration.ofDays(3)));
        engine.reviews().confirm(old, People.as("local"), "van");
        event("Yard", "car", now.minusSeconds(30));
        alerts.labelFilterProperty().set("car");
        alerts.timeRangeProperty().set(TimeRange.HOUR);
        alerts.reload();
        assertThat(alerts.alerts()).hasSize(1);

        alerts.reveal(old);

        assertThat(alerts.selectedProperty().get().id()).isEqualTo(old);
        assertThat(alerts.statusFilterProperty().get()).as("all statuses").isNull();
        assertThat(alerts.timeRangeProperty().get()).isEqualTo(TimeRange.ANY);
        assertThat(alerts.labelFilterProperty().get()).as("the label filter did not hide it").isEqualTo("car");
    }

    @Test
    void anEventThatIsGoneSaysSo() {
        alerts.reload();
        alerts.reveal(4242);
        assertThat(alerts.errorProperty().get()).isEqualTo("No event with id 4242.");
    }
}
