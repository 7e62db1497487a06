package odcm.app.ui.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.TestStores;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** Issue 15 point 6: saving a lifecycle that gained environments says, per project using it, which mandatory values they lack. */
class LifecycleLackingValuesTest {
    static final String DEV = "DevTest Space";
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    static VariableTemplate mandatory(String name, TemplateType type) {
        return new VariableTemplate(name, "", "", type, List.of(), true, "");
    }

    @Test
    void savingALifecycleWithNewEnvironmentsListsWhatEachProjectLacksThere() throws Exception {
        StoreLocation location = TestStores.location(tmp, "network-a");
        try (AppContext ctx = AppContext.open(location)) {
            ctx.spaces().create(DEV, "", KeyAlgorithm.EC_P256);
            ctx.remotes().add("Prod Space", "", TestStores.foreignCertificatePem("Prod Space"), null);
            ctx.environments().create(DEV, "Development", "");
            ctx.environments().create(DEV, "Staging", "");
            ctx.environments().create(DEV, "QA", "");
            ctx.environments().createRemote(DEV, "Prod Space", "Production");
            ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "", true, List.of(
                    new LifecycleDraft.PhaseDraft("Dev", List.of("Development"), List.of(), List.of(), ProgressionRule.ALL))));
            Scope dev = Scope.of(List.of("Development"));
            ctx.projects().create(DEV, new ProjectDraft("Payments", "", "Main", List.of(),
                    List.of(new Variable("DbPassword", "pw-dev", true, dev), new Variable("ApiUrl", "http://dev", false, dev)),
                    List.of(mandatory("DbPassword", TemplateType.SENSITIVE), mandatory("ApiUrl", TemplateType.SINGLE_LINE)), List.of()));
            ctx.projects().create(DEV, new ProjectDraft("Web Shop", "", "Main", List.of(),
                    List.of(new Variable("Host", "dev.example.org", false, dev)), List.of(mandatory("Host", TemplateType.SINGLE_LINE)), List.of()));
        }
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            c.open("nav-lifecycles");
            c.clickOn(c.lookup("#lifecycles-table .table-cell").queryAll().stream()
                    .filter(n -> String.valueOf(((javafx.scene.control.TableCell<?, ?>) n).getText()).startsWith("Main")).findFirst().orElseThrow());
            c.idle();
            assertEquals("Main", c.<Label>node("#lifecycle-editor-title").getText());
            Label lacking = c.node("#lifecycle-lacking");
            assertFalse(lacking.isVisible(), "nothing to say before a save");

            c.clickOn("#phase-add");
            c.write("Later");
            c.clickOn(LifecycleScreensTest.member(c, "phase-env", "Staging"));
            c.clickOn(LifecycleScreensTest.member(c, "phase-remote", "Prod Space: Production"));
            c.clickOn("#lifecycle-save");
            c.idle();

            assertEquals("Saved lifecycle 'Main' of 'DevTest Space'. It is the space's default lifecycle.", c.<Label>node("#lifecycles-message").getText(),
                    "the save happened: the prompt only informs");
            Lifecycle saved = c.console().context().lifecycles().find(DEV, "Main");
            assertEquals(2, saved.phases().size());
            assertTrue(lacking.isVisible());
            assertEquals("""
                    The environments just added lack mandatory values (the lifecycle is saved):
                    • Payments lacks DbPassword, ApiUrl for Staging
                    • Payments lacks DbPassword, ApiUrl for Prod Space: Production (its bundles carry no value for them: the importer there will be asked)
                    • Web Shop lacks Host for Staging
                    • Web Shop lacks Host for Prod Space: Production (its bundles carry no value for it: the importer there will be asked)
                    Set them in each project's variables; a project made here then needs a new release, as a release deploys with the values \
                    frozen in it.""", lacking.getText());
            assertEquals(List.of("Main"), c.<TableView<Lifecycle>>node("#lifecycles-table").getItems().stream().map(Lifecycle::name).toList());
            c.shoot("lifecycle-lacking-values");

            c.clickOn("#lifecycle-lacking-dismiss");
            assertFalse(lacking.isVisible(), "dismissed");

            c.clickOn("#phase-add");
            c.write("Acceptance");
            c.clickOn(LifecycleScreensTest.member(c, "phase-env", "QA"));
            c.clickOn("#lifecycle-save");
            c.idle();
            assertEquals("""
                    The environments just added lack mandatory values (the lifecycle is saved):
                    • Payments lacks DbPassword, ApiUrl for QA
                    • Web Shop lacks Host for QA
                    Set them in each project's variables; a project made here then needs a new release, as a release deploys with the values \
                    frozen in it.""", lacking.getText(), "only the environment just added");

            javafx.scene.control.TextField name = c.node("#lifecycle-name");
            c.interact(() -> name.setText("Main lifecycle")); // its field may be scrolled out of sight under the note
            assertFalse(lacking.isVisible(), "an edit makes it stale: it goes");
            c.interact(() -> name.setText("Main"));
            c.clickOn("#phase-add");
            c.clickOn("#lifecycle-save");
            c.idle();
            assertEquals(4, c.console().context().lifecycles().find(DEV, "Main").phases().size());
            assertFalse(lacking.isVisible(), "a save that adds no environment has nothing to say");
        }
    }
}
