package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.export.ExportView;
import org.watchroom.app.export.ExportViewModel;
import org.watchroom.app.fx.FxTaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.evidence.EvidenceVerifier;
import org.watchroom.core.testing.People;

/** E on the alerts list hands the selected events to the export, whose window shows progress; Monocle, real H2. */
@ExtendWith(ApplicationExtension.class)
@UiTest
class ExportUiTest {
    private Workstation workstation;
    private Path dataDir;
    private final List<Long> ids = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("watchroom-export-ui");
        workstation = Workstation.open(new LaunchOptions(dataDir, true, Optional.empty()));
        ids.addAll(UiTests.endedEvents(workstation.engine().events(), 3));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    @Test
    void eExportsTheSelectedAlertsAndTheDialogShowsProgressUntilDone(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.SUPERVISOR);
        List<List<Long>> exported = new CopyOnWriteArrayList<>();
        waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().alerts().listView().getItems().size() == 3));
        WaitForAsyncUtils.asyncFx(() -> {
            workstation.window().alerts().setOnExport(exported::add); // the folder chooser cannot run on Monocle
            workstation.window().alerts().focusList();
        }).get(5, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().alerts().listView().isFocused()));
        robot.type(KeyCode.E);
        waitFor(Duration.ofSeconds(5), () -> !exported.isEmpty());
        assertThat(exported.getFirst()).as("the selected, newest alert").containsExactly(ids.get(2));

        Path out = dataDir.resolveSibling(dataDir.getFileName() + "-case");
        FxTaskExecutor executor = new FxTaskExecutor();
        ExportViewModel model = new ExportViewModel(workstation.engine().database(),
                Session.fixed(workstation.engine().database(), People.SUPERVISOR), executor);
        WaitForAsyncUtils.asyncFx(() -> {
            Stage dialog = new Stage();
            dialog.setScene(new Scene(new ExportView(model, dialog::close)));
            dialog.show();
            model.start(ids, out);
        }).get(5, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(20), () -> fx(() -> !model.runningProperty().get()));
        assertThat(fx(() -> robot.lookup("#export-progress").queryAs(ProgressBar.class).getProgress())).isEqualTo(1.0);
        assertThat(fx(() -> robot.lookup("#export-message").queryLabeled().getText())).startsWith("Exported 3 event(s)");
        assertThat(fx(() -> robot.lookup("#export-close").queryAs(Button.class).isDisabled())).isFalse();
        assertThat(fx(() -> robot.lookup("#export-cancel").queryAs(Button.class).isDisabled())).isTrue();
        assertThat(EvidenceVerifier.verify(out).ok()).isTrue();
        executor.close();
    }
}
