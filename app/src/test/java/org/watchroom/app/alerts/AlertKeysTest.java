package org.watchroom.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.app.keys.Shortcut;
import org.watchroom.app.wall.DirectTaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.EnginePorts;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventQuery;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.People;

/** The alerts list's key table: which key does what, and the help line written from the same rows. */
class AlertKeysTest {
    @TempDir
    Path dataDir;
    private Database db;
    private Engine engine;
    private EventStore events;
    private AlertsViewModel model;
    private final AtomicInteger picked = new AtomicInteger(1);
    private final AtomicInteger exports = new AtomicInteger();
    private final List<KeyCode> others = new ArrayList<>();
    private AlertKeys keys;

    @BeforeEach
    void open() {
        db = Database.open(dataDir);
        engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty());
        events = engine.events();
        Instant t0 = Instant.now().minus(Duration.ofMinutes(10));
        for (int i = 0; i < 4; i++) {
            events.create(new NewEvent(null, "Gate", "person", t0.plusSeconds(i), 0.7f, null, null));
        }
        model = new AlertsViewModel(EnginePorts.of(engine), Session.fixed(db, People.SUPERVISOR), new DirectTaskExecutor());
        model.reload();
        keys = new AlertKeys(model, picked::get, exports::incrementAndGet);
    }

    @AfterEach
    void close() {
        model.close();
        engine.close();
        db.close();
    }

    private static KeyEvent key(KeyCode code, boolean shift, boolean control, boolean alt) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, control, alt, false);
    }

    private boolean press(KeyCode code, boolean shift, boolean control, boolean alt) {
        return keys.handle(key(code, shift, control, alt), e -> others.add(e.getCode()) && e.getCode() == KeyCode.SPACE);
    }

    private long count(EventStatus status) {
        return events.count(EventQuery.all().status(status));
    }

    @Test
    void eachKeyDoesWhatItsRowSays() {
        long newest = model.selectedProperty().get().id();
        assertThat(press(KeyCode.J, false, false, false)).isTrue();
        assertThat(model.selectedProperty().get().id()).isNotEqualTo(newest);
        assertThat(press(KeyCode.K, false, false, false)).isTrue();
        assertThat(model.selectedProperty().get().id()).isEqualTo(newest);

        assertThat(press(KeyCode.C, false, false, false)).isTrue();
        assertThat(count(EventStatus.CONFIRMED)).isEqualTo(1);
        assertThat(press(KeyCode.D, false, false, false)).as("D with one alert picked").isTrue();
        assertThat(count(EventStatus.DISMISSED)).isEqualTo(1);
        assertThat(press(KeyCode.Z, false, true, false)).as("Ctrl+Z").isTrue();
        assertThat(count(EventStatus.DISMISSED)).isZero();

        model.selection().setAll(model.alerts().subList(0, 2));
        picked.set(2);
        assertThat(press(KeyCode.D, false, false, false)).as("D with several picked dismisses them all").isTrue();
        assertThat(count(EventStatus.DISMISSED)).isEqualTo(2);
        picked.set(1);
        assertThat(press(KeyCode.DELETE, false, false, false)).isTrue();
        assertThat(count(EventStatus.DISMISSED)).isEqualTo(3);
        assertThat(count(EventStatus.PENDING)).isZero();
        assertThat(press(KeyCode.D, true, false, false)).as("Shift+D is taken, with nothing left to dismiss").isTrue();

        assertThat(press(KeyCode.E, false, false, false)).isTrue();
        assertThat(exports).hasValue(1);
        assertThat(press(KeyCode.N, false, false, false)).as("N's press is taken; its release opens the note").isTrue();
        assertThat(keys.isNote(key(KeyCode.N, false, false, false))).isTrue();
        assertThat(count(EventStatus.DISMISSED)).as("E and N reviewed nothing").isEqualTo(3);
        assertThat(count(EventStatus.CONFIRMED)).isEqualTo(1);
        assertThat(others).isEmpty();
    }

    @Test
    void keysOutsideTheTableGoToTheOtherPaneUnlessHeldWithShortcutOrAlt() {
        assertThat(press(KeyCode.SPACE, false, false, false)).as("the review player took it").isTrue();
        assertThat(press(KeyCode.S, true, false, false)).as("Shift+S is not S: offered, not taken").isFalse();
        assertThat(others).containsExactly(KeyCode.SPACE, KeyCode.S);
        assertThat(press(KeyCode.C, false, false, true)).as("Alt+C").isFalse();
        assertThat(press(KeyCode.SPACE, false, true, false)).as("Ctrl+Space").isFalse();
        assertThat(others).hasSize(2);
        assertThat(count(EventStatus.PENDING)).isEqualTo(4);
    }

    @Test
    void theHelpLineIsWrittenFromTheTable() {
        assertThat(keys.help()).startsWith("C confirm · D dismiss · S dismiss and suppress this spot for this label")
                .contains("J next · K previous · E export · N note · Ctrl+Z undo")
                .endsWith("Delete or Shift+D dismiss all selected (Shift+click selects several)");
        assertThat(keys.reminder()).isEqualTo("Keys: C  D  S  J  K  E  N  Ctrl+Z  Delete or Shift+D  · F1 says what "
                + "each does");
        assertThat(keys.section().shortcuts()).extracting(Shortcut::does).contains("confirm", "dismiss");
    }
}
