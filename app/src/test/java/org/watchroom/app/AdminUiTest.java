package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.watchroom.app.session.SessionViewModel.State;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.api.ApiTokens;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.SignIn;
import org.watchroom.core.auth.User;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.SlowTest;

/**
 * The admin entries of the person menu and the idle lock, in the real window on Monocle with a real H2 file whose
 * {@code session.idle_lock_minutes} was set before the workstation opened.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class AdminUiTest {
    private Workstation workstation;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("watchroom-admin-ui");
        try (Database db = Database.open(dataDir)) {
            new SettingsStore(db).put("session.idle_lock_minutes", "3");
        }
        workstation = Workstation.open(new LaunchOptions(dataDir, true, Optional.empty()));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    private boolean itemVisible(FxRobot robot, String id) {
        return fx(() -> robot.lookup("#user-menu").queryAs(MenuButton.class).getItems().stream()
                .filter(i -> id.equals(i.getId())).findFirst().map(MenuItem::isVisible).orElse(false));
    }

    @Test
    void anAdminSeesUsersAndApiAndAddsAnAccountThroughTheDialog(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.ADMIN);
        assertThat(itemVisible(robot, "admin-users")).isTrue();
        assertThat(itemVisible(robot, "admin-api")).isTrue();

        robot.clickOn("#user-menu");
        robot.clickOn("Users…");
        waitFor(Duration.ofSeconds(10), () -> fx(() -> robot.lookup("#users-table").tryQuery().isPresent()));
        waitFor(Duration.ofSeconds(10), () -> fx(() -> robot.lookup("#users-table")
                .queryTableView().getItems().size() == 1));
        robot.clickOn("#users-name").write("ivan");
        robot.clickOn("#users-display-name").write("Ivan Nights");
        robot.clickOn("#users-password").write("ivans password");
        robot.clickOn("#users-password-again").write("ivans password");
        robot.clickOn("#users-add");
        UserStore users = new UserStore(workstation.engine().database());
        waitFor(Duration.ofSeconds(15), () -> users.find("ivan").isPresent());
        User ivan = users.find("ivan").orElseThrow();
        assertThat(ivan.displayName()).isEqualTo("Ivan Nights");
        assertThat(ivan.role()).isEqualTo(Role.OPERATOR);
        assertThat(users.signIn("ivan", "ivans password".toCharArray())).isInstanceOf(SignIn.Success.class);
        waitFor(Duration.ofSeconds(10), () -> fx(() -> robot.lookup("#users-message").queryLabeled().getText())
                .equals("Added operator ivan."));
        assertThat(fx(() -> robot.lookup("#users-table").queryTableView().getItems().size())).isEqualTo(2);
        fx(() -> {
            ((Stage) robot.lookup("#users-pane").query().getScene().getWindow()).close();
            return null;
        });

        // API…: the installation token is masked until Show
        robot.clickOn("#user-menu");
        robot.clickOn("API…");
        String token = new ApiTokens(new SettingsStore(workstation.engine().database())).current();
        waitFor(Duration.ofSeconds(10), () -> fx(() -> robot.lookup("#api-token").tryQuery()
                .map(n -> ((TextField) n).getText().endsWith(token.substring(token.length() - 4))).orElse(false)));
        assertThat(fx(() -> robot.lookup("#api-token").queryAs(TextField.class).getText())).doesNotContain(token);
        assertThat(fx(() -> robot.lookup("#api-address").queryLabeled().getText())).startsWith("not running");
        robot.clickOn("#api-token-show");
        assertThat(fx(() -> robot.lookup("#api-token").queryAs(TextField.class).getText())).isEqualTo(token);
    }

    @Test
    void anOperatorSeesNeitherEntryAndTheIdleLockComesFromTheSetting(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR);
        assertThat(itemVisible(robot, "admin-users")).isFalse();
        assertThat(itemVisible(robot, "admin-api")).isFalse();
        assertThat(fx(() -> workstation.window().session().idleLockProperty().get()))
                .as("read from session.idle_lock_minutes when the workstation opened").isEqualTo(Duration.ofMinutes(3));

        // seconds instead of minutes, so the test need not wait: left alone, the window locks
        fx(() -> {
            workstation.window().session().setIdleLock(Duration.ofMillis(800));
            return null;
        });
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().session().stateProperty().get()) == State.LOCKED);
        assertThat(fx(() -> robot.lookup("#session-overlay").query().isVisible())).isTrue();
    }
}
