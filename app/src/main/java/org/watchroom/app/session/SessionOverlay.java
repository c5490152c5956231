package org.watchroom.app.session;

import javafx.animation.PauseTransition;
import javafx.event.Event;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.watchroom.app.keys.Shortcut;

/**
 * The sign-in and lock screen, laid over the whole window: the live wall stays visible through it but nothing
 * under it can be clicked or typed into. Shows admin creation on first run, sign-in, or unlock (where another
 * person may sign in instead: shift hand-over). Ctrl+L locks; so does the idle timer.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class SessionOverlay extends StackPane {
    private static final KeyCombination LOCK = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    private final SessionViewModel model;
    private final Label title = new Label();
    private final Label hint = new Label();
    private final TextField userName = new TextField();
    private final TextField displayName = new TextField();
    private final PasswordField password = new PasswordField();
    private final PasswordField again = new PasswordField();
    private final Button submit = new Button();
    private final PauseTransition idle = new PauseTransition();

    /** The idle time comes from {@link SessionViewModel#idleLockProperty()} and follows its changes. */
    public SessionOverlay(SessionViewModel model) {
        this.model = model;
        setId("session-overlay");
        getStyleClass().add("session-overlay");
        userName.setId("session-user");
        userName.setPromptText("User name");
        displayName.setId("session-display-name");
        displayName.setPromptText("Full name (shown in the UI)");
        password.setId("session-password");
        password.setPromptText("Password");
        again.setId("session-password-again");
        again.setPromptText("Password again");
        submit.setId("session-submit");
        submit.setDefaultButton(true);
        submit.setOnAction(e -> submit());
        submit.disableProperty().bind(model.busyProperty());
        title.getStyleClass().add("session-title");
        title.setWrapText(true);
        hint.getStyleClass().add("session-hint");
        hint.setWrapText(true);
        Label message = new Label();
        message.setId("session-message");
        message.getStyleClass().add("session-message");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);

        VBox card = new VBox(8, title, hint, userName, displayName, password, again, submit, message);
        card.getStyleClass().add("session-card");
        card.setMaxSize(420, USE_PREF_SIZE);
        card.setAlignment(Pos.CENTER_LEFT);
        getChildren().add(card);
        // block the mouse everywhere on the overlay, not only on the card
        addEventHandler(MouseEvent.ANY, Event::consume);

        idle.setOnFinished(e -> model.idleTimedOut());
        model.idleLockProperty().subscribe(after -> {
            idle.setDuration(model.idleLockEnabled() ? Duration.millis((double) after.toMillis()) : Duration.INDEFINITE);
            restartIdle();
        });
        model.stateProperty().subscribe(this::show);
    }

    /** Stops the idle timer: a window that is closing locks nobody (its database may be closed already). */
    public void stop() {
        idle.stop();
    }

    /** Ctrl+L, while someone is signed in: for the window's key help too. */
    public Shortcut lockKey() {
        return new Shortcut("Ctrl+L", "lock (sign-in screen; recording goes on)",
                e -> LOCK.match(e) && model.stateProperty().get() == SessionViewModel.State.SIGNED_IN,
                () -> model.lock("Ctrl+L"));
    }

    /** Installs Ctrl+L and the idle timer on the window's scene (any key or mouse movement counts as activity). */
    public void attach(Scene scene) {
        Shortcut lock = lockKey();
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (lock.handle(e)) {
                e.consume();
            }
            restartIdle();
        });
        scene.addEventFilter(MouseEvent.MOUSE_MOVED, e -> restartIdle());
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> restartIdle());
        scene.addEventFilter(ScrollEvent.SCROLL, e -> restartIdle());
        // while shown, keys reach only the sign-in fields: focus never rests on a control under the lock screen
        scene.addEventFilter(KeyEvent.ANY, e -> {
            if (isVisible() && !(e.getTarget() instanceof Node target && inside(target))) {
                e.consume();
                focusField();
            }
        });
        scene.focusOwnerProperty().subscribe(owner -> {
            if (isVisible() && owner != null && !inside(owner)) {
                focusField();
            }
        });
        scene.windowProperty().flatMap(w -> w.showingProperty()).subscribe(showing -> {
            if (Boolean.TRUE.equals(showing) && isVisible()) {
                focusField();
            }
        });
    }

    private boolean inside(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == this) {
                return true;
            }
        }
        return false;
    }

    private void focusField() {
        (userName.getText().isEmpty() ? userName : password).requestFocus();
    }

    /** Starts the idle countdown again while someone is signed in and idle lock is on (0 minutes: never). */
    private void restartIdle() {
        if (model.idleLockEnabled() && model.stateProperty().get() == SessionViewModel.State.SIGNED_IN) {
            idle.playFromStart();
        } else {
            idle.stop();
        }
    }

    private void show(SessionViewModel.State state) {
        boolean signedIn = state == SessionViewModel.State.SIGNED_IN;
        setVisible(!signedIn);
        setManaged(!signedIn);
        password.clear();
        again.clear();
        boolean creating = state == SessionViewModel.State.NEEDS_ADMIN;
        displayName.setVisible(creating);
        displayName.setManaged(creating);
        again.setVisible(creating);
        again.setManaged(creating);
        switch (state) {
            case NEEDS_ADMIN -> {
                title.setText("Create the administrator account");
                hint.setText("Watchroom has no accounts yet. The administrator adds operators and supervisors later.");
                submit.setText("Create and sign in");
            }
            case SIGNED_OUT -> {
                title.setText("Sign in");
                hint.setText("Cameras keep recording while nobody is signed in.");
                submit.setText("Sign in");
                userName.clear();
            }
            case LOCKED -> {
                var who = model.operatorProperty().get();
                title.setText("Locked");
                hint.setText("Locked by " + (who == null ? "?" : who.displayName())
                        + ". Enter the password to continue, or sign in as someone else to take over the shift.");
                submit.setText("Unlock");
                userName.setText(who == null ? "" : who.userName());
            }
            case SIGNED_IN -> restartIdle();
        }
        if (!signedIn) {
            idle.stop();
            focusField();
        }
    }

    private void submit() {
        if (model.stateProperty().get() == SessionViewModel.State.NEEDS_ADMIN) {
            model.createAdmin(userName.getText(), displayName.getText(), password.getText().toCharArray(),
                    again.getText().toCharArray());
        } else {
            model.signIn(userName.getText(), password.getText().toCharArray());
        }
        password.clear();
        again.clear();
    }
}
