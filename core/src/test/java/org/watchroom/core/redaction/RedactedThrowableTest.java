package org.watchroom.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RedactedThrowableTest {
    @Test
    @SuppressWarnings("OrphanedFormatString") // %20 is URL encoding, not a format
    void keepsClassesStacksAndCausesButNoPassword() {
        IOException cause = new IOException("cannot open rtsp://admin:top%20secret@10.0.0.5/live");
        RuntimeException error = new RuntimeException("camera failed with top secret", cause);
        error.addSuppressed(new IllegalStateException("also http://viewer:hunter2@cam/mjpg"));

        Throwable redacted = RedactedThrowable.of(error, "top secret");

        StringWriter printed = new StringWriter();
        redacted.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).contains(
                "java.lang.RuntimeException: camera failed with ***",
                "Caused by: java.io.IOException: cannot open rtsp://admin:***@10.0.0.5/live",
                "Suppressed: java.lang.IllegalStateException: also http://viewer:***@cam/mjpg",
                "at org.watchroom.core.redaction.RedactedThrowableTest.keepsClassesStacksAndCausesButNoPassword")
                .doesNotContain("top secret", "top%20secret", "hunter2");
        assertThat(redacted.getStackTrace()).isEqualTo(error.getStackTrace());
    }

    @Test
    void aCauseChainThatLoopsIsCutWhereItLoops() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        Throwable redacted = RedactedThrowable.of(a, null);

        assertThat(redacted.getCause().getMessage()).isEqualTo("b");
        assertThat(redacted.getCause().getCause()).isNull();
    }
}
