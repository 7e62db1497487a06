package odcm.persistence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The store knows the model and its own libraries, nothing of the UI, the crypto of bundles, or the app. */
// Each rule's check(...) throws an AssertionError naming every class that breaks it, so these tests fail on a violation.
class ArchitectureTest {
    private static final JavaClasses PERSISTENCE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("odcm.persistence");

    @Test
    void persistenceDependsOnNoUiNoBouncyCastleNoPackagingNoApp() {
        noClasses().that().resideInAPackage("odcm.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.bouncycastle..", "odcm.packaging..", "odcm.app..")
                .check(PERSISTENCE);
    }
}
