package org.watchroom.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.watchroom.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheTaskExecutorHopsThreads = noClasses().that().resideOutsideOfPackage("org.watchroom.app.fx")
            .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
            .because("FX-thread hand-off lives in one place: the TaskExecutor");

    @ArchTest
    static final ArchRule viewModelsHaveNoScene = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .because("ViewModels are tested without a Stage");
}
