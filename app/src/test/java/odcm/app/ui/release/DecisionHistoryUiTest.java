package odcm.app.ui.release;

import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static odcm.app.ui.release.ScreensHarness.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import odcm.app.TestBundles;
import odcm.app.apply.Demo;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Scope;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;
import odcm.model.release.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The Releases screen lists the approval decisions on the selected release with what each covered, and says when a new
 * revision voided an approval (decision 0046). Screenshot (with -Dodcm.screenshots=true): releases-decision-voided. And the
 * status of each package of the selected release (decision 0059).
 */
class DecisionHistoryUiTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void anApprovalVoidedByANewRevisionIsShownAsVoided() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        try (AppContext dev = both[0]; AppContext prod = both[1]) {
            prod.imports().importBundle(PROD, TestBundles.bundle(dev, "1.0.0", 1), null, TestBundles.values());
            prod.approvals().setGate(PROD, "Production", true);
            prod.approvals().decide(PROD, REMOTE_WEB, "1.0.0", Verdict.APPROVED, "revision 1 looked fine");
            prod.imports().importBundle(PROD, TestBundles.revised(dev, "1.0.0", 2, List.of(new DeploymentStep("Warm up", "Run a script",
                    Map.of("Script", "true"), Scope.ALL, List.of()))), null, Map.of());
            try (ScreensHarness ui = new ScreensHarness(prod)) {
                ui.chooseSpace(PROD).show(ui.releases);
                TableView<Release> releases = ui.node("#releases-table");
                fx(() -> {
                    releases.getSelectionModel().select(0);
                    return null;
                });
                ui.idle();
                @SuppressWarnings("unchecked")
                javafx.scene.control.TableColumn<Release, String> approval = (javafx.scene.control.TableColumn<Release, String>) releases.getColumns().get(3);
                assertEquals("Approval", approval.getText());
                assertEquals("Voided by revision 2", fx(() -> approval.getCellData(0)), "the list's approval state");
                ListView<String> decisions = ui.node("#decisions-list");
                assertEquals(1, decisions.getItems().size(), decisions.getItems().toString());
                String line = decisions.getItems().get(0);
                assertTrue(line.matches("Voided by revision 2: .* approved by \\S+ on revision 1 \\(snapshot [0-9a-f]{12}…\\): revision 1 looked fine"), line);
                ui.shoot("releases-decision-voided");

                prod.approvals().decide(PROD, REMOTE_WEB, "1.0.0", Verdict.REJECTED, "not yet");
                ui.show(ui.releases);
                ui.idle();
                assertEquals("Rejected", fx(() -> approval.getCellData(0)));
                prod.approvals().decide(PROD, REMOTE_WEB, "1.0.0", Verdict.APPROVED, "now it is");
                ui.show(ui.releases);
                ui.idle();
                assertEquals("Approved", fx(() -> approval.getCellData(0)), "a later approval lifts the rejection");
                ui.shoot("releases-approval-state");
            }
        }
    }

    /**
     * The Releases screen shows each package of the selected release as this space would find it (decision 0059): present in
     * the store, wrong in a feed; checked on the task runner. Screenshot: releases-package-status.
     */
    @Test
    void eachPackageOfTheSelectedReleaseShowsItsStatus() throws Exception {
        try (AppContext ctx = AppContext.open(TestStores.demo(tmp, "store"))) {
            try (ScreensHarness ui = new ScreensHarness(ctx)) {
                ui.chooseSpace(Demo.DEVTEST).show(ui.releases);
                ui.idle();
                ReleaseSnapshotView snapshot = ui.node("#release-snapshot");
                fx(() -> {
                    snapshot.select("snapshot-tab-packages");
                    return null;
                });
                ui.idle();
                TableView<PackageVersion> packages = ui.node("#snapshot-packages");
                @SuppressWarnings("unchecked")
                javafx.scene.control.TableColumn<PackageVersion, String> status = (javafx.scene.control.TableColumn<PackageVersion, String>) packages.getColumns().get(2);
                assertEquals("Status", status.getText());
                // a space that uses no package store: no Status column, not even for a frame while another release loads
                java.util.List<Boolean> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
                status.visibleProperty().addListener((o, was, now) -> shown.add(now));
                TableView<Release> releases = ui.node("#releases-table");
                for (int i : new int[] {1, 0}) {
                    fx(() -> {
                        releases.getSelectionModel().select(i);
                        return null;
                    });
                    ui.idle();
                }
                assertEquals(List.of(), shown, "the Status column never shown");
                assertTrue(!status.isVisible());
                ui.shoot("releases-packages-no-store");

                // the demo's manifests name the SHA-256 of "<id><version>": that text is the right file
                Path web = Files.writeString(tmp.resolve("web.zip"), "Acme.Web2.0.0");
                ctx.packages().add(Demo.DEVTEST, web, "Acme.Web", "2.0.0");
                Path feed = Files.createDirectories(tmp.resolve("share"));
                Files.writeString(feed.resolve("Acme.Web.Migrations.2.0.0.zip"), "not the migrations");
                ctx.packages().addFeed(Demo.DEVTEST, feed.toString());
                fx(() -> {
                    releases.getSelectionModel().select(1);
                    releases.getSelectionModel().select(0);
                    return null;
                });
                ui.idle();
                assertTrue(status.isVisible());
                assertEquals("2.0.0", fx(() -> packages.getItems().get(0).version()), "the newest release is selected");
                String statuses = fx(() -> packages.getItems().stream().map(p -> p.packageId() + " = " + status.getCellData(p)).toList()).toString();
                assertTrue(statuses.contains("Acme.Web = present"), statuses);
                assertTrue(statuses.contains("Acme.Web.Migrations = wrong: Package Acme.Web.Migrations 2.0.0 in feed " + feed + " has SHA-256 "), statuses);
                assertEquals("Packages (2, 1 not present)", fx(() -> ((javafx.scene.control.TabPane) ui.node("#snapshot-tabs")).getTabs().get(3).getText()));
                ui.shoot("releases-package-status");
            }
        }
    }
}
