package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import odcm.app.apply.ApplyService;
import odcm.app.service.AppContext;
import odcm.app.service.BundleService;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.Formats;
import odcm.app.ui.dashboard.DashboardView;
import odcm.app.ui.inbox.InboxViewModel;
import odcm.model.cert.Fingerprint;
import odcm.model.dashboard.Dashboard;
import odcm.model.deployment.Deployment;
import odcm.model.release.Release;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The round trip of PRODUCT.md through the screens, over two separate stores (network A with DevTest Space, network B
 * with Prod Space, each with its own key folder) that share nothing but the files carried between them. The scenario
 * is the one of {@code RoundTripCliTest}. The two consoles are opened one after the other (never side by side: the
 * element ids of two windows would collide in lookups), each time on the same store.
 *
 * <p>Driven through the screens: creating each space and saving its certificate to a file (Spaces), adding the other's
 * as a remote space from the file with the fingerprint read off the other console (Remote spaces), the two trusts
 * (Trusts), Promote to space… to a file (Releases), Open… and Import… with the mandatory value typed into the wizard
 * (Inbox), Deploy… to Production (Releases), Create receipt… (Outbox), Import receipt… (Inbox), and the Dashboard.
 *
 * <p>Set up through the services instead, since their screens are tested elsewhere: the environments, the remote
 * environment {@code Prod Space: Production}, the lifecycles, the project with its mandatory template and the release
 * (an {@code apply} document, as the command-line test does), and DevTest's deployments to Development and Test.
 */
class RoundTripUiTest {
    static final String DEV = "DevTest Space";
    static final String PROD = "Prod Space";
    static final String REMOTE_WEB = DEV + ": Web";

    static final String DEV_DOCUMENT = odcm.app.RoundTripDocuments.DEV_DOCUMENT;
    static final String PROD_DOCUMENT = odcm.app.RoundTripDocuments.PROD_DOCUMENT;

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    // ---- helpers, in the manner of the screen tests ----

    static void nav(ConsoleDriver c, String navId) {
        c.clickOn("#" + navId);
        c.idle();
    }

    static void closeDialog(ConsoleDriver c, String id) {
        DialogPane pane = c.node("#" + id + "-dialog");
        c.clickOn(pane.lookupButton(ButtonType.CLOSE));
        c.idle();
    }

    static <T> void choose(ConsoleDriver c, String query, T value) {
        ComboBox<T> box = c.node(query);
        c.interact(() -> box.setValue(value));
        c.idle();
    }

    static <T> void select(ConsoleDriver c, TableView<T> table, int index) {
        c.interact(() -> table.getSelectionModel().select(index));
        c.idle();
    }

    static void pickListCell(ConsoleDriver c, String text) {
        c.clickOn(c.lookup(".list-cell").match(n -> n instanceof ListCell<?> cell && text.equals(cell.getText())).<Node>query());
    }

