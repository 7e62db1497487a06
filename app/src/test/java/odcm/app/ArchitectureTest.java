package odcm.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The services, the command line and file handling never touch JavaFX; the screens never touch SQL. */
// Each rule's check(...) throws an AssertionError naming every class that breaks it, so these tests fail on a violation.
class ArchitectureTest {
    static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("odcm.app");

    @Test
    void servicesCommandLineApplyAndFilesAreFreeOfJavaFx() {
        noClasses().that().resideInAnyPackage("odcm.app.service..", "odcm.app.cli..", "odcm.app.apply..", "odcm.app.io..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..")
                .check(APP);
    }

    @Test
    void servicesKnowNothingOfTheirCallers() {
        noClasses().that().resideInAPackage("odcm.app.service..")
                .should().dependOnClassesThat().resideInAnyPackage("odcm.app.ui..", "odcm.app.cli..", "odcm.app.apply..")
                .check(APP);
    }

    @Test
    void filesServeBothCallersAndKnowNeither() {
        noClasses().that().resideInAPackage("odcm.app.io..")
                .should().dependOnClassesThat().resideInAnyPackage("odcm.app.ui..", "odcm.app.cli..", "odcm.app.service..", "odcm.app.apply..")
                .check(APP);
    }

    @Test
    void commandLineReachesTheConsoleOnlyThroughItsLauncher() {
        noClasses().that().resideInAPackage("odcm.app.cli..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("console classes other than ConsoleLauncher",
                        c -> c.getPackageName().startsWith("odcm.app.ui") && !c.getSimpleName().equals("ConsoleLauncher")))
                .check(APP);
    }

    @Test
    void graphLayoutAndRenderingAreFreeOfJavaFx() {
        noClasses().that().resideInAPackage("odcm.app.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..")
                .check(APP);
    }

    @Test
    void screensUseServicesNotTheStoreInternals() {
        noClasses().that().resideInAPackage("odcm.app.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "org.h2..", "org.flywaydb..", "odcm.persistence.jooq..", "java.sql..")
                .check(APP);
    }

    @Test
    void onlyOurClassesAreReadTheLibrariesTheyUseAreKnownByName() {
        // archunit.properties: resolveMissingDependenciesFromClassPath=false (docs/decisions/0025); the rules above need names only.
        com.tngtech.archunit.core.domain.JavaClass node = APP.get(odcm.app.ui.Console.class).getDirectDependenciesFromSelf().stream()
                .map(com.tngtech.archunit.core.domain.Dependency::getTargetClass)
                .filter(c -> c.getName().equals("javafx.stage.Stage")).findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(node.getSource().isEmpty(), "javafx.stage.Stage was read from the class path");
    }
}
