package odcm.app.ui.release;

import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static odcm.app.ui.release.ScreensHarness.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.model.deployment.Deployment;
import odcm.model.project.Project;
import odcm.model.release.Release;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** An imported release on the Projects and Releases screens: read-only build with the reason, Deploy… in lifecycle order. */
class RemoteProjectScreensTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void remoteProjectIsReadOnlyButForValuesAndDeployRefusesOutOfOrder() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        try (AppContext dev = both[0]; AppContext prod = both[1]) {
            prod.imports().importBundle(PROD, TestBundles.bundle(dev, "1.0.0", 1), null, TestBundles.values());
            try (ScreensHarness ui = new ScreensHarness(prod)) {
                ui.chooseSpace(PROD).show(ui.projects);
                TableView<Project> projects = ui.node("#projects-table");
                fx(() -> {
                    projects.getSelectionModel().select(0);
                    return null;
                });
                ui.idle();
                Label imported = ui.node("#project-imported");
                assertTrue(imported.isVisible());
                assertTrue(imported.getText().startsWith("Imported from 'DevTest Space'"), imported.getText());
                assertTrue(ui.node("#project-name").isDisabled(), "the name is read-only");
                TabPane tabs = ui.node("#project-tabs");
                fx(() -> {
                    tabs.getSelectionModel().select(1);
                    return null;
                });
                ui.idle();
                assertTrue(ui.node("#project-read-only-process").isVisible());
                ui.shoot("projects-remote-process-read-only");
                fx(() -> {
                    tabs.getSelectionModel().select(2);
                    return null;
                });
                ui.idle();
                ui.shoot("projects-remote-variables-editable");
                ui.clickOn("#project-save");
                ui.idle();
                assertEquals("", ((Label) ui.node("#project-error")).getText(), "saving a remote project as shown is not refused");
                assertEquals("project.update", prod.audit().list(odcm.model.audit.AuditFilter.ALL).get(0).action());

                ui.show(ui.releases);
                TableView<Release> releases = ui.node("#releases-table");
                fx(() -> {
                    releases.getSelectionModel().select(0);
                    return null;
                });
                ui.idle();
                ui.clickOn("#deploy");
                ui.idle();
                ComboBox<String> env = ui.node("#deploy-environment");
                fx(() -> {
                    env.setValue("Production");
                    return null;
                });
                ui.clickOn("#deploy-ok");
                ui.idle();
                Label error = ui.node("#deploy-error");
                assertEquals("Release 1.0.0 cannot be deployed to Production yet: phase 'Staging' (all must complete) comes first and still needs a "
                        + "successful deployment to Staging.", error.getText());
                ui.shootDialog("deploy", "deploy-refused");
                fx(() -> {
                    env.setValue("Staging");
                    return null;
                });
                ui.clickOn("#deploy-ok");
                ui.idle();
                TableView<Deployment> deployments = ui.node("#deployments-table");
                assertEquals(1, deployments.getItems().size());
                assertEquals("Staging", deployments.getItems().get(0).environment());
                ui.shoot("releases-deployments");
                assertEquals(1, prod.deployments().list(PROD, REMOTE_WEB).size());
            }
        }
    }

    /** Issue 11 point 10: "Create release…" is disabled for a remote project with the reason shown, and Ctrl+N says it too. */
    @Test
    void createReleaseIsDisabledForARemoteProjectWithTheReasonVisible() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        try (AppContext dev = both[0]; AppContext prod = both[1]) {
            prod.imports().importBundle(PROD, TestBundles.bundle(dev, "1.0.0", 1), null, TestBundles.values());
            String why = "Project 'DevTest Space: Web' was imported from 'DevTest Space', so its releases come only from there, through an"
                    + " imported bundle; a release cannot be created for it here.";
            try (ScreensHarness ui = new ScreensHarness(prod)) {
                ui.chooseSpace(PROD).show(ui.releases);
                assertEquals(REMOTE_WEB, ((ComboBox<?>) ui.node("#release-project")).getValue());
                assertTrue(ui.node("#new-release").isDisabled(), "no Create release… for a remote project");
                Label inline = ui.node("#create-release-why");
                assertTrue(inline.isVisible(), "the reason is on the screen, not only in a tooltip");
                assertEquals(why, inline.getText());
                javafx.scene.control.Tooltip tip = (javafx.scene.control.Tooltip) ui.node("#new-release").getParent().getProperties()
                        .get("javafx.scene.control.Tooltip");
                assertEquals(why, tip == null ? null : tip.getText());
                fx(() -> {
                    ui.releases.newAction().orElseThrow().run(); // what Ctrl+N does
                    return null;
                });
                ui.idle();
                assertEquals(why, ((Label) ui.node("#releases-message")).getText());
                assertFalse(inline.isVisible(), "said once: the message line now holds the sentence");
                assertTrue(ui.lookup("#release-version").tryQuery().isEmpty(), "no Create release dialog opened");
                ui.shoot("releases-remote-no-create");
                assertEquals(1, prod.releases().list(PROD, REMOTE_WEB).size());
            }
        }
    }
}
