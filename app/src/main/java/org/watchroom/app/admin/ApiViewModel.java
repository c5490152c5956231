package org.watchroom.app.admin;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.settings.SettingKey;
import org.watchroom.core.settings.SettingsAccess;

/**
 * The API dialog: where the REST API listens (when it runs), the installation token (masked until Show),
 * regenerating it, and the idle-lock minutes. Needs {@link Permission#API_TOKEN} at the moment of each action;
 * the core settings ({@link SettingsAccess}) check and audit again.
 *
 * <p>Thread-safety: FX thread only; the settings are read and written on the executor's background threads.
 */
public final class ApiViewModel {
    private final SettingsAccess settings;
    private final Session session;
    private final TaskExecutor executor;
    private final Consumer<Duration> idleLockChanged;
    private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper token = new ReadOnlyStringWrapper("");
    private final BooleanProperty tokenShown = new SimpleBooleanProperty();
    private final IntegerProperty idleMinutes = new SimpleIntegerProperty(10);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final StringBinding shownToken;

    /**
     * @param apiUrl          the running REST API's address, or empty when it does not run
     * @param idleLockChanged told the new idle time after it is saved, so the open window uses it at once
     */
    public ApiViewModel(SettingsAccess settings, Session session, TaskExecutor executor, Optional<String> apiUrl,
                        Consumer<Duration> idleLockChanged) {
        this.settings = settings;
        this.session = session;
        this.executor = executor;
        this.idleLockChanged = idleLockChanged;
        address.set(apiUrl.orElse("not running (switched off, or its port was in use at start)"));
        shownToken = Bindings.createStringBinding(() -> tokenShown.get() || token.get().isEmpty() ? token.get()
                : "•".repeat(12) + token.get().substring(Math.max(0, token.get().length() - 4)), token, tokenShown);
    }

    public ReadOnlyStringProperty addressProperty() { return address.getReadOnlyProperty(); }

    /** The token itself (for Copy); the view shows {@link #shownTokenBinding()}. */
    public ReadOnlyStringProperty tokenProperty() { return token.getReadOnlyProperty(); }

    /** The token masked but for its last four characters, or in full while {@link #tokenShownProperty()}. */
    public StringBinding shownTokenBinding() { return shownToken; }

    public BooleanProperty tokenShownProperty() { return tokenShown; }

    /** The idle-lock minutes as stored ({@code session.idle_lock_minutes}, 0 = never). */
    public IntegerProperty idleMinutesProperty() { return idleMinutes; }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Reads the token and the idle-lock minutes. */
    public void load() {
        record Loaded(String token, int idleMinutes) { }
        message.set("");
        executor.submit(() -> new Loaded(settings.installationToken(session.acting(Permission.API_TOKEN)),
                (int) settings.idleLock().toMinutes()), loaded -> {
                    token.set(loaded.token());
                    idleMinutes.set(loaded.idleMinutes());
                }, this::failed);
    }

    /** Replaces the installation token (the view confirms first); the old one stops working within seconds. */
    public void regenerate() {
        message.set("");
        executor.submit(() -> settings.rotateInstallationToken(session.acting(Permission.API_TOKEN)), fresh -> {
            token.set(fresh);
            message.set("New token in use; the old one no longer works. Update every client that used it.");
        }, this::failed);
    }

    /** Saves {@code minutes} as the idle lock (checked and audited by the core) and applies it to this window. */
    public void saveIdleMinutes(int minutes) {
        message.set("");
        executor.submit(() -> settings.set(SettingKey.IDLE_LOCK_MINUTES, Integer.toString(minutes),
                session.acting(Permission.API_TOKEN)), stored -> {
                    int saved = Integer.parseInt(stored);
                    idleMinutes.set(saved);
                    idleLockChanged.accept(Duration.ofMinutes(saved));
                    message.set(saved == 0 ? "The workstation no longer locks by itself."
                            : "The workstation locks after " + saved + " min without input.");
                }, this::failed);
    }

    private void failed(Throwable e) {
        message.set(Optional.ofNullable(e.getMessage()).orElse(e.toString()));
    }
}
