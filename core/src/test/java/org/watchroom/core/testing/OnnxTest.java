package org.watchroom.core.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Tags a test that loads a real ONNX model from the mirror into ONNX Runtime ({@link TestModels}): tag {@code onnx}.
 * {@code ./mvnw -Pquick verify} leaves these out; {@code ./mvnw verify} runs them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag("onnx")
public @interface OnnxTest {
}
