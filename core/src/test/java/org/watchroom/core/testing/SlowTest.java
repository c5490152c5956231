package org.watchroom.core.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Tags a test class that takes more than about 10 s on the 2-core build machine: tag {@code slow}.
 * {@code ./mvnw -Pquick verify} leaves these out; {@code ./mvnw verify} runs them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag("slow")
public @interface SlowTest {
}
