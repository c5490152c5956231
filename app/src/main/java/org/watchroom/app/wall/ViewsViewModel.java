package org.watchroom.app.wall;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.settings.SettingKey;
import org.watchroom.core.settings.SettingsAccess;
import org.watchroom.core.settings.SharedView;
import org.watchroom.core.settings.SharedViews;

/**
 * The wall's named views: the person's own (kept in their workspace) and the ones an admin shared with every
 * workstation ({@code wall.shared_views}, through the settings port: audited, admins only; read again when the view
 * menu opens and before each change, so workstations do not undo each other's). Saving takes the wall as
 * it is shown (layout, cameras in order); choosing a view shows it.
 *
 * <p>Thread-safety: FX thread only; the settings are read and written on the task executor.
 */
public final class ViewsViewModel {
    private final WallViewModel wall;
    private final SettingsAccess settings;
    private final Session session;
    private final TaskExecutor executor;
    private final ObservableList<SharedView> personal;
    private final ObservableList<SharedView> shared;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Runnable personalChanged = () -> { };
    /** A shared view to show once the shared views are read (a workspace names it at sign-in). */
    private String pending;

    public ViewsViewModel(WallViewModel wall, SettingsAccess settings, Session session, TaskExecutor executor) {
        this(wall, settings, session, executor, FXCollections.observableArrayList(),
                FXCollections.observableArrayList());
    }

    /** The views of {@code main} (the same lists, saved with the same workspace) for another wall. */
    public ViewsViewModel(WallViewModel wall, ViewsViewModel main) {
        this(wall, main.settings, main.session, main.executor, main.personal, main.shared);
        personalChanged = main.personalChanged;
    }

    private ViewsViewModel(WallViewModel wall, SettingsAccess settings, Session session, TaskExecutor executor,
                           ObservableList<SharedView> personal, ObservableList<SharedView> shared) {
        this.wall = wall;
        this.settings = settings;
        this.session = session;
        this.executor = executor;
        this.personal = personal;
        this.shared = shared;
    }

    /** The person's own views (their workspace keeps them). */
    public ObservableList<SharedView> personal() { return personal; }

    /** The installation's shared views, as last read. */
    public ObservableList<SharedView> shared() { return shared; }

    /** What the last save, share or delete did, or why not. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Told when the person's own views change (their workspace is saved then). */
    public void onPersonalChanged(Runnable listener) { personalChanged = listener; }

    /** Reads the shared views again. */
    public void loadShared() {
        executor.submit(settings::sharedViews, read -> {
            shared.setAll(read);
            if (pending != null) {
                String wanted = pending;
                pending = null;
                read.stream().filter(v -> v.name().equals(wanted)).findFirst().ifPresent(wall::showView);
            }
        }, failed -> message.set("Shared views cannot be read: " + failed.getMessage()));
    }

    /** Shows the view called {@code name}: the person's own, or a shared one (read again first). */
    public void show(String name) {
        personal.stream().filter(v -> v.name().equals(name)).findFirst().ifPresentOrElse(wall::showView, () -> {
            pending = name;
            loadShared();
        });
    }

    /** Saves the wall as shown as the person's view {@code name} (replacing one of that name) and shows it. */
    public void saveAs(String name) {
        SharedView saved;
        try {
            saved = wall.arrangement(name);
        } catch (IllegalArgumentException bad) {
            message.set(bad.getMessage());
            return;
        }
        personal.removeIf(v -> v.name().equalsIgnoreCase(saved.name()));
        personal.add(saved);
        wall.showView(saved);
        message.set("Saved view '" + saved.name() + "'");
        personalChanged.run();
    }

    /** Shares the view shown with every workstation under its name (admins; replaces a shared one of that name). */
    public void share() {
        SharedView current = wall.viewProperty().get();
        String name = current == null || WallViewModel.UNSAVED.equals(current.name()) ? null : current.name();
        if (name == null) {
            message.set("Save the view under a name first, then share it.");
            return;
        }
        SharedView view = wall.arrangement(name);
        change(stored -> {
            List<SharedView> next = new ArrayList<>(stored);
            next.removeIf(v -> v.name().equalsIgnoreCase(name));
            next.add(view);
            return next;
        }, "Shared view '" + name + "' with every workstation");
    }

    /** Deletes the view shown: the person's own, or (admins) a shared one; the wall shows every camera again. */
    public void delete() {
        SharedView current = wall.viewProperty().get();
        if (current == null) {
            return;
        }
        if (personal.removeIf(v -> v.name().equals(current.name()))) {
            personalChanged.run();
            message.set("Deleted view '" + current.name() + "'");
        } else if (shared.stream().anyMatch(v -> v.name().equals(current.name()))) {
            change(stored -> stored.stream().filter(v -> !v.name().equals(current.name())).toList(),
                    "Deleted shared view '" + current.name() + "'");
        }
        wall.showView(null);
    }

    /**
     * Changes the shared views as they are stored now (read again in the same task: another workstation may have
     * shared one meanwhile), then shows the result.
     */
    private void change(UnaryOperator<List<SharedView>> edit, String done) {
        executor.submit(() -> {
            List<SharedView> next = edit.apply(settings.sharedViews());
            settings.set(SettingKey.WALL_SHARED_VIEWS, SharedViews.format(next), session.acting(Permission.SHARE_VIEWS));
            return next;
        }, next -> {
            shared.setAll(next);
            message.set(done);
        }, failed -> message.set("Not shared: " + failed.getMessage()));
    }

    /** Whether the person signed in may share and delete shared views. */
    public boolean mayShare() {
        return session.allows(Permission.SHARE_VIEWS);
    }
}
