package org.watchroom.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

@AnalyzeClasses(packages = "org.watchroom.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoJavaFx = noClasses().that().resideInAPackage("org.watchroom.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
            .because("core runs headless and on servers; the UI lives in the app module");

    @ArchTest
    static final ArchRule mediaKnowsNoCameras = noClasses().that().resideInAPackage("org.watchroom.core.media..")
            .should().dependOnClassesThat().resideInAPackage("org.watchroom.core.camera..")
            .because("media opens what FFmpeg needs (a MediaInput); cameras, clips and segments adapt to it");

    @ArchTest
    static final ArchRule internalsStayInternal = classes().should(useOnlyTheirOwnFeaturesInternals())
            .because("X.internal is an implementation detail of feature X; shared plumbing gets a public package");

    private static ArchCondition<JavaClass> useOnlyTheirOwnFeaturesInternals() {
        return new ArchCondition<>("use no other feature's internal package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    int internal = target.indexOf(".internal");
                    if (internal < 0) {
                        continue;
                    }
                    String feature = target.substring(0, internal);
                    String from = origin.getPackageName();
                    if (!from.equals(feature) && !from.startsWith(feature + ".")) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
