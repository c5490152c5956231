package org.watchroom.app.session;

import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;

/**
 * The toolbar's person button: who is signed in and their role, Lock (Ctrl+L) and Sign out (shift hand-over;
 * cameras keep running).
 *
 * <p>Thread-safety: FX thread only.
 */
public final class UserMenu extends MenuButton {
    public UserMenu(SessionViewModel model) {
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
}
