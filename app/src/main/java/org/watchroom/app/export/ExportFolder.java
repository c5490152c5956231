package org.watchroom.app.export;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Asks where an export goes. The workstation asks with the system's folder chooser ({@link #DIALOG}); a window under
 * test, where no native chooser can open (Monocle), is given the folder.
 *
 * <p>Thread-safety: called on the FX thread.
 */
@FunctionalInterface
public interface ExportFolder {

    /** The folder chosen, or empty when the person cancelled. */
    Optional<Path> choose(Window owner, String title);

    /** The system's folder chooser. */
    ExportFolder DIALOG = (owner, title) -> {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File chosen = chooser.showDialog(owner);
        return Optional.ofNullable(chosen).map(File::toPath);
    };
}
