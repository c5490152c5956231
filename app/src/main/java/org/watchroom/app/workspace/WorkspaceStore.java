package org.watchroom.app.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspaces on this computer, one JSON file per person ({@code <folder>/<user>.json}), and which person's the
 * window opened with last ({@code last}), so that the next start puts the window where that person left it before
 * anyone signs in. A missing or unreadable file is no workspace (the window opens maximised); one that cannot be
 * written is logged and costs only the remembering.
 *
 * <p>Thread-safety: safe from any thread (saves one at a time, each write replacing its file in one move); call it
 * off the FX thread.
 */
public final class WorkspaceStore {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAST = "last";
    private final Path folder;

    public WorkspaceStore(Path folder) {
        this.folder = folder;
    }

    /** {@code user}'s workspace, if saved and readable. */
    public Optional<Workspace> load(String user) {
        Path file = file(user);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Workspace.class));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The workspace in {} cannot be read; the window opens as on a first start", file, e);
            return Optional.empty();
        }
    }

    /** The workspace of whoever used the window last, for where it opens. */
    public Optional<Workspace> loadLast() {
        try {
            Path last = folder.resolve(LAST);
            return Files.isRegularFile(last) ? load(Files.readString(last, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            LOG.warn("Which workspace was last cannot be read from {}", folder, e);
            return Optional.empty();
        }
    }

    /**
     * Saves {@code user}'s workspace and makes it the one the next start opens with; one save at a time (they share
     * the temporary files).
     */
    public synchronized void save(String user, Workspace workspace) {
        try {
            Files.createDirectories(folder);
            write(file(user), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(workspace));
            write(folder.resolve(LAST), user.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The workspace of {} cannot be saved in {}; it is not remembered", user, folder, e);
        }
    }

    private Path file(String user) {
        // any account name makes one plain file name in this folder (no separators, no "..")
        return folder.resolve(URLEncoder.encode(user, StandardCharsets.UTF_8).replace(".", "%2E") + ".json");
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
