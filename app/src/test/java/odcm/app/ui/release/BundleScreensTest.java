package odcm.app.ui.release;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import odcm.app.apply.Demo;
import odcm.app.service.BundleService;
import odcm.model.audit.AuditFilter;
import odcm.model.cert.Fingerprint;
import odcm.model.release.Release;
import odcm.persistence.bundle.BundleRepository.OutboxEntry;
import org.junit.jupiter.api.Test;

/**
 * Promote a release of the demo's Payments project from DevTest Space to QA Space (a space of the same console that
 * trusts DevTest) as a file, find it in the Outbox, and verify it as QA Space: genuine; a damaged copy: refused.
 */
class BundleScreensTest extends DemoScreensTest {

    private void closeDialog(String id) throws Exception {
        DialogPane pane = ui.node("#" + id + "-dialog");
        ui.clickOn(pane.lookupButton(ButtonType.CLOSE));
        ui.idle();
    }

    @Test
    void promoteToAFileFindItInTheOutboxAndVerifyItAsTheTarget() throws Exception {
        ctx.deployments().deploy(Demo.DEVTEST, "Payments", "2.0.0", "Development", true); // the phase before QA (decision 0045)
        ui.show(ui.releases);
        ComboBox<String> project = ui.node("#release-project");
        ScreensHarness.fx(() -> {
            project.setValue("Payments");
            return null;
        });
        ui.idle();
        TableView<Release> releases = ui.node("#releases-table");
        ScreensHarness.fx(() -> {
            releases.getSelectionModel().select(0);
            return null;
        });
        ui.idle();
        assertFalse(ui.node("#promote-release").isDisabled());

        Path file = Files.createDirectories(tmp.resolve("out")).resolve("Payments-2.0.0-to-QA-Space.odcmbundle");
        ui.clickOn("#promote-release");
        ui.idle();
        ComboBox<BundleService.Target> target = ui.node("#promote-target");
        assertEquals(java.util.List.of(Demo.QA, Demo.PROD), target.getItems().stream().map(BundleService.Target::name).toList());
        ScreensHarness.fx(() -> {
            target.setValue(target.getItems().get(0));
            return null;
        });
        ui.files.next(file);
        ui.clickOn("#promote-choose-file");
        ui.idle();
        assertEquals(file.toString(), ((TextField) ui.node("#promote-file")).getText());
        ui.shootDialog("promote", "bundle-promote-dialog");
        ui.clickOn("#promote-ok");
        ui.idle();

        assertTrue(Files.exists(file));
        Fingerprint fp = Fingerprint.ofDigest(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertEquals(odcm.app.ui.common.Formats.fingerprintTwoLines(fp),
                ((javafx.scene.control.TextArea) ui.node("#promote-result-fingerprint")).getText());
        assertEquals(file.toAbsolutePath().toString(), ((TextField) ui.node("#promote-result-file")).getText());
        ui.shootDialog("promote-result", "bundle-promote-result");
        closeDialog("promote-result");

        ui.show(ui.outbox);
        TableView<OutboxEntry> outbox = ui.node("#outbox-table");
        assertEquals(1, outbox.getItems().size());
        assertEquals(Demo.QA, outbox.getItems().get(0).targetName());
        ScreensHarness.fx(() -> {
            outbox.getSelectionModel().select(0);
            return null;
        });
        assertEquals(odcm.app.ui.common.Formats.fingerprintTwoLines(fp), ((Label) ui.node("#outbox-fingerprint")).getText());
        ui.shoot("bundle-outbox");

        ui.chooseSpace(Demo.QA);
        ui.show(ui.outbox);
        assertEquals(0, outbox.getItems().size());
        ui.shoot("bundle-outbox-empty");
        ScreensHarness.fx(() -> {
            ui.outboxView.verify();
            return null;
        });
        ui.idle();
        ui.files.next(file);
        ui.clickOn("#verify-open");
        ui.idle();
        Label outcome = ui.node("#verify-outcome");
        assertTrue(outcome.getText().startsWith("✔ GENUINE — release 2.0.0 of Payments, signed by DevTest Space"), outcome.getText());
        assertTrue(ui.node("#verify-contents").isVisible());
        ui.shootDialog("verify-bundle", "bundle-verify-genuine");

        int audit = ctx.audit().list(AuditFilter.ALL).size();
        ui.clickOn("#verify-reveal");
        ui.idle();
        assertTrue(ui.node("#verify-secrets").isVisible());
        assertEquals(audit + 1, ctx.audit().list(AuditFilter.ALL).size(), "revealing is recorded");

        byte[] bytes = Files.readAllBytes(file);
        Path damaged = Files.write(tmp.resolve("out").resolve("damaged.odcmbundle"), Arrays.copyOf(bytes, bytes.length - 100));
        ui.files.next(damaged);
        ui.clickOn("#verify-open");
        ui.idle();
        assertEquals("✖ REFUSED — This file is not a release bundle, or it is truncated or damaged (the end of the ZIP file is missing, "
                + "so it was cut off).", outcome.getText());
        assertFalse(ui.node("#verify-contents").isVisible(), "nothing of a refused file is shown");
        ui.shootDialog("verify-bundle", "bundle-verify-refused");
        closeDialog("verify-bundle");
    }
}