    static void apply(ConsoleDriver c, String json) {
        List<String> done = new ApplyService(c.console().context()).apply(ApplyService.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertFalse(done.isEmpty(), "the document changed something");
    }

    static Fingerprint sha256(Path file) throws Exception {
        return Fingerprint.ofDigest(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Spaces screen: New space… (with the key chosen), then Save certificate… to {@code file}; the fingerprint as shown. */
    static String createSpaceAndSaveCertificate(ConsoleDriver c, String name, KeyAlgorithm key, Path file) {
        nav(c, "nav-spaces");
        c.clickOn("#new-space");
        c.clickOn("#new-space-name").write(name);
        choose(c, "#new-space-algorithm", key);
        c.clickOn("#new-space-ok");
        c.idle();
        TableView<Space> spaces = c.node("#spaces-table");
        assertEquals(List.of(name), spaces.getItems().stream().map(Space::name).toList());
        assertEquals(name, c.<Label>node("#space-detail-name").getText());
        c.files.next(file);
        c.clickOn("#save-certificate");
        c.idle();
        assertTrue(c.<Label>node("#spaces-message").getText().startsWith("Saved the certificate"), c.<Label>node("#spaces-message").getText());
        try {
            assertTrue(Files.readString(file).startsWith("-----BEGIN CERTIFICATE-----"), "a PEM certificate in " + file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // What would be read over the phone: the fingerprint of the space's own certificate.
        return spaces.getItems().get(0).certificate().fingerprint().grouped();
    }

    /** Remote spaces screen: Add remote space… from the carried file, with the fingerprint read over the phone. */
    static void addRemote(ConsoleDriver c, String name, Path certificate, String fingerprint) {
        nav(c, "nav-remotes");
        TableView<Space> remotes = c.node("#remotes-table");
        assertTrue(remotes.getItems().isEmpty());
        c.clickOn("#add-remote");
        c.clickOn("#add-remote-name").write(name);
        c.files.next(certificate);
        c.clickOn("#add-remote-browse");
        c.idle();
        assertEquals(fingerprint.substring(0, 39) + "\n" + fingerprint.substring(40), c.<Label>node("#add-remote-preview-fingerprint").getText(),
                "the certificate in the file is the one whose fingerprint was read out");
        c.clickOn("#add-remote-expected").write(fingerprint);
        assertTrue(c.<Label>node("#add-remote-match").getText().startsWith("Matches"));
        c.clickOn("#add-remote-ok");
        c.idle();
        assertEquals(List.of(name), remotes.getItems().stream().map(Space::name).toList());
    }

    /** Trusts screen: Add trust… for the only local space, of {@code kind}, from the remote space {@code from}. */
    static void addTrust(ConsoleDriver c, String space, TrustKind kind, String from) {
        nav(c, "nav-trusts");
        c.clickOn("#add-trust");
        assertEquals(space, c.<ComboBox<Space>>node("#add-trust-truster").getValue().name(), "the only local space is chosen already");
        choose(c, "#add-trust-kind", kind);
        c.clickOn("#add-trust-trusted");
        pickListCell(c, from + "  (remote)");
        assertTrue(c.<Label>node("#add-trust-preview").getText().startsWith("'" + space + "' will accept " + kind.words() + " from '" + from + "'"),
                c.<Label>node("#add-trust-preview").getText());
        c.clickOn("#add-trust-ok");
        c.idle();
        TableView<Trust> trusts = c.node("#trusts-table");
        assertEquals(List.of("'" + space + "' accepts " + kind.words() + " from '" + from + "'"), trusts.getItems().stream().map(Trust::sentence).toList());
    }

    // ---- the round trip ----

    @Test
    void theRoundTripThroughTheScreensOfTwoConsoles() throws Exception {
        StoreLocation networkA = TestStores.location(tmp, "network-a");
        StoreLocation networkB = TestStores.location(tmp, "network-b");
        assertFalse(networkA.keyDir().equals(networkB.keyDir()), "each store has its own key folder");
        Path stick = Files.createDirectories(tmp.resolve("usb-stick"));
        Path devCert = stick.resolve("devtest.pem");
        Path prodCert = stick.resolve("prod.pem");
        Path bundle = stick.resolve("web-1.0.0.odcmbundle");
        Path receipt = stick.resolve("prod-to-devtest.odcmreceipt");
        String devFingerprint;
        String prodFingerprint;

        // 1. Network A: DevTest Space and its certificate on the stick.
        try (ConsoleDriver a = new ConsoleDriver(networkA)) {
            devFingerprint = createSpaceAndSaveCertificate(a, DEV, KeyAlgorithm.EC_P256, devCert);
        }

        // 2. Network B: Prod Space (RSA), its certificate; DevTest as a remote space; Prod accepts bundles from DevTest.
        try (ConsoleDriver b = new ConsoleDriver(networkB)) {
            prodFingerprint = createSpaceAndSaveCertificate(b, PROD, KeyAlgorithm.RSA_3072, prodCert);
            assertFalse(prodFingerprint.equals(devFingerprint));
            addRemote(b, DEV, devCert, devFingerprint);
            addTrust(b, PROD, TrustKind.RELEASE_BUNDLES, DEV);
            apply(b, PROD_DOCUMENT); // set-up: Production and the Prod lifecycle
        }

        // 3. Network A: Prod as a remote space, DevTest accepts receipts from it; the release promoted to a file.
        try (ConsoleDriver a = new ConsoleDriver(networkA)) {
            addRemote(a, PROD, prodCert, prodFingerprint);
            addTrust(a, DEV, TrustKind.DEPLOYMENT_RECEIPTS, PROD);
            apply(a, DEV_DOCUMENT); // set-up: environments, 'Prod Space: Production', lifecycle Main, project Web, release 1.0.0
            AppContext ctx = a.console().context();
            ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true);
            ctx.deployments().deploy(DEV, "Web", "1.0.0", "Test", true);

            nav(a, "nav-releases");
            choose(a, "#release-project", "Web");
            TableView<Release> releases = a.node("#releases-table");
            assertEquals(List.of("1.0.0"), releases.getItems().stream().map(Release::version).toList());
            select(a, releases, 0);
            assertFalse(a.node("#promote-release").isDisabled());
            a.clickOn("#promote-release");
            a.idle();
            ComboBox<BundleService.Target> target = a.node("#promote-target");
            assertEquals(List.of(PROD), target.getItems().stream().map(BundleService.Target::name).toList(), "the lifecycle promotes to Prod Space only");
            choose(a, "#promote-target", target.getItems().get(0));
            a.files.next(bundle);
            a.clickOn("#promote-choose-file");
            a.idle();
            assertEquals(bundle.toString(), a.<TextField>node("#promote-file").getText());
            a.clickOn("#promote-ok");
            a.idle();
            assertTrue(Files.exists(bundle), "the bundle is on the stick");
            assertEquals(Formats.fingerprintTwoLines(sha256(bundle)), a.<TextArea>node("#promote-result-fingerprint").getText());
            a.shootDialog("promote-result", "roundtrip-promote-result");
            closeDialog(a, "promote-result");
        }

        // 4. Network B: the bundle opened in the Inbox, imported with the production value, deployed; a receipt written.
        try (ConsoleDriver b = new ConsoleDriver(networkB)) {
            nav(b, "nav-inbox");
            b.files.next(bundle);
            b.clickOn("#inbox-open");
            b.idle();
            TableView<InboxViewModel.Item> inbox = b.node("#inbox-table");
            int row = -1;
            for (int i = 0; i < inbox.getItems().size(); i++) {
                if (inbox.getItems().get(i).name().equals(bundle.getFileName().toString())) {
                    row = i;
                }
            }
            assertTrue(row >= 0, "the opened bundle is listed: " + inbox.getItems().stream().map(InboxViewModel.Item::name).toList());
            assertEquals("Genuine", inbox.getItems().get(row).verdict(), inbox.getItems().get(row).sentence());
            select(b, inbox, row);
            b.clickOn("#inbox-import");
            b.idle();
            assertEquals(DEV, b.<Label>node("#wizard-signer").getText());
            b.clickOn("#wizard-next");
            b.idle();
            assertTrue(b.<Label>node("#wizard-becomes").getText().contains("'" + REMOTE_WEB + "'"), b.<Label>node("#wizard-becomes").getText());
            b.clickOn("#wizard-next");
            b.idle();
            b.clickOn("#wizard-next");
            b.idle();
            Label missing = b.node("#wizard-missing");
            assertEquals("Missing mandatory values (1): Production: Admin e-mail.", missing.getText());
            assertTrue(b.<Button>node("#wizard-finish").isDisabled(), "Finish disabled while the value is missing");
            b.interact(() -> odcm.app.ui.inbox.ImportWizard.scrollTo(b.node("#wizard-values"), "value-Production-AdminEmail"));
            DirectRobot.settle();
            b.clickOn(b.<Node>node("#value-Production-AdminEmail")).write("ops@example.org");
            assertEquals("Every mandatory value is set.", missing.getText());
            assertFalse(b.<Button>node("#wizard-finish").isDisabled());
            b.clickOn("#wizard-finish");
            b.idle();
            assertEquals("Imported release 1.0.0 of 'DevTest Space: Web' into 'Prod Space' with lifecycle 'Prod'.",
                    b.<Label>node("#wizard-message").getText());
            ConsoleDriver.shoot(b.node("#import-wizard").getScene(), "roundtrip-imported");
            b.clickOn("#wizard-cancel");
            b.idle();
            assertEquals("ops@example.org", b.console().context().projects().find(PROD, REMOTE_WEB).variables().stream()
                    .filter(v -> v.name().equals("AdminEmail")).findFirst().orElseThrow().value(), "the typed value is stored with the project");
            assertEquals(List.of("Already imported"), inbox.getItems().stream().filter(i -> i.name().equals(bundle.getFileName().toString()))
                    .map(InboxViewModel.Item::verdict).toList(), "the Inbox checks the file again after the wizard");

            nav(b, "nav-releases");
            choose(b, "#release-project", REMOTE_WEB);
            TableView<Release> releases = b.node("#releases-table");
            assertEquals(List.of("1.0.0"), releases.getItems().stream().map(Release::version).toList());
            select(b, releases, 0);
            b.clickOn("#deploy");
            b.idle();
            choose(b, "#deploy-environment", "Production");
            b.clickOn("#deploy-ok");
            b.idle();
            TableView<Deployment> deployments = b.node("#deployments-table");
            assertEquals(List.of("Production"), deployments.getItems().stream().map(Deployment::environment).toList());

            nav(b, "nav-outbox");
            b.clickOn("#create-receipt");
            b.idle();
            ComboBox<String> source = b.node("#receipt-for");
            assertEquals(List.of(DEV), source.getItems());
            assertEquals(DEV, source.getValue(), "the only space bundles came from is chosen");
            b.files.next(receipt);
            b.clickOn("#receipt-choose-file");
            b.idle();
            b.clickOn("#receipt-create-ok");
            b.idle();
            assertTrue(Files.exists(receipt), "the receipt is on the stick");
            String created = b.<Label>node("#receipt-created").getText();
            assertTrue(created.endsWith("receipt 1 for 'DevTest Space' reporting 1 deployment."), created);
            assertEquals(Formats.fingerprintTwoLines(sha256(receipt)), b.<Label>node("#receipt-created-fingerprint").getText());
            closeDialog(b, "receipt-create");
        }

        // 5. Network A: the receipt imported in the Inbox; the Dashboard shows the outcome in 'Prod Space: Production'.
        try (ConsoleDriver a = new ConsoleDriver(networkA)) {
            nav(a, "nav-inbox");
            a.clickOn("#inbox-import-receipt");
            a.idle();
            a.files.next(receipt);
            a.clickOn("#receipt-open");
            a.idle();
            Label outcome = a.node("#receipt-import-outcome");
            assertEquals("✔ ACCEPTED — Accepted receipt 1 from 'Prod Space' into 'DevTest Space': 1 deployment reported, 1 new.", outcome.getText());
            assertTrue(outcome.getStyleClass().contains(Css.OK));
            closeDialog(a, "receipt-import");
            List<odcm.app.service.ReceiptService.Known> known = a.console().context().receipts().known(DEV);
            assertEquals(List.of("Web 1.0.0 Prod Space: Production true"),
                    known.stream().map(k -> k.project() + " " + k.version() + " " + k.where() + " " + k.succeeded()).toList());

            nav(a, "nav-dashboard");
            TableView<Dashboard.Row> table = a.node("#dashboard-table");
            assertEquals(List.of("Web"), table.getItems().stream().map(Dashboard.Row::project).toList());
            List<String> headers = table.getColumns().stream().map(col -> col.getGraphic() instanceof Label l ? l.getText() : col.getText()).toList();
            assertEquals(List.of("Project", "Development", "Test", "Prod Space:\nProduction"), headers);
            TableColumn<Dashboard.Row, ?> prodColumn = table.getColumns().get(headers.indexOf("Prod Space:\nProduction"));
            java.util.function.Supplier<TableCell<?, ?>> prodCell = () -> a.lookup("#dashboard-table .table-cell").queryAll().stream()
                    .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
                    .filter(cell -> cell.getTableColumn() == prodColumn && cell.getIndex() == 0 && cell.getText() != null).findFirst().orElse(null);
            // The table's cells are made in a layout pulse after its rows arrive: on a loaded machine that pulse can come later.
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> prodCell.get() != null).get());
            TableCell<?, ?> prod = prodCell.get();
            assertNotNull(prod, "a cell for Web in 'Prod Space: Production'");
            assertTrue(prod.getText().startsWith("1.0.0 ✓ ") && prod.getText().endsWith(" " + DashboardView.REPORTED_MARKER),
                    "version, ✓ and the receipt marker: " + prod.getText());
            assertTrue(prod.getStyleClass().contains("dashboard-succeeded") && prod.getStyleClass().contains("dashboard-reported"),
                    prod.getStyleClass().toString());
            a.hover(prod); // the tooltip is made on the first hover
            assertTrue(prod.getTooltip().getText().contains("from a receipt of Prod Space"), prod.getTooltip().getText());
            Path shot = a.snapshot("roundtrip-dashboard"); // written in every run: the image is checked
            assertTrue(Files.size(shot) > 1000);

            nav(a, "nav-audit");
            a.clickOn("#verify-audit");
            a.idle();
            assertTrue(a.<Label>node("#audit-outcome").getText().startsWith("The audit log is intact"), a.<Label>node("#audit-outcome").getText());
        }
        try (AppContext b = AppContext.open(networkB)) {
            assertTrue(b.audit().verify().isIntact(), "network B's audit log is intact");
            assertEquals(List.of(DEV), b.spaces().remotes().stream().map(Space::name).toList(), "B knows DevTest only as a remote space");
        }
    }
}
