package odcm.app.ui.inbox;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.ScriptedFilePicker;
import odcm.app.ui.Theme;
import odcm.app.ui.bundle.OutboxView;
import odcm.app.ui.bundle.OutboxViewModel;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.Screen;
import odcm.app.ui.task.FxTaskRunner;
import odcm.model.cert.Fingerprint;
import odcm.model.trust.TrustKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Create receipt…" on Prod Space's Outbox (network B) and "Import receipt…" on DevTest Space's Inbox (network A): the
 * file with its SHA-256, then accepted, then the same again (nothing to do), then a damaged copy (refused). Screenshots
 * of each go to target/screenshots.
 */
class ReceiptScreensTest extends TwoNetworkScreens {
    final ScriptedFilePicker files = new ScriptedFilePicker();
    final BorderPane root = new BorderPane();

    void show(Screen s, CurrentSpace space, String name) throws Exception {
        fx(() -> {
            space.choose(name);
            root.setCenter(s.node());
            s.shown();
            return null;
        });
        idle();
    }

    Path shootDialog(String id, String name) {
        DialogPane pane = node("#" + id + "-dialog");
        return ConsoleDriver.shoot(pane.getScene(), name);
    }

    void closeDialog(String id) throws Exception {
        DialogPane pane = node("#" + id + "-dialog");
        clickOn(pane.lookupButton(ButtonType.CLOSE));
        idle();
    }

    @Test
    void createAReceiptInProdAndImportItInDevTest() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        dev = both[0];
        prod = both[1];
        dev.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
        TestBundles.throughTest(dev, "1.0.0");
        Path bundle = tmp.resolve("web.odcmbundle");
        dev.bundles().create(DEV, "Web", "1.0.0", PROD, bundle, 30, false);
        prod.imports().importBundle(PROD, Files.readAllBytes(bundle), null, TestBundles.values());
        prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Staging", true);
        prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Production", true);

        stage = FxToolkit.registerStage(Stage::new);
        runner = fx(FxTaskRunner::new);
        CurrentSpace prodSpace = new CurrentSpace();
        CurrentSpace devSpace = new CurrentSpace();
        Screen[] screens = fx(() -> {
            Theme.apply();
            Screen outbox = new OutboxView(new OutboxViewModel(prod.bundles(), runner, prodSpace), prod.bundles(), prod.receipts(), runner, files)
                    .screen();
            Screen inbox = new InboxView(new InboxViewModel(dev.imports(), runner, devSpace, tmp.resolve("inbox")), dev.receipts(), files, new odcm.app.ui.common.RoleGate(dev.roles(), runner)).screen();
            Scene scene = new Scene(root, 1280, 760);
            scene.getStylesheets().add(Css.stylesheet());
            stage.setScene(scene);
            stage.show();
            return new Screen[] {outbox, inbox};
        });

        // Prod Space: Outbox → Create receipt… for DevTest Space, the only space bundles came from.
        show(screens[0], prodSpace, PROD);
        ConsoleDriver.shoot(stage.getScene(), "receipt-outbox");
        clickOn("#create-receipt");
        idle();
        ComboBox<String> source = node("#receipt-for");
        assertEquals(List.of(DEV), source.getItems());
        assertEquals(DEV, source.getValue(), "the only one is chosen");
        assertTrue(node("#receipt-create-ok").isDisabled(), "no file yet");
        Path file = Files.createDirectories(tmp.resolve("out")).resolve("Prod-Space-to-DevTest-Space.odcmreceipt");
        files.next(file);
        clickOn("#receipt-choose-file");
        idle();
        clickOn("#receipt-create-ok");
        idle();
        assertTrue(Files.exists(file));
        Fingerprint fp = Fingerprint.ofDigest(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertEquals(Formats.fingerprintTwoLines(fp), ((Label) node("#receipt-created-fingerprint")).getText());
        assertTrue(((Label) node("#receipt-created")).getText().endsWith("receipt 1 for 'DevTest Space' reporting 2 deployments."),
                ((Label) node("#receipt-created")).getText());
        assertTrue(node("#receipt-create-ok").isDisabled(), "written once; another receipt is another Create receipt…");
        shootDialog("receipt-create", "receipt-create");
        closeDialog("receipt-create");

        // DevTest Space: Inbox → Import receipt…
        show(screens[1], devSpace, DEV);
        clickOn("#inbox-import-receipt");
        idle();
        files.next(file);
        clickOn("#receipt-open");
        idle();
        Label outcome = node("#receipt-import-outcome");
        assertEquals("✔ ACCEPTED — Accepted receipt 1 from 'Prod Space' into 'DevTest Space': 2 deployments reported, 2 new.", outcome.getText());
        assertTrue(outcome.getStyleClass().contains(Css.OK));
        assertEquals(2, dev.receipts().known(DEV).size());
        shootDialog("receipt-import", "receipt-import-accepted");

        files.next(file);
        clickOn("#receipt-open");
        idle();
        assertTrue(outcome.getText().startsWith("Nothing to do — This receipt ("), outcome.getText());
        assertTrue(outcome.getStyleClass().contains(Css.HINT), "already accepted is not shown as a failure");
        assertFalse(node("#receipt-import-error").isVisible());
        shootDialog("receipt-import", "receipt-import-again");

        Path damaged = Files.write(tmp.resolve("out").resolve("damaged.odcmreceipt"), TestBundles.tampered(Files.readAllBytes(file)));
        files.next(damaged);
        clickOn("#receipt-open");
        idle();
        Label refused = node("#receipt-import-error");
        assertTrue(refused.isVisible());
        assertTrue(refused.getText().startsWith("✖ REFUSED — "), refused.getText());
        assertFalse(outcome.isVisible(), "no outcome of the earlier file stays");
        assertEquals(2, dev.receipts().known(DEV).size(), "nothing changed");
        shootDialog("receipt-import", "receipt-import-refused");
        closeDialog("receipt-import");
        ConsoleDriver.shoot(stage.getScene(), "receipt-inbox");
    }
}
