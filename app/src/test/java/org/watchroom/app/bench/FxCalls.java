package org.watchroom.app.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.watchroom.app.Workstation;
import org.watchroom.app.session.SessionViewModel;
import org.watchroom.core.testing.People;

/** What the UI benchmarks do on the FX thread: run a call and wait for it, sign in at a workstation's window. */
final class FxCalls {
    private static final long SIGN_IN_TIMEOUT_NANOS = 30_000_000_000L;

    private FxCalls() {
    }

    /** Runs {@code call} on the FX thread and waits for it (at most a minute). */
    static <T> T call(Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(call.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the FX thread", e);
        } catch (Exception e) {
            throw new IllegalStateException("on the FX thread: " + e.getMessage(), e);
        }
    }

    /**
     * Signs in as {@link People#ADMIN} at the window's sign-in screen, as a guard would (the data folder's first
     * administrator, made by {@link People#enrolAdmin}); returns once signed in. Call it off the FX thread.
     */
    static void signIn(Workstation workstation) throws InterruptedException {
        SessionViewModel session = workstation.window().session();
        long deadline = System.nanoTime() + SIGN_IN_TIMEOUT_NANOS;
        while (call(() -> session.busyProperty().get())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sign-in screen stayed busy");
            }
            Thread.sleep(50);
        }
        call(() -> {
            session.signIn(People.ADMIN.userName(), People.PASSWORD.toCharArray());
            return null;
        });
        while (call(() -> session.stateProperty().get() != SessionViewModel.State.SIGNED_IN)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not signed in after 30 s");
            }
            Thread.sleep(50);
        }
    }
}
