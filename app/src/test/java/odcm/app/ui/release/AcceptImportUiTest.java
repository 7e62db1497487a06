package odcm.app.ui.release;

import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static odcm.app.ui.release.ScreensHarness.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Scope;
import odcm.model.release.ImportAcceptance;
import odcm.model.release.Release;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Acceptance before import on the Releases screen (issue 15, point 4; decision 0047): an imported release awaiting acceptance
 * says so; Accept… opens a dialog with its diff against the previous import (revision 2 against revision 1: the step added),
 * and records the acceptance, after which the release deploys.
 */
class AcceptImportUiTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void acceptDialogShowsTheDiffAgainstThePreviousImportAndRecordsTheAcceptance() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        try (AppContext dev = both[0]; AppContext prod = both[1]) {
            prod.acceptances().setRequired(PROD, true);
            prod.imports().importBundle(PROD, TestBundles.bundle(dev, "1.0.0", 1), null, TestBundles.values());
            prod.acceptances().accept(PROD, REMOTE_WEB, "1.0.0", "first cut reviewed");
            prod.imports().importBundle(PROD, TestBundles.revised(dev, "1.0.0", 2, List.of(new DeploymentStep("Warm cache", "Run a script",
                    Map.of("Script", "curl -s http://localhost/warm"), Scope.ALL, List.of()))), null, Map.of());
            String me = prod.store().person().name();
            try (ScreensHarness ui = new ScreensHarness(prod)) {
                ui.chooseSpace(PROD).show(ui.releases);
                TableView<Release> releases = ui.node("#releases-table");
                fx(() -> {
                    releases.getSelectionModel().select(0);
                    return null;
                });
                ui.idle();
                Label said = ui.node("#release-acceptance");
                assertTrue(said.isVisible());
                assertTrue(said.getText().startsWith("Revision 2, imported by " + me + ". Awaits acceptance in " + PROD + "."), said.getText());
                ui.shoot("releases-import-awaits-acceptance");
                // Its variables come from its source: Update variables… is not offered here (the service refuses it too).
                assertTrue(ui.node("#update-variables").isDisabled(), "an imported release's variables are updated at its source");

                ui.clickOn("#accept-import");
                ui.idle();
                Label what = ui.node("#accept-what");
                assertTrue(what.getText().contains("Compared with 1.0.0 (revision 1), the previous import of '" + REMOTE_WEB + "'."), what.getText());
                TableView<CompareRow> diff = ui.node("#accept-diff");
                assertTrue(diff.getItems().stream().anyMatch(r -> r.kind() == CompareRow.Kind.ENTRY && r.item().equals("Warm cache")
                        && r.marker().startsWith("+")), "the step added since revision 1 is shown");
                assertFalse(diff.getItems().stream().anyMatch(r -> "Deploy web".equals(r.item())), "only changes are shown");
                ui.clickOn("#accept-comment").write("warm-up step looks right");
                ui.shootDialog("accept", "accept-import-dialog");
                ui.clickOn("#accept-ok");
                ui.idle();

                List<ImportAcceptance> decisions = prod.store().read(tx -> tx.acceptances().decisions(
                        tx.spaces().findByName(PROD).orElseThrow().id(), prod.releases().find(PROD, REMOTE_WEB, "1.0.0").id()));
                assertEquals(1, decisions.size(), "revision 2 has its own decision");
                assertEquals(List.of(ImportAcceptance.Verdict.ACCEPTED, me, "warm-up step looks right"),
                        List.of(decisions.get(0).verdict(), decisions.get(0).decidedBy(), decisions.get(0).comment()));
                assertTrue(said.getText().contains("Accepted by " + me), said.getText());
                prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Staging", true);
            }
        }
    }

    /** The space's setting lives with its separation of duties on People & roles: its administrator switches it there, audited. */
    @Test
    void theSpacesAdministratorRequiresAcceptanceOnPeopleAndRoles() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        both[0].close();
        try (AppContext prod = both[1]) {
            odcm.app.ui.task.FxTaskRunner runner = fx(odcm.app.ui.task.FxTaskRunner::new);
            javafx.stage.Stage stage = FxToolkit.registerStage(javafx.stage.Stage::new);
            fx(() -> {
                odcm.app.ui.Theme.apply();
                odcm.app.ui.common.Screen screen = new odcm.app.ui.role.RolesView(new odcm.app.ui.role.RolesViewModel(prod.roles(), prod.spaces(),
                        prod.environments(), runner, new odcm.app.ui.common.RoleGate(prod.roles(), runner))).screen();
                javafx.scene.Scene scene = new javafx.scene.Scene((javafx.scene.Parent) screen.node(), 1100, 720);
                scene.getStylesheets().add(odcm.app.ui.common.Css.stylesheet());
                stage.setScene(scene);
                stage.show();
                screen.shown();
                return null;
            });
            org.testfx.api.FxRobot robot = new org.testfx.api.FxRobot();
            Runnable idle = () -> {
                odcm.app.ui.DirectRobot.settle();
                try {
                    org.testfx.util.WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> !fx(runner::isBusy));
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException(e);
                }
                odcm.app.ui.DirectRobot.settle();
            };
            idle.run();
            javafx.scene.control.ComboBox<String> space = robot.lookup("#roles-space").query();
            fx(() -> {
                space.setValue(PROD);
                return null;
            });
            idle.run();
            Label text = robot.lookup("#acceptance-text").query();
            assertTrue(text.getText().startsWith("'" + PROD + "' does not require an imported release to be accepted"), text.getText());
            robot.clickOn("#acceptance-toggle");
            idle.run();
            assertTrue(prod.acceptances().isRequired(PROD));
            assertTrue(text.getText().startsWith("'" + PROD + "' requires an imported release to be accepted"), text.getText());
            assertEquals("space.require-acceptance", prod.audit().list(odcm.model.audit.AuditFilter.ALL).get(0).action());
            odcm.app.ui.ConsoleDriver.shoot(stage.getScene(), "roles-require-acceptance");
            fx(() -> {
                runner.close();
                stage.close();
                return null;
            });
        }
    }
}
