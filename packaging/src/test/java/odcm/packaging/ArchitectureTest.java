package odcm.packaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** packaging sits between model and the app: it never sees the UI or the store (docs: ENGINEERING.md, section 2). */
@AnalyzeClasses(packages = "odcm.packaging", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule packagingKnowsNoUiAndNoStore = noClasses()
            .that().resideInAPackage("odcm.packaging..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "javafx..", "org.jooq..", "org.h2..", "org.flywaydb..", "odcm.persistence..", "odcm.app..");
}
