package org.watchroom.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.watchroom.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoJavaFx = noClasses().that().resideInAPackage("org.watchroom.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
            .because("core runs headless and on servers; the UI lives in the app module");

    @ArchTest
    static final ArchRule internalsStayInternal = noClasses().that().resideOutsideOfPackage("..internal..")
            .and().resideOutsideOfPackage("org.watchroom.core.camera")
            .and().resideOutsideOfPackage("org.watchroom.core.store")
            .and().resideOutsideOfPackage("org.watchroom.core.model")
            .and().resideOutsideOfPackage("org.watchroom.core.detect")
            .and().resideOutsideOfPackage("org.watchroom.core.record")
            .should().dependOnClassesThat().resideInAPackage("..internal..")
            .because("internal packages are implementation details of their feature");
}
