package odcm.app.ui.inbox;

import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.app.ui.common.Css;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.project.Project;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 11, point 4 in the console: a genuine bundle whose sequence jumps beyond the window stops at step 1 of the import
 * wizard with the verifier's sentence and a checkbox; ticking it checks the bundle again accepting the jump, the wizard goes
 * on, and the import records the jump in the audit log.
 */
class SequenceJumpWizardUiTest extends TwoNetworkScreens {
    void type(String query, String text) throws Exception {
        assertTrue(fx(() -> ImportWizard.scrollTo(node("#wizard-values"), query.substring(1))), "a line " + query);
        odcm.app.ui.DirectRobot.settle();
        clickOn(this.<Node>node(query)).write(text);
    }

    @Test
    void aSequenceJumpIsImportedOnlyAfterTheImporterTicksTheConfirmation() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        dev = both[0];
        prod = both[1];
        Path inboxRoot = TestBundles.location(tmp.resolve("network-b")).storeDir().resolve("inbox");
        Path folder = Files.createDirectories(InboxViewModel.defaultFolder(inboxRoot, PROD));
        Files.write(folder.resolve("web-far.odcmbundle"), TestBundles.bundle(dev, "1.0.0", Long.MAX_VALUE));

        showInbox(inboxRoot);
        TableView<InboxViewModel.Item> table = node("#inbox-table");
        fx(() -> {
            table.getSelectionModel().select(0);
            return null;
        });
        clickOn("#inbox-import");
        idle();
        Label verdict = node("#wizard-verdict");
        assertTrue(verdict.getText().startsWith("This bundle from 'DevTest Space' has sequence number " + Long.MAX_VALUE + ", more than 1000 past"),
                verdict.getText());
        assertTrue(verdict.getStyleClass().contains(Css.ERROR));
        assertTrue(this.<Button>node("#wizard-next").isDisabled(), "Next disabled until the jump is confirmed");
        CheckBox accept = node("#wizard-accept-jump");
        assertFalse(accept.isSelected());
        assertEquals(List.of(), prod.projects().list(PROD), "nothing imported");
        odcm.app.ui.ConsoleDriver.shoot(node("#import-wizard").getScene(), "wizard-1-sequence-jump");

        clickOn(accept);
        idle();
        odcm.app.ui.ConsoleDriver.shoot(node("#import-wizard").getScene(), "wizard-1-sequence-jump-accepted");
        assertEquals(TestBundles.DEV, ((Label) node("#wizard-signer")).getText(), "checked again, accepting the jump: genuine");
        assertTrue(((Label) node("#wizard-jump-accepted")).getText().contains("audit log"));
        clickOn("#wizard-next");
        idle();
        clickOn("#wizard-next");
        idle();
        clickOn("#wizard-next");
        idle();
        type("#value-Staging-AdminEmail", "ops-staging@example.org");
        type("#value-Staging-DbPassword", "staging-pw-4411");
        type("#value-Production-AdminEmail", "ops@example.org");
        clickOn("#wizard-next");
        idle();
        clickOn("#wizard-finish");
        idle();
        assertEquals("Imported release 1.0.0 of 'DevTest Space: Web' into 'Prod Space' with lifecycle 'Prod'.",
                ((Label) node("#wizard-message")).getText());
        assertEquals(List.of(REMOTE_WEB), prod.projects().list(PROD).stream().map(Project::name).toList());
        AuditEntry jump = prod.audit().list(AuditFilter.ALL).stream().filter(e -> e.action().equals("bundle.sequence-jump")).findFirst()
                .orElseThrow();
        assertEquals("sequence jumped from none accepted yet to " + Long.MAX_VALUE + ", beyond the window of 1000; accepted as the importer "
                + "confirmed", jump.detail());
    }
}
