package odcm.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The model is the domain in plain Java: nothing of the UI, the store, crypto libraries, or our other modules. */
// Each rule's check(...) throws an AssertionError naming every class that breaks it, so these tests fail on a violation.
class ArchitectureTest {
    static final JavaClasses MODEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("odcm.model");

    @Test
    void modelDependsOnNoFrameworkAndNoOtherModule() {
        noClasses().that().resideInAPackage("odcm.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "org.jooq..", "org.h2..", "org.flywaydb..", "org.bouncycastle..", "java.sql..",
                        "com.fasterxml..", "odcm.persistence..", "odcm.packaging..", "odcm.app..")
                .check(MODEL);
    }

    @Test
    void modelTouchesNoFiles() {
        noClasses().that().resideInAPackage("odcm.model..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .check(MODEL);
    }
}
