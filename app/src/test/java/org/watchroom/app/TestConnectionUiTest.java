package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.time.Duration;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.watchroom.core.auth.Role;
import org.watchroom.core.testing.RtspTest;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.SlowTest;

/**
 * The camera form's Test connection against a real RTSP server, as an installer uses it: the stream's size, codec and
 * rate with a thumbnail; a wrong password and a silent address say why; no password on screen.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
@RtspTest
@SlowTest
class TestConnectionUiTest {
    private static RtspTestServer camera;
    private Workstation workstation;

    @BeforeAll
    static void camera() {
        camera = RtspTestServer.builder().credentials("admin", "hunter2").start();
    }

    @AfterAll
    static void stopCamera() {
        camera.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        workstation = UiTests.showOnNewDataDir(stage, "watchroom-test-connection-ui");
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    private String result(FxRobot robot) {
        return fx(() -> robot.lookup("#camera-test-result").queryAs(Label.class).getText());
    }

    private void type(FxRobot robot, String id, String text) {
        fx(() -> {
            robot.lookup(id).queryAs(TextInputControl.class).setText(text);
            return null;
        });
    }

    private String tested(FxRobot robot) throws InterruptedException {
        robot.clickOn("#camera-test");
        waitFor(Duration.ofSeconds(5), () -> result(robot).equals("Connecting…") || !result(robot).isEmpty());
        waitFor(Duration.ofSeconds(20), () -> !result(robot).equals("Connecting…"));
        return result(robot);
    }

    @Test
    void aGoodStreamShowsItsSizeCodecRateAndPictureAndFailuresSayWhy(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.ADMIN);
        robot.clickOn("#open-cameras");
        robot.clickOn("#cameras-add");
        type(robot, "#camera-name", "Gate");
        type(robot, "#camera-url", camera.url("test"));
        type(robot, "#camera-username", "admin");
        type(robot, "#camera-password", "hunter2");

        assertThat(tested(robot)).matches("Connected: \\d+×\\d+ h264, \\d+ fps");
        assertThat(fx(() -> robot.lookup("#camera-test-thumbnail").queryAs(ImageView.class).getImage())).isNotNull();

        type(robot, "#camera-password", "wrong-secret");
        assertThat(tested(robot)).startsWith("401 unauthorized").doesNotContain("wrong-secret");
        assertThat(fx(() -> robot.lookup("#camera-test-thumbnail").queryAs(ImageView.class).getImage())).isNull();

        type(robot, "#camera-url", "rtsp://127.0.0.1:" + RtspTestServer.freePort() + "/test");
        assertThat(tested(robot)).isNotEmpty().doesNotStartWith("Connected").doesNotContain("wrong-secret");
    }
}
