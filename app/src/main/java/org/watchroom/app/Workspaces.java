package org.watchroom.app;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.ToggleButton;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.app.wall.ViewsViewModel;
import org.watchroom.app.wall.WallLayout;
import org.watchroom.app.wall.WallViewModel;
import org.watchroom.app.workspace.Workspace;
import org.watchroom.app.workspace.WorkspaceStore;

/**
 * Each person's workspace in this window: at start the window goes where the last person left it (maximised on a
 * first start); at sign-in it takes that person's theme, wall layout, tour, panes, own views and the view shown; at hand-over, sign-out and
 * close the person's workspace is saved. Files are read and written on the task executor, except at close, when the
 * window is going anyway.
 *
 * <p>Thread-safety: FX thread only.
 */
final class Workspaces {
    private static final Logger LOG = LoggerFactory.getLogger(Workspaces.class);
    private final Stage stage;
    private final PaneLayout panes;
    private final WallViewModel wall;
    private final ToggleButton lightTheme;
    private final WorkspaceStore store;
    private final TaskExecutor executor;
    private final ViewsViewModel views;
    /** Whose workspace the window shows; null while nobody is signed in. */
    private String person;

    Workspaces(Stage stage, PaneLayout panes, WallViewModel wall, ToggleButton lightTheme, WorkspaceStore store,
               TaskExecutor executor, ViewsViewModel views) {
        this.views = views;
        views.onPersonalChanged(this::saveSoon);
        this.stage = stage;
        this.panes = panes;
        this.wall = wall;
        this.lightTheme = lightTheme;
        this.store = store;
        this.executor = executor;
    }

    /** Puts the window where the last person left it, or maximises it on a first start. */
    void openWhereLeft() {
        executor.submit(store::loadLast, last -> last.ifPresentOrElse(this::place, () -> stage.setMaximized(true)),
                failed -> stage.setMaximized(true));
    }

    /** Someone else uses the window now ({@code next} null: nobody): the one before keeps theirs for next time. */
    void personChanged(String next) {
        if (next != null && next.equals(person)) {
            return;
        }
        saveSoon();
        person = next;
        views.personal().clear(); // the next person's own views come with their workspace
        wall.showView(null);
        if (next != null) {
            executor.submit(() -> store.load(next), saved -> {
                if (next.equals(person)) {
                    saved.ifPresent(this::arrange);
                }
            }, failed -> LOG.warn("The workspace of {} cannot be read", next, failed));
        }
    }

    /** Saves the person's workspace on the executor (their views changed). */
    private void saveSoon() {
        if (person != null) {
            Workspace now = capture();
            String who = person;
            executor.run(() -> store.save(who, now), () -> { }, failed -> LOG.warn("Workspace not saved", failed));
        }
    }

    /** The window closes: the person's workspace is saved now. */
    void saveNow() {
        if (person != null) {
            store.save(person, capture());
        }
    }

    Workspace capture() {
        boolean maximized = stage.isMaximized();
        return new Workspace(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), maximized,
                lightTheme.isSelected(), wall.layoutProperty().get().name(), wall.tourSecondsProperty().get(),
                panes.alertsToggle().isSelected(), panes.timelineToggle().isSelected(), panes.wallShare(),
                panes.alertsShare(), List.copyOf(views.personal()),
                wall.viewProperty().get() == null ? null : wall.viewProperty().get().name());
    }

    /** Where and how large the window is; a place no screen shows any more (a monitor gone) is not used. */
    private void place(Workspace saved) {
        if (saved.maximized()) {
            stage.setMaximized(true);
            return;
        }
        Rectangle2D wanted = new Rectangle2D(saved.x(), saved.y(), saved.width(), saved.height());
        if (Screen.getScreensForRectangle(wanted).isEmpty()) {
            stage.setWidth(saved.width());
            stage.setHeight(saved.height());
            stage.centerOnScreen();
            return;
        }
        stage.setMaximized(false);
        stage.setX(saved.x());
        stage.setY(saved.y());
        stage.setWidth(saved.width());
        stage.setHeight(saved.height());
    }

    private void arrange(Workspace saved) {
        views.personal().setAll(saved.views());
        if (saved.view() != null) {
            views.show(saved.view()); // then the layout as the person left it
        }
        try {
            wall.layoutProperty().set(WallLayout.valueOf(saved.layout()));
        } catch (IllegalArgumentException unknown) {
            LOG.info("Layout {} of a saved workspace is unknown here; Auto instead", saved.layout());
            wall.layoutProperty().set(WallLayout.AUTO);
        }
        wall.tourSecondsProperty().set(saved.tourSeconds());
        lightTheme.setSelected(saved.lightTheme());
        panes.arrange(saved.alertsShown(), saved.timelineShown(), saved.wallShare(), saved.alertsShare());
    }
}
