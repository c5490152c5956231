package org.watchroom.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.settings.SharedView;

/** Workspaces on a real folder: one file per person, the last one remembered, bad files and names harmless. */
class WorkspaceStoreTest {
    @TempDir
    Path folder;

    private static Workspace sample(String layout) {
        return new Workspace(40, 30, 1000, 700, false, true, layout, 20, true, false, 0.6, 0.5,
                List.of(new SharedView("Gates", "TWO", List.of(3L, 1L))), "Gates");
    }

    @Test
    void eachPersonGetsBackTheirOwnAndTheNextStartOpensWithTheLastOnes() {
        WorkspaceStore store = new WorkspaceStore(folder.resolve("workspaces"));
        assertThat(store.loadLast()).as("first start").isEmpty();
        store.save("olga", sample("FOUR"));
        store.save("sam", sample("LARGE_AND_7"));
        assertThat(store.load("olga")).contains(sample("FOUR"));
        assertThat(store.load("sam").orElseThrow().layout()).isEqualTo("LARGE_AND_7");
        assertThat(store.loadLast()).as("sam used it last").contains(sample("LARGE_AND_7"));
        assertThat(store.load("ivan")).isEmpty();
    }

    @Test
    void anUnreadableFileIsNoWorkspaceAndAnyAccountNameStaysInsideTheFolder() throws Exception {
        Path workspaces = folder.resolve("workspaces");
        WorkspaceStore store = new WorkspaceStore(workspaces);
        store.save("../../etc/evil name", sample("TWO"));
        try (var files = Files.list(folder)) {
            assertThat(files).as("nothing written outside the folder").containsExactly(workspaces);
        }
        assertThat(store.load("../../etc/evil name")).contains(sample("TWO"));

        Files.writeString(workspaces.resolve("olga.json"), "{not json");
        assertThat(store.load("olga")).isEmpty();
    }

    @Test
    void aTinyOrStrangeSavedWindowOpensUsable() {
        Workspace odd = new Workspace(0, 0, 10, 10, false, false, null, -5, true, true, 0, 2, null, null);
        assertThat(odd.width()).isEqualTo(Workspace.MIN_WIDTH);
        assertThat(odd.height()).isEqualTo(Workspace.MIN_HEIGHT);
        assertThat(odd.layout()).isEqualTo("AUTO");
        assertThat(odd.tourSeconds()).isZero();
        assertThat(odd.wallShare()).isEqualTo(0.7);
        assertThat(odd.alertsShare()).isEqualTo(0.42);
        assertThat(odd.views()).isEmpty();
    }
}
