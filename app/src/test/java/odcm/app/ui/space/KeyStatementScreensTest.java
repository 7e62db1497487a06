package odcm.app.ui.space;

import odcm.app.ui.DirectRobot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.ScreenStage;
import odcm.app.ui.ScriptedFilePicker;
import odcm.app.ui.TestStores;
import odcm.app.ui.common.RoleGate;
import odcm.app.ui.common.Screen;
import odcm.app.ui.remote.RemoteSpacesView;
import odcm.app.ui.remote.RemoteSpacesViewModel;
import odcm.app.ui.task.FxTaskRunner;
import odcm.model.cert.CertificateFormat;
import odcm.model.cert.Fingerprint;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Rotating a key in the console (decision 0056): network A's Spaces screen rotates Dev Space's key through the file chooser
 * and the Rotate key dialog; network B's Remote spaces screen imports the statement, refusing a damaged one inside the dialog
 * and importing the genuine one only once the new fingerprint read out is typed.
 */
class KeyStatementScreensTest extends DirectRobot {
    @TempDir
    Path tmp;
    AppContext a;
    AppContext b;
    FxTaskRunner runner;
    Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void stores() throws Exception {
        a = TestStores.open(tmp, "a");
        b = TestStores.open(tmp, "b");
        a.spaces().create("Dev Space", "Development, network A", KeyAlgorithm.EC_P256);
        b.spaces().create("Prod Space", "Production, network B", KeyAlgorithm.EC_P256);
        TestStores.addConfirmedRemote(b, "Dev Space", a.spaces().certificate("Dev Space", CertificateFormat.PEM));
        runner = new FxTaskRunner();
        stage = FxToolkit.registerStage(Stage::new);
    }

    @AfterEach
    void close() throws Exception {
        ScreenStage.close(stage, runner, () -> {
            a.close();
            b.close();
        });
    }

    private void show(Screen screen) throws Exception {
        ScreenStage.show(stage, screen, runner);
    }

    private void idle() throws Exception {
        ScreenStage.idle(runner);
    }

