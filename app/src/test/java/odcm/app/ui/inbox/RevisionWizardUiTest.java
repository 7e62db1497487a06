package odcm.app.ui.inbox;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.release.CompareRow;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 point 5 (decision 0048): DevTest updates the variables of Web 1.0.0 and promotes it again; Prod's Inbox lists the
 * bundle as "update of 1.0.0: revision 2", and the wizard's "What's inside" shows the update with the diff of variables
 * against revision 1 (the Compare window's rows), then imports it as revision 2. Screenshots with -Dodcm.screenshots=true.
 */
class RevisionWizardUiTest extends TwoNetworkScreens {

    @Test
    void theWizardShowsRevisionTwoAsAnUpdateWithItsDiff() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        dev = both[0];
        prod = both[1];
        Path first = tmp.resolve("web-1.0.0.odcmbundle");
        TestBundles.throughTest(dev, "1.0.0"); // promotion follows the lifecycle (decision 0045)
        dev.bundles().create(DEV, "Web", "1.0.0", PROD, first, 30, false);
        prod.imports().importBundle(PROD, Files.readAllBytes(first), null, TestBundles.values());
        Project p = dev.projects().find(DEV, "Web");
        List<Variable> vars = new ArrayList<>(p.variables());
        vars.replaceAll(v -> v.name().equals("LogLevel") ? new Variable("LogLevel", "Debug", false, Scope.ALL) : v);
        vars.add(new Variable("CacheSize", "512", false, Scope.of(List.of("Test"))));
        dev.projects().update(DEV, "Web", new ProjectDraft("Web", p.description(), "Main", p.process(), vars, p.templates(), p.channels()));
        dev.releases().updateVariables(DEV, "Web", "1.0.0");
        dev.deployments().deploy(DEV, "Web", "1.0.0", "Development", true); // through the earlier phases, as promotion in order asks
        dev.deployments().deploy(DEV, "Web", "1.0.0", "Test", true);
        Path inboxRoot = TestBundles.location(tmp.resolve("network-b")).storeDir().resolve("inbox");
        Path folder = Files.createDirectories(InboxViewModel.defaultFolder(inboxRoot, PROD));
        dev.bundles().create(DEV, "Web", "1.0.0", PROD, folder.resolve("web-1.0.0-r2.odcmbundle"), 30, false);

        showInbox(inboxRoot);
        TableView<InboxViewModel.Item> table = node("#inbox-table");
        org.testfx.util.WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> fx(() -> !table.getItems().isEmpty()));
        assertEquals(List.of("update of 1.0.0: revision 2 of Web from DevTest Space"),
                table.getItems().stream().map(InboxViewModel.Item::release).toList(), () -> table.getItems().stream()
                        .map(i -> i.name() + ": " + i.sentence()).toList().toString());
        fx(() -> {
            table.getSelectionModel().select(0);
            return null;
        });
        ConsoleDriver.shoot(stage.getScene(), "inbox-revision-2");
        clickOn("#inbox-import");
        idle();
        assertTrue(((Label) node("#wizard-release")).getText().startsWith("1.0.0 (revision 2) of Web"));
        clickOn("#wizard-next");
        idle();

        assertEquals("Update of 1.0.0: revision 2 (revision 1 is here): 1 variable added, 1 changed.", ((Label) node("#wizard-update")).getText());
        TableView<CompareRow> diff = node("#wizard-update-diff");
        List<String> shown = fx(() -> diff.getItems().stream().map(r -> r.marker() + "|" + r.item() + "|" + r.fieldName() + "|" + r.from() + "|"
                + r.to()).toList());
        assertTrue(shown.contains("~|LogLevel (all environments)|changed: Value||"), shown.toString());
        assertTrue(shown.contains("~||Value|Info|Debug") && shown.contains("|Variables|6 variables: 1 added, 1 changed||"), shown.toString());
        assertTrue(shown.contains("+|CacheSize (Test)|added||"), shown.toString());
        assertFalse(shown.stream().anyMatch(s -> s.contains("Process") || s.contains("Packages") || s.contains("Deploy web")), "process and packages are the same: "
                + shown);
        assertEquals("Revision 1 (here)", diff.getColumns().get(3).getText());
        assertEquals("Revision 2 (bundle)", diff.getColumns().get(4).getText());
        ConsoleDriver.shoot(node("#import-wizard").getScene(), "wizard-2-revision-2-update");

        clickOn("#wizard-next");
        idle();
        clickOn("#wizard-next");
        idle();
        assertFalse(this.<Button>node("#wizard-finish").isDisabled(), "the values set here for revision 1 are kept");
        clickOn("#wizard-next");
        idle();
        assertTrue(((Label) node("#summary-release")).getText().startsWith("1.0.0 (revision 2) · "));
        clickOn("#wizard-finish");
        idle();
        assertEquals("Imported release 1.0.0 (revision 2) of 'DevTest Space: Web' into 'Prod Space' with lifecycle 'Prod'.",
                ((Label) node("#wizard-message")).getText());
        assertEquals(2, prod.releases().revision(PROD, REMOTE_WEB, "1.0.0"));
    }
}
