package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.watchroom.core.auth.Role;
import org.watchroom.core.testing.SlowTest;

/**
 * No label or button of the main window and the installer's dialogs is cut short ("Regener…", "Stream…") at the
 * default window sizes, 1280×800 and 1920×1080: what a Labeled shows is its whole text.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class TextFitsUiTest {
    private Workstation workstation;

    @Start
    void start(Stage stage) throws Exception {
        workstation = UiTests.showOnNewDataDir(stage, "watchroom-text-fits-ui");
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    /** Each showing Labeled of {@code root} whose shown text is not its text (clipped, with an ellipsis). */
    static List<String> cutShort(Parent root) {
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Node node, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            for (Node child : labeled.getChildrenUnmodifiable()) {
                if (child instanceof Text shown && child.getStyleClass().contains("text")
                        && !labeled.getText().equals(shown.getText())) {
                    cut.add("'" + labeled.getText() + "' shows as '" + shown.getText() + "' ("
                            + labeled.getClass().getSimpleName() + (labeled.getId() == null ? "" : " #" + labeled.getId())
                            + ")");
                }
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, cut);
            }
        }
    }

    private List<String> everyWindow() {
        return fx(() -> {
            List<String> cut = new ArrayList<>();
            for (Window window : Window.getWindows()) {
                Scene scene = window.getScene();
                if (window.isShowing() && scene != null) {
                    scene.getRoot().applyCss();
                    scene.getRoot().layout();
                    String title = window instanceof Stage stage ? stage.getTitle() : window.toString();
                    cutShort(scene.getRoot()).forEach(c -> cut.add(title + ": " + c));
                }
            }
            return cut;
        });
    }

    private void resize(double width, double height) throws InterruptedException {
        fx(() -> {
            Stage stage = workstation.window().stage();
            stage.setMaximized(false);
            stage.setWidth(width);
            stage.setHeight(height);
            return null;
        });
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().stage().getWidth() == width));
        Thread.sleep(300); // a layout pulse
    }

    /** Clicks {@code path} until {@code windows} windows show, then checks every one of them. */
    private void opened(FxRobot robot, int windows, String what, String... path) throws InterruptedException {
        for (String query : path) {
            robot.clickOn(query);
        }
        waitFor(Duration.ofSeconds(5), () -> fx(() -> Window.getWindows().stream().filter(Window::isShowing).count()
                >= windows));
        Thread.sleep(300); // a layout pulse
        assertThat(everyWindow()).as(what).isEmpty();
    }

    @Test
    void noLabelOrButtonIsCutShortAtTheDefaultSizes(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.ADMIN);
        waitFor(Duration.ofSeconds(20), () -> fx(() -> workstation.window().wall().visibleTiles().size() >= 4));
        for (double[] size : new double[][] {{1280, 800}, {1920, 1080}}) {
            resize(size[0], size[1]);
            assertThat(everyWindow()).as("main window at %.0f×%.0f", size[0], size[1]).isEmpty();
        }
        resize(1280, 800);
        opened(robot, 3, "the cameras dialog and the camera form", "#open-cameras", "#cameras-add");
        robot.clickOn("Cancel");
        robot.clickOn("#dialog-close");
        opened(robot, 2, "the REST API dialog", "#user-menu", "API…");
        robot.clickOn("#dialog-close");
        opened(robot, 2, "the users dialog", "#user-menu", "Users…");
    }
}
