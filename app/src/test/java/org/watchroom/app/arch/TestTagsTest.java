package org.watchroom.app.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.commons.support.AnnotationSupport;
import org.testfx.framework.junit5.ApplicationExtension;
import org.watchroom.core.testing.TestClasses;

/**
 * Keeps the {@code ui} tag honest, so that {@code ./mvnw -Pquick verify} really leaves out the tests that open a
 * window: every test class run by TestFX's {@link ApplicationExtension} carries it ({@code @UiTest}).
 */
class TestTagsTest {

    @Test
    void testFxTestsAreTaggedUi() throws ClassNotFoundException {
        Set<String> fx = new TreeSet<>();
        Set<String> untagged = new TreeSet<>();
        for (JavaClass c : TestClasses.importTests("org.watchroom.app")) {
            Class<?> type = Class.forName(c.getName(), false, TestTagsTest.class.getClassLoader());
            boolean testFx = AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class).stream()
                    .anyMatch(e -> Arrays.asList(e.value()).contains(ApplicationExtension.class));
            if (!testFx) {
                continue;
            }
            fx.add(type.getName());
            if (!TestClasses.tagged(type, "ui")) {
                untagged.add(type.getName());
            }
        }

        assertThat(fx).as("test classes run by ApplicationExtension").isNotEmpty();
        assertThat(untagged).as("TestFX test classes without the ui tag").isEmpty();
    }
}
