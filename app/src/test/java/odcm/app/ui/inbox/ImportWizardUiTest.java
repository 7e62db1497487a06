package odcm.app.ui.inbox;

import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.common.Screen;
import odcm.model.audit.AuditFilter;
import odcm.model.project.Project;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the Inbox and the whole import wizard on bundles written by the bundle capability: a tampered bundle stops at
 * step 1 with its reason; a genuine one goes through every step, Finish stays disabled until the mandatory values are
 * filled in, and the import makes the remote project. A screenshot of every step goes to target/screenshots.
 */
class ImportWizardUiTest extends TwoNetworkScreens {
    /** Scrolls the field into sight, clicks it and types, as a user would. */
    void type(String query, String text) throws Exception {
        assertTrue(fx(() -> ImportWizard.scrollTo(node("#wizard-values"), query.substring(1))), "a line " + query);
        odcm.app.ui.DirectRobot.settle();
        clickOn(this.<Node>node(query)).write(text);
    }

    Path shootWizard(String name) {
        return ConsoleDriver.shoot(node("#import-wizard").getScene(), name);
    }

    static final String TEMPLATE = "Review environments of the checkout team";

    @Test
    void theWholeWizardFromTheInbox() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        dev = both[0];
        prod = both[1];
        Path inboxRoot = TestBundles.location(tmp.resolve("network-b")).storeDir().resolve("inbox");
        Path folder = Files.createDirectories(InboxViewModel.defaultFolder(inboxRoot, PROD));
        // Promoted out of lifecycle order by its release manager (decision 0045): the wizard and the import say so.
        byte[] bundle = TestBundles.bundle(dev, "1.0.0", 1, new odcm.packaging.bundle.BundleContent.OutOfOrder("alice", "Test lab down",
                "Release 1.0.0 cannot be promoted to 'Prod Space' yet: phase 'Test' (all must complete) comes first and still needs a "
                        + "successful deployment to Test."));
        Files.write(folder.resolve("web-1.0.0.odcmbundle"), bundle);
        // Issue 18: a template in the lifecycle has its rows in the Values step (every instance's), which may stay blank.
        prod.templates().create(PROD, odcm.model.environment.EnvironmentTemplate.draft(TEMPLATE, "", List.of(), List.of(), List.of(),
                "#{Release.Number}-review", null, true, 0));
        prod.lifecycles().update(PROD, "Prod", new odcm.model.lifecycle.LifecycleDraft("Prod", "", true, List.of(
                new odcm.model.lifecycle.LifecycleDraft.PhaseDraft("Staging", List.of("Staging"), List.of(), List.of(), odcm.model.lifecycle.ProgressionRule.ALL),
                new odcm.model.lifecycle.LifecycleDraft.PhaseDraft("Production", List.of("Production"), List.of(), List.of(),
                        odcm.model.lifecycle.ProgressionRule.ALL, List.of(TEMPLATE)))));
        Files.write(folder.resolve("web-1.0.0-tampered.odcmbundle"), TestBundles.tampered(bundle));

        Screen inbox = showInbox(inboxRoot);
        TableView<InboxViewModel.Item> table = node("#inbox-table");
        assertEquals(List.of("web-1.0.0-tampered.odcmbundle", "web-1.0.0.odcmbundle"), table.getItems().stream().map(InboxViewModel.Item::name).toList());
        assertEquals(List.of("Refused", "Genuine"), table.getItems().stream().map(InboxViewModel.Item::verdict).toList(), "listed with outcomes");
        fx(() -> {
            table.getSelectionModel().select(1);
            return null;
        });
        ConsoleDriver.shoot(stage.getScene(), "inbox");

        // The file's SHA-256, in groups of four as the Promote dialog shows it to the promoter.
        String sha = odcm.app.service.BundleService.fileFingerprint(bundle).grouped();
        assertEquals(sha.substring(0, 39) + "\n" + sha.substring(40), this.<Label>node("#inbox-sha256").getText());
        assertFalse(this.<Button>node("#inbox-import").isDisabled());

