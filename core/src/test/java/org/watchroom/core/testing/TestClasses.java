package org.watchroom.core.testing;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The test classes of a module, read for the checks that keep test tags honest (core's and app's
 * {@code TestTagsTest}).
 *
 * <p>Thread-safety: stateless; {@link #importTests} changes ArchUnit's global configuration while it reads, so
 * call it from one test class at a time (JUnit runs test classes one after another here).
 */
public final class TestClasses {

    private TestClasses() {
    }

    /**
     * The test classes below {@code rootPackage} alone: their calls are known by name, so nothing else on the class
     * path is read (seconds, not half a minute).
     */
    public static JavaClasses importTests(String rootPackage) {
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolving = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                    .importPackages(rootPackage);
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolving);
        }
    }

    /** Whether the class carries the JUnit tag, directly or through a composed annotation such as {@code @RtspTest}. */
    public static boolean tagged(Class<?> type, String tag) {
        return AnnotationSupport.findRepeatableAnnotations(type, Tag.class).stream()
                .anyMatch(t -> t.value().equals(tag));
    }
}
