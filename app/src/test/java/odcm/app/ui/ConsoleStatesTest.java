package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import odcm.app.service.AppContext;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** What a user sees when there is nothing yet, when the store cannot be opened, and when its key is gone. */
class ConsoleStatesTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** The status bar's count of what expires, shown once the worker checked (after the window's first screen). */
    static javafx.scene.control.Hyperlink healthLink(ConsoleDriver c) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> org.testfx.util.WaitForAsyncUtils.asyncFx(
                () -> c.scene().lookup("#status-health") instanceof javafx.scene.control.Hyperlink h && h.isVisible()).get());
        c.idle();
        return c.node("#status-health");
    }

    @Test
    void whatExpiresIsCountedInTheStatusBarAndListedInItsDialog() throws Exception {
        StoreLocation at = TestStores.location(tmp, "expiry");
        java.time.Instant now = java.time.Instant.now();
        // Two days ago, by the store's clock then: a remote space whose certificate has expired since, and one that expires soon.
        try (AppContext then = new AppContext(odcm.persistence.Store.open(at, java.time.Clock.offset(java.time.Clock.systemUTC(),
                java.time.Duration.ofDays(-2)), System.getProperty("user.name")))) {
            then.spaces().create("QA Space", "", KeyAlgorithm.EC_P256);
            for (var remote : java.util.Map.of("Prod Space", now.plus(java.time.Duration.ofDays(12).plusHours(1)),
                    "Old Space", now.minus(java.time.Duration.ofDays(1))).entrySet()) {
                byte[] pem = TestStores.foreignCertificatePemUntil(remote.getKey(), remote.getValue());
                then.remotes().add(remote.getKey(), "", pem, then.remotes().preview(pem).info().fingerprint().hex());
            }
            then.trusts().add("QA Space", "Prod Space", odcm.model.trust.TrustKind.RELEASE_BUNDLES);
        }
        try (ConsoleDriver c = new ConsoleDriver(at)) {
            javafx.scene.control.Hyperlink link = healthLink(c);
            assertEquals("2 expire soon, 1 expired", link.getText());
            assertTrue(link.getStyleClass().contains("health-expired"), "in the danger colour while something has expired");
            c.shoot("status-health");
            c.clickOn("#status-health");
            c.idle();
            javafx.scene.control.TableView<odcm.app.service.HealthService.Finding> table = c.node("#health-table");
            assertEquals(java.util.List.of("Old Space", "Prod Space", "QA Space accepts release bundles from Prod Space"),
                    table.getItems().stream().map(odcm.app.service.HealthService.Finding::name).toList());
            assertEquals(java.util.List.of("Expired", "Expires soon", "Expires soon"),
                    table.getItems().stream().map(odcm.app.service.HealthService.Finding::state).toList());
            c.interact(() -> table.getSelectionModel().select(0));
            assertTrue(c.<Label>node("#health-sentence").getText().startsWith("Old Space's certificate (a remote space) expired 1 day ago ("),
                    c.<Label>node("#health-sentence").getText());
            c.shootDialog("health", "dialog-health");

            javafx.scene.control.Spinner<Integer> days = c.node("#health-days");
            c.interact(() -> days.getValueFactory().setValue(5));
            c.idle();
            assertEquals(1, table.getItems().size(), "12 days is beyond 5");
            assertEquals("1 expired", link.getText(), "the status bar counts for the days the dialog shows");
            c.clickOn("#health-close");
            c.idle();
            assertTrue(c.lookup("#health-dialog").tryQuery().isEmpty(), "Close closed it");
        }
    }

    @Test
    void everyScreenSaysWhatToDoWhenEmpty() throws Exception {
        try (ConsoleDriver c = new ConsoleDriver(TestStores.location(tmp, "fresh"))) {
            assertTrue(c.<Label>node("#spaces-empty").getText().startsWith("No local spaces yet."));
            StoreLocation location = TestStores.location(tmp, "fresh");
            assertEquals("Store: " + location.storeDir(), c.<javafx.scene.control.Hyperlink>node("#status-store").getText());
            // Decision 0040: the embedded store's one person, this computer's user, who holds every role.
            Label person = c.node("#status-person");
            assertEquals("Person: " + System.getProperty("user.name") + " (this computer's user, every role)", person.getText());
            assertEquals(System.getProperty("user.name") + " (this computer's user; an embedded store has one person, with every role)",
                    person.getAccessibleHelp());
            assertTrue(c.<javafx.scene.control.Hyperlink>node("#status-store").getTooltip().getText().contains(location.keyDir().toString()),
                    "the tooltip says where the master key file is");
            c.shoot("spaces-empty");
            assertEquals("Nothing expires within 30 days", healthLink(c).getText());
            c.clickOn("#status-health");
            c.idle();
            assertEquals("Nothing expires within 30 days.", c.<Label>node("#health-empty").getText());
            c.shootDialog("health", "dialog-health-empty");
            c.clickOn("#health-close");
            c.idle();
            c.clickOn("#status-store");
            javafx.scene.control.TextField keyFile = c.node("#about-store-key-file");
            assertTrue(keyFile.getText().startsWith(location.keyDir().toString()) && keyFile.getText().endsWith(".key"), keyFile.getText());
            assertTrue(c.<Label>node("#about-store-key-state").getText().startsWith("Present"));
            assertTrue(c.<Label>node("#about-store-backup").getText().startsWith("Back up both"));
            c.shootDialog("about-store", "dialog-about-store");
            c.clickOn("#about-store-close");
            c.idle();
            assertTrue(c.lookup("#about-store-dialog").tryQuery().isEmpty(), "Close closed it");
            c.open("nav-remotes");
            Label remotesEmpty = c.node("#remotes-empty");
            assertTrue(remotesEmpty.getText().startsWith("No remote spaces yet."));
            assertTrue(((javafx.scene.text.Text) remotesEmpty.lookup(".text")).getText().endsWith("(Ctrl+N)."),
                    "the empty state is shown whole, not cut short");
            c.shoot("remotes-empty");
            c.open("nav-trusts");
            assertTrue(c.<Label>node("#trusts-empty").getText().startsWith("No trusts yet"));
            c.shoot("trusts-empty");
            c.open("nav-audit");
            c.shoot("audit-empty");

            c.open("nav-remotes");
            c.clickOn("#add-remote");
            c.clickOn("#add-remote-name").write("Somebody's Space");
            c.clickOn("#add-remote-pem").write("-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----");
            c.idle();
            String refusal = c.<Label>node("#add-remote-preview-error").getText();
            assertTrue(!refusal.isEmpty() && !refusal.startsWith("Unexpected"), refusal);
            assertTrue(c.<javafx.scene.control.Button>node("#add-remote-ok").isDisabled());
            c.shootDialog("add-remote", "dialog-add-remote-bad-certificate");
            c.clickOn("#add-remote-cancel");
        }
    }

    @Test
    void aStoreInUseIsRefusedWithItsSentenceAndOkExits() throws Exception {
        StoreLocation location = TestStores.location(tmp, "busy");
        try (AppContext other = AppContext.open(location); ConsoleDriver c = new ConsoleDriver(location)) {
            String sentence = c.<Label>node("#store-refused").getText();
            assertTrue(!sentence.isBlank() && !sentence.startsWith("Unexpected"), sentence);
            assertTrue(c.<Label>node("#store-refused-title").getText().contains(location.storeDir().toString()));
            c.shoot("store-refused");
            c.clickOn("#store-refused-ok");
            assertTrue(c.exited.get(), "OK exits the console");
        }
    }

    @Test
    void aMissingMasterKeyShowsAPersistentBannerAndTheSpacesStillList() throws Exception {
        StoreLocation location = TestStores.location(tmp, "restored");
        try (AppContext ctx = AppContext.open(location)) {
            ctx.spaces().create("Prod Space", "Production, network B", KeyAlgorithm.EC_P256);
        }
        try (Stream<Path> keys = Files.list(location.keyDir())) {
            for (Path k : keys.toList()) {
                Files.delete(k);
            }
        }
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            assertTrue(c.lookup("#audit-warning").tryQuery().isEmpty(), "no audit check without the key: one banner");
            String banner = c.<Label>node("#key-warning").getText();
            assertTrue(banner.contains("Spaces, trusts and history can be read, but nothing can be changed"), banner);
            assertTrue(banner.contains(location.keyDir().toString()), banner);
            assertEquals(1, c.<javafx.scene.control.TableView<?>>node("#spaces-table").getItems().size());
            c.clickOn("#spaces-table .table-cell");
            c.idle();
            c.shoot("spaces-key-missing");
            c.clickOn("#status-store");
            assertTrue(c.<Label>node("#about-store-key-state").getText().startsWith("Missing"));
            c.shootDialog("about-store", "dialog-about-store-key-missing");
            c.clickOn("#about-store-close");
            c.open("nav-audit");
            assertTrue(c.node("#key-warning").isVisible(), "the banner stays on every screen");
        }
    }

    @Test
    void aStoreBehindItsAuditHeadShowsABannerAndRefusesChanges() throws Exception {
        StoreLocation location = TestStores.location(tmp, "rolled-back");
        Path old = tmp.resolve("old.mv.db");
        try (AppContext ctx = AppContext.open(location)) {
            ctx.spaces().create("Prod Space", "Production, network B", KeyAlgorithm.EC_P256);
        }
        Files.copy(location.databaseFile(), old);
        try (AppContext ctx = AppContext.open(location)) {
            ctx.spaces().create("Test Space", "", KeyAlgorithm.EC_P256);
        }
        Files.copy(old, location.databaseFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            String banner = c.<Label>node("#audit-warning").getText();
            assertTrue(banner.startsWith("This store is behind its audit head " + location.keyDir()), banner);
            assertTrue(banner.contains("removed from the end of the audit log") && banner.contains("odcm audit accept-rollback"), banner);
            // Its trusts and certificates are not used until then (0038, "Freshness"): no space is listed, and no example offered.
            assertEquals(0, c.<javafx.scene.control.TableView<?>>node("#spaces-table").getItems().size());
            assertTrue(c.lookup("#demo-offer").tryQuery().isEmpty(), "no example organisation is offered for a store behind its head");
            c.shoot("audit-behind-head");
            c.open("nav-audit");
            assertTrue(c.node("#audit-warning").isVisible(), "the banner stays on every screen");
        }
    }

    @Test
    void aStoreWhoseAuditHeadWasDeletedShowsABannerAndNoSpaces() throws Exception {
        StoreLocation location = TestStores.location(tmp, "head-deleted");
        try (AppContext ctx = AppContext.open(location)) {
            ctx.spaces().create("Prod Space", "Production, network B", KeyAlgorithm.EC_P256);
        }
        Path head;
        try (Stream<Path> heads = Files.list(location.keyDir())) {
            head = heads.filter(p -> p.toString().endsWith(".audit-head")).findFirst().orElseThrow();
        }
        Files.delete(head); // decision 0044: refused like a head that cannot be believed, never made again from the store's end
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            String banner = c.<Label>node("#audit-warning").getText();
            assertTrue(banner.startsWith("The audit head file " + head + " is missing, so whether this store was rolled back cannot be told."),
                    banner);
            assertTrue(banner.contains("odcm audit accept-rollback"), banner);
            assertEquals(0, c.<javafx.scene.control.TableView<?>>node("#spaces-table").getItems().size());
            c.shoot("audit-head-missing");
        }
        assertTrue(!Files.exists(head), "the console made no head from the store's own end");
    }
}