        // A tampered bundle: Import… is not offered; the tooltip and the line under the list say why.
        fx(() -> {
            table.getSelectionModel().select(0);
            return null;
        });
        Button importButton = node("#inbox-import");
        assertTrue(importButton.isDisabled(), "no wizard for a refused bundle");
        assertEquals("Not importable: " + table.getItems().get(0).sentence(), importButton.getAccessibleHelp());
        assertTrue(this.<Label>node("#inbox-detail").getText().endsWith(table.getItems().get(0).sentence()));
        String tamperedSha = odcm.app.service.BundleService.fileFingerprint(TestBundles.tampered(bundle)).grouped();
        assertEquals(tamperedSha.substring(0, 39) + "\n" + tamperedSha.substring(40), this.<Label>node("#inbox-sha256").getText(),
                "its own SHA-256, not the genuine file's");
        doubleClickOn(lookup("#inbox-table .table-row-cell").<Node>query());
        idle();
        assertTrue(lookup("#import-wizard").tryQuery().isEmpty(), "nor by a double click");
        ConsoleDriver.shoot(stage.getScene(), "inbox-refused");

        // The genuine bundle, step by step.
        fx(() -> {
            table.getSelectionModel().select(1);
            return null;
        });
        clickOn("#inbox-import");
        idle();
        assertEquals(TestBundles.DEV, ((Label) node("#wizard-signer")).getText());
        assertEquals(sha.substring(0, 39) + "\n" + sha.substring(40), this.<Label>node("#wizard-file-sha256").getText(),
                "the wizard shows the file's SHA-256 too");
        assertFalse(this.<Button>node("#wizard-file-sha256-copy").isDisabled());
        assertEquals("Promoted out of lifecycle order by alice: Test lab down (skipped: Release 1.0.0 cannot be promoted to 'Prod Space' yet: "
                + "phase 'Test' (all must complete) comes first and still needs a successful deployment to Test.)",
                ((Label) node("#wizard-out-of-order")).getText());
        assertFalse(this.<Button>node("#wizard-next").isDisabled());
        shootWizard("wizard-1-who-sent-it");

        clickOn("#wizard-next");
        idle();
        assertTrue(((Label) node("#wizard-becomes")).getText().contains("'DevTest Space: Web'"));
        assertEquals(odcm.model.project.Variable.MASK, ((Label) node("#wizard-revealed")).getText(), "masked until revealed");
        shootWizard("wizard-2-whats-inside");
        clickOn("#wizard-reveal");
        idle();
        assertEquals(TestBundles.SECRET, ((Label) node("#wizard-revealed")).getText());
        assertEquals("bundle.reveal", prod.audit().list(AuditFilter.ALL).get(0).action(), "revealing is audited");

        clickOn("#wizard-next");
        idle();
        assertTrue(((Label) node("#wizard-lifecycle-hint")).getText().startsWith("Chosen automatically"));
        for (Node choice : lookup("#wizard-lifecycles .radio-button").queryAll()) { // each with its phases, told apart
            String text = ((javafx.scene.control.RadioButton) choice).getText();
            assertTrue(text.matches("\\S.* — .+ · (deploys here to .+|no environment of this space)"), text);
        }
        assertTrue(((javafx.scene.control.RadioButton) lookup("#wizard-lifecycles .radio-button").query()).getText().startsWith("Prod — "));
        shootWizard("wizard-3-lifecycle");

