package org.watchroom.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import javafx.application.Platform;
import javafx.scene.Node;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Database;

@AnalyzeClasses(packages = "org.watchroom.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheTaskExecutorHopsThreads = noClasses().that().resideOutsideOfPackage("org.watchroom.app.fx")
            .should().callMethod(Platform.class, "runLater", Runnable.class)
            .because("FX-thread hand-off lives in one place: the TaskExecutor");

    @ArchTest
    static final ArchRule viewModelsHaveNoScene = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .because("ViewModels are tested without a Stage");

    @ArchTest
    static final ArchRule viewsTalkToTheirViewModels = noClasses().that().areAssignableTo(Node.class)
            .should().dependOnClassesThat().belongToAnyOf(TaskExecutor.class, Engine.class, EventBus.class,
                    Database.class, Session.class)
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
            .because("a view talks to its ViewModel, which runs the work off the FX thread; pictures come from the "
                    + "shared ThumbnailCache");
}
