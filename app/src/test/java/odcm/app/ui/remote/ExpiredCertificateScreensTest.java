package odcm.app.ui.remote;

import odcm.app.ui.DirectRobot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.ScreenStage;
import odcm.app.ui.ScriptedFilePicker;
import odcm.app.ui.TestStores;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.Screen;
import odcm.app.ui.task.FxTaskRunner;
import odcm.app.ui.trust.TrustsView;
import odcm.app.ui.trust.TrustsViewModel;
import odcm.model.space.Space;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A remote space whose certificate has expired, seen two years after it was added (the store opened with a clock
 * that far ahead): marked in the table and the detail, and a trust in it refused inside the Add trust dialog.
 */
class ExpiredCertificateScreensTest extends DirectRobot {
    @TempDir
    Path tmp;
    AppContext ctx;
    FxTaskRunner runner;
    Stage stage;
    Instant notAfter;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void store() throws Exception {
        notAfter = Instant.now().plus(Duration.ofDays(30));
        try (AppContext today = TestStores.open(tmp, "b")) {
            today.spaces().create("Prod Space", "Production, network B", KeyAlgorithm.EC_P256);
            today.remotes().add("DevTest Space", "Development and test, network A",
                    TestStores.foreignCertificatePemUntil("DevTest Space", notAfter), null);
            TestStores.addConfirmedRemote(today, "QA Space", TestStores.foreignCertificatePem("QA Space"));
        }
        ctx = TestStores.openAhead(tmp, "b", Duration.ofDays(730));
        runner = new FxTaskRunner();
        stage = FxToolkit.registerStage(Stage::new);
    }

    @AfterEach
    void close() throws Exception {
        ScreenStage.close(stage, runner, ctx::close);
    }

    private void show(Screen screen) throws Exception {
        ScreenStage.show(stage, screen, runner);
    }

    private void idle() throws Exception {
        ScreenStage.idle(runner);
    }

    @Test
    void theRemoteSpacesScreenMarksTheExpiredCertificate() throws Exception {
        RemoteSpacesViewModel vm = new RemoteSpacesViewModel(ctx.remotes(), ctx.keys(), ctx.spaces(), runner);
        show(new RemoteSpacesView(vm, new ScriptedFilePicker(), new odcm.app.ui.common.RoleGate(ctx.roles(), runner)).screen());
        String expired = "Expired " + Formats.date(notAfter);
        TableCell<?, ?> cell = lookup("#remotes-table .table-cell").match(n -> n instanceof TableCell<?, ?> c
                && expired.equals(c.getText())).query();
        assertTrue(cell.getStyleClass().contains(Css.CERTIFICATE_INVALID), "in the danger style");
        assertTrue(lookup("#remotes-table .table-cell").match(n -> n instanceof TableCell<?, ?> c
                && c.getStyleClass().contains(Css.CERTIFICATE_INVALID)).queryAll().size() == 1, "only the expired one is marked");

        Space devTest = vm.all().stream().filter(s -> s.name().equals("DevTest Space")).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> vm.selectedProperty().set(devTest)).get(10, TimeUnit.SECONDS);
        idle();
        Label problem = lookup("#remote-cert-validity-problem").query();
        assertEquals(expired, problem.getText());
        assertTrue(problem.isVisible());
        ConsoleDriver.shoot(stage.getScene(), "remotes-expired");

        Space qa = vm.all().stream().filter(s -> s.name().equals("QA Space")).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> vm.selectedProperty().set(qa)).get(10, TimeUnit.SECONDS);
        idle();
        assertTrue(!lookup("#remote-cert-validity-problem").<Label>query().isVisible(), "a valid certificate is not marked");
    }

    @Test
    void aTrustInTheExpiredSpaceIsRefusedInsideTheDialog() throws Exception {
        show(new TrustsView(new TrustsViewModel(ctx.trusts(), ctx.spaces(), runner), new odcm.app.ui.common.RoleGate(ctx.roles(), runner)).screen());
        clickOn("#add-trust");
        clickOn("#add-trust-trusted");
        clickOn(lookup(".list-cell").match(n -> n instanceof javafx.scene.control.ListCell<?> c
                && "DevTest Space  (remote)".equals(c.getText())).<Node>query());
        clickOn("#add-trust-ok");
        idle();
        Label error = lookup("#add-trust-error").query();
        assertTrue(error.isVisible() && error.getText().startsWith("The certificate of remote space 'DevTest Space' expired on "),
                error.getText());
        assertTrue(lookup("#add-trust-dialog").tryQuery().isPresent(), "the dialog stays open");
        ConsoleDriver.shoot(lookup("#add-trust-dialog").query().getScene(), "dialog-add-trust-expired");
        clickOn("#add-trust-cancel");
        assertTrue(ctx.trusts().list(true).isEmpty());
    }
}
