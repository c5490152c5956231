package org.watchroom.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.watchroom.core.detect.DetectorModel;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.TestClasses;
import org.watchroom.core.testing.TestModels;

/**
 * Keeps the test tags honest, so that {@code ./mvnw -Pquick verify} really leaves out what it promises to: a test
 * class that starts the RTSP test server carries {@code rtsp}, one that takes a real model from the mirror carries
 * {@code onnx} (through {@code @RtspTest} and {@code @OnnxTest}, or a plain {@code @Tag}).
 */
class TestTagsTest {
    private static final JavaClasses TESTS = TestClasses.importTests("org.watchroom.core");

    @Test
    void testsThatStartTheRtspServerAreTaggedRtsp() {
        // calls, not mere mentions: this class names RtspTestServer.class too
        Set<String> users = testClassesWhere(c -> c.getAccessesFromSelf().stream()
                .anyMatch(a -> a.getTargetOwner().getName().startsWith(RtspTestServer.class.getName())));

        assertThat(users).as("test classes that use RtspTestServer").isNotEmpty();
        assertThat(untagged(users, "rtsp")).as("test classes that start the RTSP server without the rtsp tag")
                .isEmpty();
    }

    @Test
    void testsThatLoadAModelFromTheMirrorAreTaggedOnnx() {
        Set<String> users = testClassesWhere(c -> c.getMethodCallsFromSelf().stream()
                .anyMatch(call -> call.getTargetOwner().isEquivalentTo(TestModels.class)
                        && call.getTarget().getRawReturnType().isEquivalentTo(DetectorModel.class)));

        assertThat(users).as("test classes that take a DetectorModel from TestModels").isNotEmpty();
        assertThat(untagged(users, "onnx")).as("test classes that load a real model without the onnx tag").isEmpty();
    }

    /** The top-level test classes (what Surefire runs) in which some class, nested or anonymous ones too, matches. */
    private static Set<String> testClassesWhere(Predicate<JavaClass> uses) {
        Set<String> found = new TreeSet<>();
        for (JavaClass c : TESTS) {
            if (!uses.test(c)) {
                continue;
            }
            String top = c.getName().split("\\$", 2)[0]; // Outer$Nested, Outer$1 -> Outer
            if (top.endsWith("Test")) {
                found.add(top);
            }
        }
        return found;
    }

    private static Set<String> untagged(Set<String> classNames, String tag) {
        Set<String> missing = new TreeSet<>();
        for (String name : classNames) {
            try {
                Class<?> type = Class.forName(name, false, TestTagsTest.class.getClassLoader());
                if (!TestClasses.tagged(type, tag)) {
                    missing.add(name);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name, e);
            }
        }
        return missing;
    }
}
