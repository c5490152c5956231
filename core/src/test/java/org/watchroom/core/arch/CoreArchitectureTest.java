package org.watchroom.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

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

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("org.watchroom.core.(*)..")
            .should().beFreeOfCycles()
            .because("a cycle makes two features one: neither can be understood, tested or moved without the other");

    /**
     * Core's features from the bottom up (docs/architecture.md draws the same list): a feature uses features of its
     * own layer or below, never above. Within a layer, {@link #featuresAreFreeOfCycles} keeps the uses one way.
     */
    static final List<List<String>> LAYERS = List.of(
            List.of("config", "digest", "fs", "metrics", "frame", "audit", "model", "redaction", "control"),
            List.of("media"),
            List.of("camera", "detect"),
            List.of("auth"),
            List.of("store"),
            List.of("account", "settings"),
            List.of("record", "playback", "tiering", "demo"),
            List.of("bus", "event"),
            List.of("engine"),
            List.of("api", "evidence", "archive", "headless", "selftest", "remote"),
            List.of("cli"));

    @ArchTest
    static final ArchRule featuresUseOnlyTheirLayerOrBelow = classes().that().resideInAPackage("org.watchroom.core..")
            .should(useOnlyTheirLayerOrBelow())
            .because("stores do not publish, values do not persist, settings do not start servers: each layer is "
                    + "built from the ones below it");

    private static ArchCondition<JavaClass> useOnlyTheirLayerOrBelow() {
        return new ArchCondition<>("use only features of their own layer or below") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                int from = layer(feature(origin.getPackageName()));
                if (from < 0) {
                    events.add(SimpleConditionEvent.violated(origin, origin.getPackageName()
                            + " is in no layer of CoreArchitectureTest.LAYERS: add its feature there"));
                    return;
                }
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = feature(dependency.getTargetClass().getPackageName());
                    if (target == null) {
                        continue; // outside core
                    }
                    if (layer(target) > from) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + " reaches up from " + feature(origin.getPackageName()) + " to " + target));
                    }
                }
            }
        };
    }

    /** The feature of a package in core ({@code store} for {@code org.watchroom.core.store.internal}), else null. */
    private static String feature(String packageName) {
        String core = "org.watchroom.core.";
        if (!packageName.startsWith(core)) {
            return null;
        }
        String rest = packageName.substring(core.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static int layer(String feature) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(feature)) {
                return i;
            }
        }
        return -1;
    }

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
