package odcm.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The model is the domain in plain Java: nothing of the UI, the store, crypto libraries, or our other modules. */
// Each rule's check(...) throws an AssertionError naming every class that breaks it; the canary shows each rule still
// does so while ArchUnit reads only our classes (archunit.properties, docs/decisions/0025).
class ArchitectureTest {
    static final JavaClasses MODEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("odcm.model");

    private static final ArchRule NO_FRAMEWORK = noClasses().that().resideInAPackage("odcm.model..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "javafx..", "org.jooq..", "org.h2..", "org.flywaydb..", "org.bouncycastle..", "java.sql..",
                    "com.fasterxml..", "odcm.persistence..", "odcm.packaging..", "odcm.app..");

    private static final ArchRule NO_FILES = noClasses().that().resideInAPackage("odcm.model..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream");

    @Test
    void modelDependsOnNoFrameworkAndNoOtherModule() {
        NO_FRAMEWORK.check(MODEL);
    }

    @Test
    void modelTouchesNoFiles() {
        NO_FILES.check(MODEL);
    }

    /** A model class that breaks both rules: read alone, it must be refused by each. */
    static final class Canary {
        java.sql.Timestamp at;
        java.nio.file.Path file;
    }

    @Test
    void eachRuleRefusesAClassThatBreaksIt() {
        JavaClasses canary = new ClassFileImporter().importClasses(Canary.class);
        // the violation named, not merely "no class checked"
        assertTrue(assertThrows(AssertionError.class, () -> NO_FRAMEWORK.check(canary)).getMessage().contains("java.sql.Timestamp"));
        assertTrue(assertThrows(AssertionError.class, () -> NO_FILES.check(canary)).getMessage().contains("java.nio.file.Path"));
    }
}
