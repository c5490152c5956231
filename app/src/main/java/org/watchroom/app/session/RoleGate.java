package org.watchroom.app.session;

import javafx.beans.property.BooleanProperty;
import javafx.scene.Node;
import org.watchroom.core.auth.Permission;

/**
 * Hides what the signed-in person's role cannot do, and shows it again after a hand-over to someone who can.
 * Only a convenience: the core refuses the action anyway.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class RoleGate {
    private final SessionViewModel session;

    public RoleGate(SessionViewModel session) {
        this.session = session;
    }

    /** Shows {@code node} (and gives it layout room) only while the person may do {@code permission}. */
    public void show(Node node, Permission permission) {
        Runnable update = () -> {
            boolean allowed = session.allows(permission);
            node.setVisible(allowed);
            node.setManaged(allowed);
        };
        session.stateProperty().subscribe(s -> update.run());
        session.operatorProperty().subscribe(o -> update.run());
    }

    /** Keeps {@code flag} true only while the person may do {@code permission}. */
    public void allow(BooleanProperty flag, Permission permission) {
        Runnable update = () -> flag.set(session.allows(permission));
        session.stateProperty().subscribe(s -> update.run());
        session.operatorProperty().subscribe(o -> update.run());
    }
}
