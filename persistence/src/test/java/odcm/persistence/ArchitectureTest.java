package odcm.persistence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The store knows the model and its own libraries, nothing of the UI, the crypto of bundles, or the app. */
// The rule's check(...) throws an AssertionError naming every class that breaks it; the canary shows it still does so
// while ArchUnit reads only our classes (archunit.properties, docs/decisions/0025).
class ArchitectureTest {
    private static final JavaClasses PERSISTENCE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("odcm.persistence");

    private static final ArchRule NO_UI_NO_BUNDLE_CRYPTO_NO_APP = noClasses().that().resideInAPackage("odcm.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.bouncycastle..", "odcm.packaging..", "odcm.app..");

    @Test
    void persistenceDependsOnNoUiNoBouncyCastleNoPackagingNoApp() {
        NO_UI_NO_BUNDLE_CRYPTO_NO_APP.check(PERSISTENCE);
    }

    /** A persistence class that uses a class of the app: read alone, the rule must refuse it. */
    static final class Canary {
        odcm.app.canary.AppSide app;
    }

    @Test
    void theRuleRefusesAClassThatBreaksIt() {
        AssertionError refused = assertThrows(AssertionError.class,
                () -> NO_UI_NO_BUNDLE_CRYPTO_NO_APP.check(new ClassFileImporter().importClasses(Canary.class)));
        assertTrue(refused.getMessage().contains("odcm.app.canary.AppSide"), refused.getMessage()); // the violation named
    }
}
