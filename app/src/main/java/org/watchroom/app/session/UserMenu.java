package org.watchroom.app.session;

import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import org.watchroom.core.auth.Permission;

/**
 * The toolbar's person button: who is signed in and their role, the admin entries their role allows
 * ({@link #addGated}), Lock (Ctrl+L) and Sign out (shift hand-over; cameras keep running).
 *
 * <p>Thread-safety: FX thread only.
 */
public final class UserMenu extends MenuButton {
    private final SessionViewModel model;

    public UserMenu(SessionViewModel model) {
        this.model = model;
        setId("user-menu");
        MenuItem lock = new MenuItem("Lock (Ctrl+L)");
        lock.setId("user-lock");
        lock.setOnAction(e -> model.lock("locked from the menu"));
        MenuItem signOut = new MenuItem("Sign out (hand over)");
        signOut.setId("user-sign-out");
        signOut.setOnAction(e -> model.signOut());
        getItems().setAll(lock, signOut);
        model.operatorProperty().subscribe(who -> setText(who == null ? "Signed out"
                : who.displayName() + " (" + who.role().dbValue() + ")"));
    }

    /**
     * Adds {@code item} above Lock, visible only while the signed-in, unlocked person may do {@code permission}
     * (and again after a hand-over to someone who may). Only a convenience: the core refuses the action anyway.
     */
    public void addGated(MenuItem item, Permission permission) {
        getItems().add(getItems().size() - 2, item);
        Runnable update = () -> item.setVisible(model.allows(permission));
        model.stateProperty().subscribe(s -> update.run());
        model.operatorProperty().subscribe(o -> update.run());
    }
}
