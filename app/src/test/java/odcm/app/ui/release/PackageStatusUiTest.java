package odcm.app.ui.release;

import static odcm.app.ui.release.ScreensHarness.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TableView;
import odcm.app.apply.Demo;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.model.release.PackageVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The Releases screen shows each package of the selected release as this space would find it (decision 0059): present in
 * the store, wrong in a feed; checked on the task runner. Screenshot (with -Dodcm.screenshots=true): releases-package-status.
 */
class PackageStatusUiTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void eachPackageOfTheSelectedReleaseShowsItsStatus() throws Exception {
        try (AppContext ctx = AppContext.open(TestStores.demo(tmp, "store"))) {
            // the demo's manifests name the SHA-256 of "<id><version>": that text is the right file
            Path web = Files.writeString(tmp.resolve("web.zip"), "Acme.Web2.0.0");
            ctx.packages().add(Demo.DEVTEST, web, "Acme.Web", "2.0.0");
            Path feed = Files.createDirectories(tmp.resolve("share"));
            Files.writeString(feed.resolve("Acme.Web.Migrations.2.0.0.zip"), "not the migrations");
            ctx.packages().addFeed(Demo.DEVTEST, feed.toString());
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
                assertTrue(status.isVisible());
                assertEquals("2.0.0", fx(() -> packages.getItems().get(0).version()), "the newest release is selected");
                String shown = fx(() -> packages.getItems().stream().map(p -> p.packageId() + " = " + status.getCellData(p)).toList()).toString();
                assertTrue(shown.contains("Acme.Web = present"), shown);
                assertTrue(shown.contains("Acme.Web.Migrations = wrong: Package Acme.Web.Migrations 2.0.0 in feed " + feed + " has SHA-256 "), shown);
                assertEquals("Packages (2, 1 not present)", fx(() -> ((javafx.scene.control.TabPane) ui.node("#snapshot-tabs")).getTabs().get(3).getText()));
                ui.shoot("releases-package-status");
            }
        }
    }
}
