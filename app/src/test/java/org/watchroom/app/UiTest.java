package org.watchroom.app;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Tags a test that opens a real JavaFX window (TestFX on headless Monocle): tag {@code ui}.
 * {@code ./mvnw -Pquick verify} leaves these out; {@code ./mvnw verify} runs them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag("ui")
public @interface UiTest {
}
