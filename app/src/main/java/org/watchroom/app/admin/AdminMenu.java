package org.watchroom.app.admin;

import java.util.Optional;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.app.session.SessionViewModel;
import org.watchroom.app.session.UserMenu;
import org.watchroom.core.account.Accounts;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.settings.SettingsAccess;

/**
 * Puts "Users…" ({@link Permission#MANAGE_USERS}) and "API…" ({@link Permission#API_TOKEN}) into the toolbar's
 * person menu, shown only to roles that may use them; each opens a fresh dialog over the main window.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class AdminMenu {
    private Optional<String> apiUrl = Optional.empty();

    public AdminMenu(UserMenu menu, Window owner, Accounts users, SettingsAccess settings, SessionViewModel session,
                     TaskExecutor executor) {
        MenuItem usersItem = new MenuItem("Users…");
        usersItem.setId("admin-users");
        usersItem.setOnAction(e -> UsersView.open(owner, new UsersViewModel(users, session.session(), executor)));
        MenuItem apiItem = new MenuItem("API…");
        apiItem.setId("admin-api");
        apiItem.setOnAction(e -> ApiView.open(owner, new ApiViewModel(settings, session.session(), executor, apiUrl,
                session::setIdleLock)));
        menu.addGated(usersItem, Permission.MANAGE_USERS);
        menu.addGated(apiItem, Permission.API_TOKEN);
    }

    /** The running REST API's address, for the API dialog. */
    public void showApi(String url) {
        apiUrl = Optional.ofNullable(url);
    }
}