        clickOn("#wizard-next");
        idle();
        Label missing = node("#wizard-missing");
        String left = " Left blank for each instance (one without a value of its own cannot be deployed to): " + TEMPLATE
                + " (template): Admin e-mail, Database password."; // review M1: a template's blank values hold nothing back, but are said
        assertEquals("Missing mandatory values (3): Staging: Admin e-mail; Staging: Database password; Production: Admin e-mail." + left, missing.getText());
        assertTrue(this.<Button>node("#wizard-finish").isDisabled(), "Finish disabled while values are missing");
        assertTrue(this.<Button>node("#wizard-next").isDisabled());
        shootWizard("wizard-4-values-missing");
        type("#value-Staging-AdminEmail", "ops-staging@example.org");
        type("#value-Staging-DbPassword", "staging-pw-4411");
        assertTrue(this.<Button>node("#wizard-finish").isDisabled(), "still one missing");
        type("#value-Production-AdminEmail", "ops@example.org");
        assertEquals("Every environment's mandatory value is set." + left, missing.getText());
        assertFalse(this.<Button>node("#wizard-finish").isDisabled());
        // Tab goes from field to field, through a multi-line one and from one environment's last into the next's first.
        assertTrue(fx(() -> ImportWizard.scrollTo(node("#wizard-values"), "values-Staging")));
        odcm.app.ui.DirectRobot.settle();
        clickOn(this.<Node>node("#value-Staging-AdminEmail"));
        List<String> walked = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            push(javafx.scene.input.KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents(3); // the list follows the focus after it moved
            walked.add(fx(() -> {
                for (Node n = stage.getScene().getWindow() == null ? null : node("#import-wizard").getScene().getFocusOwner(); n != null; n = n.getParent()) {
                    if (n.getId() != null && n.getId().startsWith("value-")) {
                        return n.getId();
                    }
                }
                return "none";
            }));
        }
        assertEquals(List.of("value-Staging-DbPassword", "value-Staging-Banner", "value-Staging-Maintenance",
                "value-Production-Region", "value-Production-AdminEmail", "value-Production-DbPassword", "value-Production-Banner",
                "value-Production-Maintenance"), walked);
        assertEquals("", ((javafx.scene.control.TextArea) node("#value-Staging-Banner")).getText(), "no tab character typed into it");

        // The eye shows what the importer typed at once; a value filled in for them only after an audit entry.
        int entries = prod.audit().list(AuditFilter.ALL).size();
        assertTrue(fx(() -> ImportWizard.scrollTo(node("#wizard-values"), "value-Staging-DbPassword")));
        odcm.app.ui.DirectRobot.settle();
        clickOn("#value-Staging-DbPassword-show");
        idle();
        javafx.scene.control.TextField shown = node("#value-Staging-DbPassword-shown");
        assertTrue(shown.isVisible());
        assertEquals("staging-pw-4411", shown.getText());
        assertEquals(entries, prod.audit().list(AuditFilter.ALL).size(), "the importer's own typing: no audit entry");
        assertTrue(fx(() -> ImportWizard.scrollTo(node("#wizard-values"), "value-Production-DbPassword")));
        odcm.app.ui.DirectRobot.settle();
        // a character added to the provided value does not make it the importer's own: it would show all but that character
        javafx.scene.control.PasswordField providedField = node("#value-Production-DbPassword");
        assertTrue(fx(() -> {
            providedField.appendText("x");
            return true;
        }));
        clickOn("#value-Production-DbPassword-show");
        idle();
        assertEquals("bundle.reveal", prod.audit().list(AuditFilter.ALL).get(0).action(), "a provided value: revealed with an audit entry");
        assertEquals(entries + 1, prod.audit().list(AuditFilter.ALL).size());
        assertEquals(TestBundles.SECRET + "x", this.<javafx.scene.control.TextField>node("#value-Production-DbPassword-shown").getText());
        assertTrue(fx(() -> {
            providedField.deleteText(providedField.getLength() - 1, providedField.getLength());
            return true;
        }));
        shootWizard("wizard-4-values-shown");
        Node provided = node("#value-Production-DbPassword-help");
        assertEquals("The shop database's password. Provided by DevTest Space. Mandatory.", ((Label) provided).getText());
        fx(() -> ImportWizard.scrollTo(node("#wizard-values"), "value-Production-Maintenance"));
        odcm.app.ui.DirectRobot.settle();
        shootWizard("wizard-4-values-filled");
        String heading = "values-" + ImportWizard.safe(TEMPLATE + " (template)");
        assertTrue(fx(() -> ImportWizard.scrollTo(node("#wizard-values"), heading)));
        odcm.app.ui.DirectRobot.settle();
        assertEquals(TEMPLATE + " (template) · every instance (5 values)", ((Label) node("#" + heading)).getText());
        Label status = node("#wizard-missing");
        assertEquals("Every environment's mandatory value is set." + left, status.getText(), "still so at the template's rows");
        assertTrue(status.getStyleClass().contains(odcm.app.ui.common.Css.WARNING) && !status.getStyleClass().contains(odcm.app.ui.common.Css.OK));
        assertFalse(this.<Button>node("#wizard-finish").isDisabled());
        shootWizard("wizard-4-values-template");

