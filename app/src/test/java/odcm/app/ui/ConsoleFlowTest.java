package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import odcm.app.service.AppContext;
import odcm.model.audit.AuditEntry;
import odcm.model.cert.Fingerprint;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The round trip's first step as a user does it, in two consoles on two stores: create a space and save
 * its certificate in network A; in network B add it as a remote space (a wrong fingerprint refused first),
 * grant and revoke a trust, and read it all in the audit log. Snapshots of each screen go to target/screenshots.
 */
class ConsoleFlowTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void certificateExchangeTrustAndAuditAcrossTwoConsoles() throws Exception {
        Path certificate = tmp.resolve("devtest-space.pem");
        Fingerprint devTestFingerprint;

        try (ConsoleDriver a = new ConsoleDriver(TestStores.location(tmp, "network-a"))) {
            a.clickOn("#new-space");
            a.clickOn("#new-space-name").write("DevTest: A");
            Label problem = a.node("#new-space-problem");
            assertTrue(problem.getText().contains("cannot contain ':'"), problem.getText());
            assertTrue(a.<Button>node("#new-space-ok").isDisabled(), "OK is disabled while the name is invalid");
            a.shootDialog("new-space", "dialog-new-space-invalid");
            a.eraseText(3).write(" Space");
            a.clickOn("#new-space-description").write("Development and test, network A");
            a.push(KeyCode.ENTER); // not the last field: a new line in the description, the dialog stays
            assertTrue(a.lookup("#new-space-ok").tryQuery().isPresent());
            a.push(KeyCode.BACK_SPACE);
            a.interact(() -> a.<javafx.scene.Node>node("#new-space-algorithm").requestFocus()); // the last field, a list to choose from
            a.push(KeyCode.ENTER); // Enter in the last field submits
            a.idle();
            TableView<Space> spaces = a.node("#spaces-table");
            assertEquals(List.of("DevTest Space"), spaces.getItems().stream().map(Space::name).toList());
            assertEquals("DevTest Space", a.<Label>node("#space-detail-name").getText());
            devTestFingerprint = spaces.getItems().get(0).certificate().fingerprint();
            assertTrue(a.lookup("#space-cert-fingerprint-copy").tryQuery().isPresent(), "a space's own fingerprint can be copied");

            a.files.next(certificate);
            a.clickOn("#save-certificate");
            a.idle();
            assertTrue(Files.readString(certificate).startsWith("-----BEGIN CERTIFICATE-----"));
            assertTrue(a.<Label>node("#spaces-message").getText().startsWith("Saved the certificate"));

            a.clickOn("#describe-space");
            a.clickOn("#describe-space-description").push(KeyCode.CONTROL, KeyCode.A).write("Development and test, network A, rack 4");
            a.shootDialog("describe-space", "dialog-describe-space");
            a.clickOn("#describe-space-ok");
            a.idle();
            assertEquals("Development and test, network A, rack 4", a.<Label>node("#space-detail-description").getText());
            a.shoot("spaces");
        }

