package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.session.SessionViewModel;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Role;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.cli.HostedCommands;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.evidence.EvidenceVerifier;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.SlowTest;

/**
 * The workstation opened on a data folder whose recorder already runs (here served over its control socket as
 * {@code watchroom engine} serves it) attaches to it instead of refusing: its wall shows the recorder's cameras from
 * shared memory, a person signs in against the recorder's accounts, a review lands in the recorder's database and
 * audit log, a lock is audited there too, and closing the window leaves the cameras running.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class AttachedWorkstationUiTest {
    private Path dataDir;
    private Database database;
    private Engine engine;
    private ControlServer control;
    private Workstation workstation;
    private List<Long> ids;
    private final CountDownLatch stopAsked = new CountDownLatch(1);

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("watchroom-attached-ui");
        database = Database.open(dataDir);
        UserStore users = new UserStore(database);
        users.add(People.ADMIN.userName(), "Chief", Role.ADMIN, "test password".toCharArray(), null);
        users.add(People.OPERATOR.userName(), "Olga", Role.OPERATOR, "test password".toCharArray(),
                users.find(People.ADMIN.userName()).orElseThrow().operator());
        engine = new Engine(database, new EventBus(), SourceOptions.defaults(), Optional.empty());
        engine.shareFrames();
        engine.start(true);
        ids = UiTests.endedEvents(engine.events(), 3);
        control = HostedCommands.serve(engine, "engine", Optional.of(stopAsked::countDown)); // as `engine` serves it
        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        if (workstation.window().stage().isShowing()) {
            UiTests.closeOnFx(workstation);
        }
        control.close();
        engine.close();
        database.close();
    }

    @Test
    void theWindowIsAClientOfTheRunningRecorder(FxRobot robot) throws Exception {
        assertThat(workstation.attached()).as("attached, not refused").isPresent();
        assertThat(workstation.engine()).as("no engine of its own").isNull();
        assertThat(fx(() -> workstation.window().stage().getTitle())).contains("attached to the recorder");

        waitFor(Duration.ofSeconds(30), () -> fx(() -> workstation.window().wall().visibleTiles().size() == 4
                && workstation.window().wall().visibleTiles().stream().allMatch(t ->
                t.model().badgeProperty().get().equals("LIVE")
                        && t.lookup(".image-view") instanceof ImageView view && view.getImage() != null)));
        assertThat(engine.cameras().getFirst().display().ring().sharedReaders()).as("the tile reads shared memory")
                .hasSize(1);

        signIn(workstation, People.OPERATOR.userName());
        waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().alerts().listView().getItems().size() == 3));
        WaitForAsyncUtils.asyncFx(() -> workstation.window().alerts().focusList()).get(5, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().alerts().listView().isFocused()));
        assertThat(fx(() -> workstation.window().alerts().listView().getSelectionModel().getSelectedItem().id()))
                .isEqualTo(ids.get(2));
        robot.type(KeyCode.C);
        waitFor(Duration.ofSeconds(10), () -> engine.events().find(ids.get(2)).orElseThrow().status()
                == EventStatus.CONFIRMED);
        assertThat(engine.events().find(ids.get(2)).orElseThrow().reviewedBy()).isEqualTo(People.OPERATOR.userName());
        AuditLog audit = new AuditLog(database.jdbi());
        assertThat(audit.about(Event.subject(ids.get(2)))).extracting(AuditEntry::action).containsExactly("event.confirm");

        fx(() -> {
            workstation.window().session().lock("Ctrl+L");
            return null;
        });
        waitFor(Duration.ofSeconds(10), () -> audit.about("user:" + People.OPERATOR.userName()).stream()
                .anyMatch(e -> e.action().equals("user.lock")));
        assertThat(audit.verify().ok()).isTrue();

        UiTests.closeOnFx(workstation);
        Thread.sleep(1000);
        assertThat(engine.cameras()).as("closing an attached window stops nothing").hasSize(4)
                .allSatisfy(c -> assertThat(c.display().state()).isInstanceOf(CameraState.Live.class));
        assertThat(engine.cameras().getFirst().display().ring().sharedReaders()).as("its reader is gone").isEmpty();
        assertThat(stopAsked.getCount()).isEqualTo(1);
    }

    @Test
    void anAdministratorStopsTheRecorderExplicitlyAndItIsAudited(FxRobot robot) throws Exception {
        assertThat(fx(() -> robot.lookup("#status-recorder-process").queryLabeled().getText()))
                .contains("own process", "records on when this window closes");
        signIn(People.OPERATOR.userName());
        assertThat(fx(() -> robot.lookup("#stop-recorder").queryButton().isVisible())).as("not a guard's").isFalse();
        signIn(People.ADMIN.userName()); // hand-over
        waitFor(Duration.ofSeconds(5), () -> fx(() -> robot.lookup("#stop-recorder").queryButton().isVisible()));
        robot.clickOn("#stop-recorder");
        waitFor(Duration.ofSeconds(5), () -> fx(() -> robot.lookup("#stop-recorder-confirm").tryQuery().isPresent()));
        robot.clickOn("Stop the recorder");
        assertThat(stopAsked.await(10, TimeUnit.SECONDS)).as("the recorder was asked to stop").isTrue();
        waitFor(Duration.ofSeconds(10), () -> fx(() -> !workstation.window().stage().isShowing()));
        assertThat(new AuditLog(database.jdbi()).about("engine")).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("engine.stop");
            assertThat(row.actor()).isEqualTo(People.ADMIN.userName());
        });
        WaitForAsyncUtils.asyncFx(() -> workstation.close()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReviewAtOneAttachedWindowShowsAtAnotherAtOnce(FxRobot robot) throws Exception {
        Workstation other = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        try {
            WaitForAsyncUtils.asyncFx(() -> other.show(new Stage())).get(10, TimeUnit.SECONDS);
            assertThat(other.attached()).as("a second window attaches to the same recorder").isPresent();
            signIn(People.OPERATOR.userName());
            signIn(other, People.ADMIN.userName());
            waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().alerts().listView().getItems().size() == 3
                    && other.window().alerts().listView().getItems().size() == 3));

            fx(() -> {
                other.window().alertsModel().reveal(ids.get(1));
                return null;
            });
            // the window shown last has the keyboard: the review is made there, and heard at the first
            WaitForAsyncUtils.asyncFx(() -> other.window().alerts().focusList()).get(5, TimeUnit.SECONDS);
            waitFor(Duration.ofSeconds(5), () -> fx(() -> other.window().alerts().listView().isFocused()
                    && other.window().alerts().listView().getSelectionModel().getSelectedItem() != null
                    && other.window().alerts().listView().getSelectionModel().getSelectedItem().id() == ids.get(1)));
            robot.type(KeyCode.D);
            waitFor(Duration.ofSeconds(10), () -> engine.events().find(ids.get(1)).orElseThrow().status()
                    == EventStatus.DISMISSED);
            assertThat(engine.events().find(ids.get(1)).orElseThrow().reviewedBy()).isEqualTo(People.ADMIN.userName());
            waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().alerts().listView().getItems().stream()
                    .noneMatch(e -> e.id() == ids.get(1))));
            assertThat(fx(() -> workstation.window().alerts().listView().getItems().size()))
                    .as("gone at the other window at once").isEqualTo(2);
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                other.window().stage().close();
                other.close();
            }).get(20, TimeUnit.SECONDS);
        }
        assertThat(engine.cameras()).as("the recorder goes on after a window closes").hasSize(4);
    }

    @Test
    void anAttachedWindowExportsEvidenceThroughTheRecorder(FxRobot robot) throws Exception {
        UserStore users = new UserStore(database);
        users.add(People.SUPERVISOR.userName(), "Sam", Role.SUPERVISOR, "test password".toCharArray(),
                users.find(People.ADMIN.userName()).orElseThrow().operator());
        signIn(People.SUPERVISOR.userName());
        Path out = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-case")); // empty: used as is
        waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().alerts().listView().getItems().size() == 3));
        WaitForAsyncUtils.asyncFx(() -> {
            workstation.window().setExportFolder((owner, title) -> Optional.of(out)); // no native chooser on Monocle
            workstation.window().alerts().focusList();
        }).get(5, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().alerts().listView().isFocused()));
        robot.type(KeyCode.E);
        waitFor(Duration.ofSeconds(30), () -> fx(() -> robot.lookup("#export-message").tryQuery().isPresent()
                && robot.lookup("#export-message").queryLabeled().getText().startsWith("Exported 1 event(s)")));
        assertThat(EvidenceVerifier.verify(out).ok()).as("the recorder wrote an intact package").isTrue();
        assertThat(new AuditLog(database.jdbi()).recent(5)).anySatisfy(row -> {
            assertThat(row.action()).isEqualTo("evidence.export");
            assertThat(row.actor()).isEqualTo(People.SUPERVISOR.userName());
        });
    }

    private void signIn(String user) throws Exception {
        signIn(workstation, user);
    }

    /** Signs {@code user} in at {@code at}'s sign-in screen, against the recorder's accounts. */
    private static void signIn(Workstation at, String user) throws Exception {
        waitFor(Duration.ofSeconds(10), () -> fx(() -> !at.window().session().busyProperty().get()));
        fx(() -> {
            at.window().session().signIn(user, "test password".toCharArray());
            return null;
        });
        waitFor(Duration.ofSeconds(15), () -> fx(() -> at.window().session().stateProperty().get()
                == SessionViewModel.State.SIGNED_IN && at.window().session().operatorProperty().get() != null
                && at.window().session().operatorProperty().get().userName().equals(user)));
    }
}
