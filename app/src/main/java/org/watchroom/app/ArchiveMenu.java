package org.watchroom.app;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.evidence.ExportAudit;

/**
 * File → Open archive: a data folder copied from another machine, or an evidence package (folder or .zip), opens
 * read-only in a window of its own; the live wall keeps running. Closing that window closes the archive; so do
 * locking and signing out (the window acts as the person who opened it). Its exports are audited in the
 * workstation's own database.
 *
 * <p>Thread-safety: FX thread only.
 */
final class ArchiveMenu {
    private final Stage owner;
    private final Path dataDir;
    private final TaskExecutor executor;
    private final Consumer<Throwable> onError;
    /** The signed-in person, when they may open archives (throws otherwise); the archive window acts as them. */
    private final Supplier<Operator> replaying;
    private final ExportAudit auditTo;

    ArchiveMenu(Stage owner, Path dataDir, TaskExecutor executor, Consumer<Throwable> onError,
                Supplier<Operator> replaying, ExportAudit auditTo) {
        this.owner = owner;
        this.auditTo = auditTo;
        this.replaying = replaying;
        this.dataDir = dataDir;
        this.executor = executor;
        this.onError = onError;
    }

    MenuButton button() {
        MenuItem folder = new MenuItem("Open archive folder…");
        folder.setId("open-archive-folder");
        folder.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open a Watchroom data folder or evidence package");
            File picked = chooser.showDialog(owner);
            if (picked != null) {
                open(picked.toPath());
            }
        });
        MenuItem zip = new MenuItem("Open evidence .zip…");
        zip.setId("open-archive-zip");
        zip.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open an evidence package");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Evidence package", "*.zip"));
            File picked = chooser.showOpenDialog(owner);
            if (picked != null) {
                open(picked.toPath());
            }
        });
        MenuButton file = new MenuButton("File", null, folder, zip);
        file.setId("file-menu");
        return file;
    }

    /** Opens {@code archive} in a new window; the archive's I/O runs off the FX thread. */
    void open(Path archive) {
        Operator by;
        try {
            by = replaying.get();
        } catch (RuntimeException refused) {
            onError.accept(refused);
            return;
        }
        executor.submit(() -> Workstation.openArchive(LaunchOptions.replay(dataDir, archive), by, auditTo), workstation -> {
            Stage stage = new Stage();
            stage.initOwner(owner); // closes with the workstation, and on lock or sign-out
            stage.setOnHidden(e -> workstation.close());
            workstation.show(stage);
        }, onError);
    }
}