        try (ConsoleDriver b = new ConsoleDriver(TestStores.location(tmp, "network-b"))) {
            b.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
            b.clickOn("#new-space-name").write("Prod Space");
            b.type(KeyCode.ENTER); // Enter confirms: Create is the default button
            b.idle();
            assertEquals(1, b.<TableView<Space>>node("#spaces-table").getItems().size());

            b.open("nav-remotes");
            TableView<Space> remotes = b.node("#remotes-table");
            assertTrue(remotes.getItems().isEmpty());
            b.clickOn("#add-remote");
            b.clickOn("#add-remote-name").write("DevTest: A");
            Label nameProblem = b.node("#add-remote-name-problem");
            assertTrue(nameProblem.isVisible() && nameProblem.getText().contains("cannot contain ':'"), nameProblem.getText());
            b.shootDialog("add-remote", "dialog-add-remote-invalid-name");
            b.eraseText(3).write(" Space");
            assertFalse(nameProblem.isVisible(), "a good name clears the problem");
            b.files.next(certificate);
            b.clickOn("#add-remote-browse");
            b.idle();
            assertTrue(b.lookup("#add-remote-preview-fingerprint-copy").tryQuery().isEmpty(),
                    "no Copy where the fingerprint must be compared by reading");
            assertEquals(devTestFingerprint.grouped().substring(0, 39) + "\n" + devTestFingerprint.grouped().substring(40),
                    b.<Label>node("#add-remote-preview-fingerprint").getText());
            String wrong = "0000" + devTestFingerprint.grouped().substring(4);
            if (wrong.equals(devTestFingerprint.grouped())) {
                wrong = "1111" + devTestFingerprint.grouped().substring(4);
            }
            b.clickOn("#add-remote-expected").write(wrong);
            assertTrue(b.<Label>node("#add-remote-match").getText().startsWith("Does not match"));
            assertTrue(b.<javafx.scene.control.Button>node("#add-remote-ok").isDisabled(), "Save stays disabled on a mismatch");
            b.shootDialog("add-remote", "dialog-add-remote-refused");
            assertTrue(remotes.getItems().isEmpty(), "nothing saved after the mismatch");

            b.clickOn("#add-remote-expected").push(KeyCode.CONTROL, KeyCode.A).write(devTestFingerprint.grouped());
            assertTrue(b.<Label>node("#add-remote-match").getText().startsWith("Matches"));
            b.shootDialog("add-remote", "dialog-add-remote-preview");
            b.clickOn("#add-remote-ok");
            b.idle();
            assertEquals(List.of("DevTest Space"), remotes.getItems().stream().map(Space::name).toList());
            b.shoot("remotes");

            b.clickOn("#add-remote");
            b.clickOn("#add-remote-name").write("DevTest Again");
            b.files.next(certificate);
            b.clickOn("#add-remote-browse");
            b.idle();
            assertEquals("This certificate is already known as remote space 'DevTest Space'; it cannot be added again.",
                    b.<Label>node("#add-remote-known").getText());
            assertTrue(b.<Button>node("#add-remote-ok").isDisabled(), "a known certificate cannot be saved");
            b.shootDialog("add-remote", "dialog-add-remote-known");
            b.clickOn("#add-remote-cancel");
            b.idle();
            assertTrue(b.lookup("#add-remote-dialog").tryQuery().isEmpty(), "Cancel closed the dialog");
            assertEquals(1, remotes.getItems().size(), "nothing was added");

            b.open("nav-trusts");
            b.clickOn("#add-trust");
            assertEquals("Prod Space", b.<javafx.scene.control.ComboBox<Space>>node("#add-trust-truster").getValue().name(),
                    "the only local space is chosen already");
            b.clickOn("#add-trust-trusted");
            b.clickOn(b.lookup(".list-cell").match(n -> n instanceof javafx.scene.control.ListCell<?> c
                    && "DevTest Space  (remote)".equals(c.getText())).<javafx.scene.Node>query());
            assertTrue(b.<Label>node("#add-trust-preview").getText().startsWith("'Prod Space' will accept release bundles from 'DevTest Space'"));
            b.shootDialog("add-trust", "dialog-add-trust");
            b.clickOn("#add-trust-ok");
            b.idle();
            TableView<Trust> trusts = b.node("#trusts-table");
            assertEquals(List.of("'Prod Space' accepts release bundles from 'DevTest Space'"),
                    trusts.getItems().stream().map(Trust::sentence).toList());

            List<String> headers = trusts.getColumns().stream().map(javafx.scene.control.TableColumn::getText).toList();
            assertEquals(List.of("Space", "Accepts", "From", "Link", "Granted", "Revoked"), headers);
            // At the console's 1100 px, the names, the kind and the dates are whole, not elided.
            List<String> elided = b.lookup("#trusts-table .table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                    .filter(c -> c.getText() != null && !c.getText().isEmpty() && c.lookup(".text") instanceof javafx.scene.text.Text t
                            && !t.getText().equals(c.getText()))
                    .map(c -> c.getText()).toList();
            assertEquals(List.of(), elided, "cells cut short");
            b.clickOn(b.lookup(".table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                    && "release bundles".equals(c.getText())).<javafx.scene.Node>query());
            b.clickOn("#revoke-trust");
            assertTrue(b.<Button>node("#revoke-trust-ok").isDisabled(), "a revocation needs a reason");
            b.clickOn("#revoke-trust-reason").write("DevTest moved to another network");
            b.shootDialog("revoke-trust", "dialog-revoke-trust");
            b.clickOn("#revoke-trust-ok");
            b.idle();
            assertTrue(trusts.getItems().isEmpty(), "revoked trusts are hidden by default");
            b.clickOn("#show-revoked");
            b.idle();
            assertEquals("DevTest moved to another network", trusts.getItems().get(0).revokeReason());
            assertTrue(b.lookup("#trusts-table .table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                    .anyMatch(c -> c.getText() != null && c.getText().startsWith("DevTest moved to another network (")),
                    "the Revoked column says why first");
            b.clickOn(b.lookup(".table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                    && c.getText() != null && c.getText().startsWith("DevTest moved")).<javafx.scene.Node>query());
            String detail = b.<Label>node("#trust-detail").getText();
            assertTrue(detail.contains("Revoked ") && detail.endsWith(", because: DevTest moved to another network"), detail);
            b.clickOn("#trust-panel-space");
            b.clickOn(b.lookup(".list-cell").match(n -> n instanceof javafx.scene.control.ListCell<?> c
                    && "Prod Space".equals(c.getText())).<javafx.scene.Node>query());
            b.idle();
            b.shoot("trusts");

            b.open("nav-audit");
            TableView<AuditEntry> audit = b.node("#audit-table");
            List<String> actions = audit.getItems().stream().map(AuditEntry::action).toList();
            assertTrue(actions.containsAll(List.of("space.create", "remote.add", "trust.add", "trust.revoke")), actions.toString());
            b.clickOn("#verify-audit");
            b.idle();
            assertTrue(b.<Label>node("#audit-outcome").getText().startsWith("The audit log is intact"));
            b.clickOn(b.lookup(".table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                    && "trust.revoke".equals(c.getText())).<javafx.scene.Node>query());
            assertTrue(b.<Label>node("#audit-entry").getText().contains("revoked: DevTest moved to another network"));
            b.shoot("audit");
            Path csv = tmp.resolve("audit.csv");
            b.files.next(csv);
            b.clickOn("#export-audit");
            b.idle();
            assertTrue(Files.readAllLines(csv).size() > 4);

            // A cancelled export (decision 0052): the worker held by earlier work, Export shows its progress; Cancel there,
            // then the worker let go: the export stops at its first step, and neither the file nor a temporary one is left.
            Path cancelled = tmp.resolve("cancelled.csv");
            java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
            b.interact(() -> b.console().runner().run("Held", () -> held.await(60, java.util.concurrent.TimeUnit.SECONDS), d -> { }, f -> { }));
            b.files.next(cancelled);
            b.clickOn("#export-audit");
            // Its Cancel as the robot finds it: in a window that is showing, not only in the dialog's scene.
            org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> b.lookup("#progress-cancel").match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent());
            Label progress = b.node("#progress-sentence");
            assertEquals("Exporting the audit log…", progress.getText());
            ConsoleDriver.shoot(progress.getScene(), "dialog-progress");
            b.clickOn("#progress-cancel");
            assertEquals("Cancelling…", progress.getText());
            assertTrue(b.<Button>node("#progress-cancel").isDisabled(), "asked once");
            held.countDown();
            b.idle();
            assertEquals("Cancelled; nothing was changed.", b.<Label>node("#audit-outcome").getText());
            assertFalse(Files.exists(cancelled), "no file");
            try (var left = Files.list(tmp)) {
                assertEquals(List.of(), left.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no temporary file");
            }
            assertTrue(b.lookup("#progress-dialog").tryQuery().isEmpty(), "the progress dialog closed");

            // The Inbox watches its folder only while it is shown (issue 16 point 5): its watcher thread ends when another screen replaces it.
            java.util.Set<Thread> before = odcm.app.ui.inbox.ImportWizardModelTest.watchers();
            b.open("nav-inbox");
            Thread watcher = odcm.app.ui.inbox.ImportWizardModelTest.watcherSince(before);
            b.open("nav-audit");
            watcher.join(10_000);
            assertFalse(watcher.isAlive(), "the Inbox's watcher stopped");

            // Help › About (F1): the version, the store, the log file this process writes, the Java and JavaFX it runs on.
            b.type(KeyCode.F1);
            assertEquals("development build", b.<javafx.scene.control.TextField>node("#about-version").getText());
            assertEquals(odcm.app.io.ErrorLog.file().toString(), b.<javafx.scene.control.TextField>node("#about-log-file").getText());
            assertEquals(System.getProperty("javafx.runtime.version"), b.<javafx.scene.control.TextField>node("#about-javafx").getText());
            assertTrue(b.<javafx.scene.control.TextField>node("#about-store").getText().contains("network-b"),
                    b.<javafx.scene.control.TextField>node("#about-store").getText());
            b.shootDialog("about", "dialog-about");
            b.clickOn("#about-log-copy");
            assertEquals(odcm.app.io.ErrorLog.file().toString(), org.testfx.util.WaitForAsyncUtils.asyncFx(
                    () -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get(10, java.util.concurrent.TimeUnit.SECONDS));
            b.clickOn("#about-close");

            b.clickOn("#theme-toggle");
            b.idle();
            b.shoot("audit-dark");
            b.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
            b.idle();
            b.shoot("trusts-dark");
            b.clickOn("#theme-toggle");
            b.idle();
            assertFalse(Theme.isDark());
        }

        try (AppContext again = TestStores.open(tmp, "network-b")) {
            assertEquals(1, again.spaces().remotes().size(), "the remote space is in the store, once");
        }
    }
}