        clickOn("#wizard-next");
        idle();
        assertTrue(((Label) node("#summary-values-Staging")).getText().contains("Database password = ********"));
        String staging = ((Label) node("#summary-values-Staging")).getText();
        assertTrue(((Label) node("#summary-values-" + ImportWizard.safe(TEMPLATE + " (template)"))).getText()
                .endsWith("left blank for each instance: Admin e-mail, Database password"), "review M1: the Summary says it too");
        assertTrue(staging.contains("Maintenance mode = No") && !staging.contains("false") && !staging.contains("true"), staging);
        shootWizard("wizard-5-summary");

        // Cancelled (decision 0052): the worker held by earlier work, Finish shows the import's progress; Cancel there, then
        // the worker let go: the import stops at its first step inside the transaction, which rolls back — nothing imported.
        long auditBefore = prod.audit().lastSeq();
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        fx(() -> {
            runner.run("Held", () -> held.await(60, java.util.concurrent.TimeUnit.SECONDS), d -> { }, f -> { });
            return null;
        });
        clickOn("#wizard-finish");
        // Its Cancel as the robot finds it: in a window that is showing, not only in the dialog's scene.
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> lookup("#progress-cancel").match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent());
        Label progress = node("#progress-sentence");
        assertEquals("Importing web-1.0.0.odcmbundle…", progress.getText());
        clickOn("#progress-cancel");
        held.countDown();
        idle();
        assertEquals("Cancelled; nothing was changed.", ((Label) node("#wizard-message")).getText());
        assertEquals(List.of(), prod.projects().list(PROD), "nothing imported");
        assertEquals(auditBefore, prod.audit().lastSeq(), "no audit entry");
        assertTrue(lookup("#progress-dialog").tryQuery().isEmpty(), "the progress dialog closed");

        // Finish again: the import runs, its steps shown as it goes.
        clickOn("#wizard-finish");
        idle();
        assertEquals("Imported release 1.0.0 of 'DevTest Space: Web' into 'Prod Space' with lifecycle 'Prod'; it was promoted out of "
                + "lifecycle order by alice: Test lab down.",
                ((Label) node("#wizard-message")).getText());
        assertEquals("Close", this.<Button>node("#wizard-cancel").getText());
        shootWizard("wizard-5-imported");
        assertEquals(List.of(REMOTE_WEB), prod.projects().list(PROD).stream().map(Project::name).toList());
        assertEquals("staging-pw-4411", prod.projects().find(PROD, REMOTE_WEB).variables().stream()
                .filter(v -> v.name().equals("DbPassword") && v.scope().environments().equals(List.of("Staging"))).findFirst().orElseThrow().value());
        clickOn("#wizard-cancel");
        idle();
        assertEquals("Already imported", table.getItems().get(1).verdict(), "the list is checked again after the wizard closes");
        ConsoleDriver.shoot(stage.getScene(), "inbox-after-import");

        // Where the space requires acceptance (decision 0047), the Inbox says what became of the imported release.
        prod.acceptances().setRequired(PROD, true);
        clickOn("#inbox-refresh");
        idle();
        assertEquals("Imported, awaits acceptance", table.getItems().get(1).verdict());
        assertTrue(table.getItems().get(1).sentence().endsWith("Its release awaits acceptance here (Releases, Accept…)."),
                table.getItems().get(1).sentence());
        fx(() -> {
            table.getSelectionModel().select(1);
            return null;
        });
        assertTrue(this.<Button>node("#inbox-import").isDisabled(), "nothing more to import");
        ConsoleDriver.shoot(stage.getScene(), "inbox-awaits-acceptance");
        assertTrue(inbox.title().equals("Inbox"));
    }
}