    @Test
    void rotateOnOneSideImportOnTheOther() throws Exception {
        Fingerprint old = a.spaces().find("Dev Space").certificate().fingerprint();
        ScriptedFilePicker picker = new ScriptedFilePicker();
        Path statement = tmp.resolve("dev-rotation.odcmkeys");
        picker.next(statement);
        show(new SpacesView(new SpacesViewModel(a.spaces(), a.keys(), runner), picker, new RoleGate(a.roles(), runner)).screen());
        ConsoleDriver.shoot(stage.getScene(), "spaces-rotate-key");
        clickOn("#rotate-key");
        idle();
        Label consequences = lookup("#rotate-key-consequences").query();
        assertTrue(consequences.getText().startsWith("A new key pair and certificate replace those of local space 'Dev Space'."),
                consequences.getText());
        assertTrue(consequences.getText().contains(statement.toString()), "names where the statement goes");
        ConsoleDriver.shoot(lookup("#rotate-key-dialog").query().getScene(), "dialog-rotate-key");
        // A cleared overlap field (what committing empty text gives) is not an overlap of 0 days: the last value comes back.
        javafx.scene.control.Spinner<Integer> days = lookup("#rotate-key-overlap").query();
        WaitForAsyncUtils.asyncFx(() -> days.getValueFactory().setValue(null)).get(5, TimeUnit.SECONDS);
        idle();
        assertEquals(odcm.app.service.KeyService.DEFAULT_OVERLAP_DAYS, days.getValue());
        clickOn("#rotate-key-ok");
        idle();
        assertTrue(Files.exists(statement));
        Fingerprint now = a.spaces().find("Dev Space").certificate().fingerprint();
        assertFalse(now.equals(old));
        Label message = lookup("#spaces-message").query();
        assertTrue(message.getText().startsWith("Rotated the key of local space 'Dev Space'"), message.getText());
        Label overlap = lookup("#space-detail-overlap").query();
        assertTrue(overlap.isVisible() && overlap.getText().startsWith("Its earlier key, replaced by a key rotation, is still accepted until "),
                overlap.getText());
        ConsoleDriver.shoot(stage.getScene(), "spaces-after-rotation");

        // Network B: a damaged statement is refused inside the dialog, and nothing can be imported from it.
        byte[] bytes = Files.readAllBytes(statement);
        bytes[bytes.length / 3] ^= 0x01;
        Path damaged = Files.write(tmp.resolve("damaged.odcmkeys"), bytes);
        picker.next(damaged);
        picker.next(statement);
        show(new RemoteSpacesView(new RemoteSpacesViewModel(b.remotes(), b.keys(), b.spaces(), runner), picker, new RoleGate(b.roles(), runner))
                .screen());
        clickOn("#import-statement");
        idle();
        Label error = lookup("#import-statement-error").query();
        assertTrue(error.isVisible() && !error.getText().isBlank(), error.getText());
        assertTrue(lookup("#import-statement-ok").<Button>query().isDisabled());
        clickOn("#import-statement-cancel");

        clickOn("#import-statement");
        idle();
        assertEquals(old.grouped(), lookup("#import-statement-old").<Label>query().getText().replace('\n', ' '), "whole, to be compared");
        assertEquals(now.grouped(), lookup("#import-statement-new").<Label>query().getText().replace('\n', ' '));
        assertTrue(lookup("#import-statement-ok").<Button>query().isDisabled(), "not before the fingerprint is typed");
        clickOn("#import-statement-fingerprint").write(old.hex());
        Label problem = lookup("#import-statement-problem").query();
        assertTrue(problem.isVisible() && problem.getText().startsWith("Does not match the new certificate"), problem.getText());
        ConsoleDriver.shoot(lookup("#import-statement-dialog").query().getScene(), "dialog-import-statement");
        WaitForAsyncUtils.asyncFx(() -> lookup("#import-statement-fingerprint").<javafx.scene.control.TextField>query().clear()).get(5, TimeUnit.SECONDS);
        write(now.hex());
        assertFalse(lookup("#import-statement-ok").<Button>query().isDisabled());
        clickOn("#import-statement-ok");
        idle();
        assertEquals(now, b.spaces().find("Dev Space").certificate().fingerprint());
        Label remoteMessage = lookup("#remotes-message").query();
        assertTrue(remoteMessage.getText().startsWith("Rotated the certificate of remote space 'Dev Space' to " + now.grouped()),
                remoteMessage.getText());
        idle();
        javafx.scene.control.ListView<?> history = lookup("#remote-history").query();
        assertEquals(1, history.getItems().size());
        ConsoleDriver.shoot(stage.getScene(), "remotes-after-rotation");
        assertTrue(lookup("#remote-history .list-cell").match(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getText() != null
                && c.getText().contains(", replaced ") && c.getText().contains(", accepted until ")).tryQuery().isPresent(),
                "the overlap shown in the history: replaced, still accepted until its end");
        assertFalse(lookup("#remote-compromised").query().isVisible());
        // The current key declared compromised (as a console before the rule "rotate first" could): said above all else.
        b.store().write(tx -> {
            var dev = tx.spaces().findByName("Dev Space").orElseThrow();
            tx.spaces().setWindow(dev.id(), tx.spaces().certificates(dev.id()).get(0).id(), null, java.time.Instant.parse("2026-12-01T00:00:00Z"));
            return null;
        });
        show(new RemoteSpacesView(new RemoteSpacesViewModel(b.remotes(), b.keys(), b.spaces(), runner), picker, new RoleGate(b.roles(), runner))
                .screen());
        idle();
        Label danger = lookup("#remote-compromised").query();
        assertTrue(danger.isVisible() && danger.getText().startsWith("The key of this certificate was declared compromised from "), danger.getText());
        ConsoleDriver.shoot(stage.getScene(), "remotes-compromised");
    }
}
