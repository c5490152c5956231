package org.watchroom.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.watchroom.app.UiTest;
import org.watchroom.core.testing.Tee;

/** A failed background task reaches its callback on the FX thread and leaves its stack trace in the log. */
@ExtendWith(ApplicationExtension.class)
@UiTest
class FxTaskExecutorTest {
    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void aFailureIsLoggedWithItsStackTraceAndHandedToTheCallbackOnTheFxThread() throws Exception {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
        CompletableFuture<Boolean> handedOnFxThread = new CompletableFuture<>();
        try (FxTaskExecutor executor = new FxTaskExecutor()) {
            executor.submit(() -> {
                throw new IllegalStateException("cannot open rtsp://admin:hunter2@10.0.0.9/stream");
            }, result -> handedOnFxThread.complete(false), failure -> handedOnFxThread.complete(
                    Platform.isFxApplicationThread() && failure instanceof IllegalStateException));

            assertThat(handedOnFxThread.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            System.setErr(originalErr);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("A background task failed",
                "java.lang.IllegalStateException: cannot open rtsp://admin:***@10.0.0.9/stream",
                "at org.watchroom.app.fx.FxTaskExecutorTest").doesNotContain("hunter2");
    }
}
