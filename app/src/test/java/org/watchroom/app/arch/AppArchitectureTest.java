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
import org.watchroom.core.account.UserStore;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.engine.Reviews;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.EventTimeline;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.SegmentStore;

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

    /*
     * The view models and their helpers (and the views beside them in these packages) reach cameras, events, reviews,
     * users and settings through the ports (CameraCatalog, EventCatalog, ReviewDesk, Accounts, SettingsAccess,
     * TimelineIndex, SegmentLookup, GapIndex, EngineControl), never through the classes that implement them in
     * process. Nothing needs an exception today: what must stay on the engine's own objects (the wall's live cameras
     * and frames, export's Database, the event bus, Recordings.stored) goes through Engine, Database, EventBus or
     * Recordings, which this rule does not name; MainWindow and Workstation (the wiring) are outside these packages.
     */
    @ArchTest
    static final ArchRule viewModelsUseThePorts = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .or().resideInAnyPackage("org.watchroom.app.alerts..", "org.watchroom.app.review..",
                    "org.watchroom.app.timeline..", "org.watchroom.app.cameras..", "org.watchroom.app.admin..",
                    "org.watchroom.app.status..")
            .should().dependOnClassesThat().belongToAnyOf(CameraStore.class, EventStore.class, Reviews.class,
                    UserStore.class, Settings.class, EventTimeline.class, SegmentStore.class, GapStore.class)
            .because("the workstation will reach a separate engine (another process) through these ports; the "
                    + "store classes only work in the engine's own process");

    /**
     * The wall and the status bar show an engine that may run in another process: they list its cameras through the
     * {@code LiveWall} port and read frames through {@code WallFrames}; only {@code EngineFrames} (the frames of an
     * engine in this process) and {@code WallViewModel.of} (its wiring) touch the engine's live objects.
     */
    @ArchTest
    static final ArchRule wallAndStatusUseThePorts = noClasses().that()
            .resideInAnyPackage("org.watchroom.app.wall..", "org.watchroom.app.status..")
            .and().haveNameNotMatching(".*\\.EngineFrames(\\$.*)?").and().doNotHaveSimpleName("WallViewModel")
            .should().dependOnClassesThat().belongToAnyOf(Engine.class, LiveCamera.class, CameraSource.class)
            .because("a workstation attached to an engine in another process has no live cameras of its own");

    @ArchTest
    static final ArchRule wallViewModelReachesTheEngineOnlyToWireIt = noClasses().that().haveSimpleName("WallViewModel")
            .should().dependOnClassesThat().belongToAnyOf(LiveCamera.class, CameraSource.class)
            .because("the wall's model lists cameras through the LiveWall port");
}
