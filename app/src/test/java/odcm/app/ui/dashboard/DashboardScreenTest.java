package odcm.app.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import odcm.app.apply.Demo;
import odcm.app.graph.GraphFiles;
import odcm.app.graph.GraphLayout;
import odcm.app.graph.GraphStatus;
import odcm.app.graph.LifecycleLayout;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.TestStores;
import odcm.app.ui.graph.LifecycleGraphView;
import odcm.model.dashboard.Dashboard;
import odcm.model.dashboard.DashboardText;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.space.SpaceKind;
import odcm.persistence.StoreLocation;
import odcm.persistence.receipt.ReceiptRepository.RemoteDeployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The Dashboard screen over the demo organisation with deployments recorded here, a receipt from Prod Space and Prod EU
 * Space, and a report from the QA space; then the Pipeline coloured by the same status, and the same picture as PNG/SVG.
 */
class DashboardScreenTest {
    static final Path GRAPHS = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("graphs");

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** The receipt's creation time, whole minutes, two days ago. */
    static final Instant RECEIPT = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);

    static void organisation(StoreLocation location) {
        TestStores.demoAt(location);
        try (AppContext ctx = AppContext.open(location)) {
            ctx.spaces().create("Empty Space", "", odcm.packaging.cert.KeyAlgorithm.EC_P256);
            String dev = Demo.DEVTEST;
            ctx.deployments().deploy(dev, "Web Shop", "1.1.0", "Development", true);
            ctx.deployments().deploy(dev, "Web Shop", "1.1.0", "Test", true);
            ctx.deployments().deploy(dev, "Web Shop", "2.0.0", "Development", true);
            ctx.deployments().deploy(dev, "Public API", "2.0.0", "Development", true);
            ctx.deployments().deploy(dev, "Public API", "2.0.0", "Test", false);
            ctx.deployments().deploy(dev, "Payments", "2.0.0", "Development", true);
            ctx.store().write(tx -> {
                long devId = tx.spaces().findByName(dev).orElseThrow().id();
                UUID receipt = UUID.randomUUID();
                record(tx, devId, "Web Shop", "1.1.0", Demo.PROD, "Production", true, RECEIPT.minus(Duration.ofHours(3)), receipt, RECEIPT);
                record(tx, devId, "Public API", "1.1.0", Demo.PROD_EU, "Production", false, RECEIPT.minus(Duration.ofHours(20)), UUID.randomUUID(),
                        RECEIPT.minus(Duration.ofHours(19)));
                record(tx, devId, "Payments", "2.0.0", Demo.QA, "QA", true, Instant.now().minus(Duration.ofHours(1)), null, Instant.now());
                return null;
            });
        }
    }

    static void record(odcm.persistence.StoreTx tx, long devId, String project, String version, String reporter, String environment, boolean ok,
                       Instant at, UUID receipt, Instant reported) {
        long release = tx.releases().find(tx.projects().findByName(devId, project).orElseThrow().id(), version).orElseThrow().id();
        long reporterId = tx.spaces().findByName(reporter).orElseThrow().id();
        tx.receipts().record(new RemoteDeployment(devId, release, reporterId, reporter, environment, ok, at, "ops", receipt, reported));
    }

    static List<TableCell<?, ?>> cells(ConsoleDriver c, String styleClass) {
        return c.lookup("#dashboard-table .table-cell." + styleClass).queryAll().stream().<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
                .filter(cell -> cell.getText() != null).toList();
    }

    @Test
    void theDashboardShowsLocalAndReportedDeploymentsAndThePipelineIsColouredAlike() throws Exception {
        StoreLocation location = TestStores.location(tmp, "demo");
        organisation(location);
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            c.open("nav-dashboard");
            TableView<Dashboard.Row> table = c.node("#dashboard-table");
            assertEquals(List.of("Payments", "Public API", "Reports", "Web Shop"), table.getItems().stream().map(Dashboard.Row::project).toList());
            List<String> headers = table.getColumns().stream().map(col -> col.getGraphic() instanceof Label l ? l.getText() : col.getText()).toList();
            assertEquals(List.of("Project", "Development", "Test", "Prod EU Space:\nProduction", "Prod Space:\nProduction", "Prod US Space:\nProduction",
                    "QA Space:\nQA"), headers, "remote environments on two lines");
            Label prodHeader = (Label) table.getColumns().get(4).getGraphic();
            // Tooltips are made on the first hover (decision 0033, 2026-12-05): none when the dashboard shows.
            assertNull(prodHeader.getTooltip(), "a header's tooltip is made when the pointer comes");
            assertTrue(c.lookup("#dashboard-table .table-cell").queryAll().stream().allMatch(n -> ((TableCell<?, ?>) n).getTooltip() == null),
                    "no cell's tooltip made before the pointer comes");
            c.hover(prodHeader);
            c.hover((Label) table.getColumns().get(6).getGraphic());
            assertEquals("Remote environment: Production of Prod Space, known from its reports.", prodHeader.getTooltip().getText());
            assertEquals("Environment QA of QA Space: reported by it, not a remote environment here.",
                    ((Label) table.getColumns().get(6).getGraphic()).getTooltip().getText());

            List<String> failed = cells(c, "dashboard-failed").stream().map(TableCell::getText).toList();
            assertTrue(failed.contains("2.0.0 ✗ now") || failed.contains("2.0.0 ✗ 1m"), failed.toString());
            TableCell<?, ?> prod = cells(c, "dashboard-reported").stream().filter(x -> x.getText().startsWith("1.1.0 ✓")).findFirst().orElseThrow();
            assertEquals("1.1.0 ✓ 2d " + DashboardView.REPORTED_MARKER, prod.getText(), "from the receipt: ✓, its age and the marker");
            c.hover(prod);
            assertTrue(prod.getTooltip().getText().endsWith("from a receipt of Prod Space created " + DashboardText.time(RECEIPT, ZoneId.systemDefault())
                    + "."), prod.getTooltip().getText());
            assertTrue(prod.getStyleClass().contains("dashboard-succeeded"));
            TableCell<?, ?> qa = cells(c, "dashboard-reported").stream().filter(x -> x.getText().startsWith("2.0.0 ✓")).findFirst().orElseThrow();
            c.hover(qa);
            assertTrue(qa.getTooltip().getText().contains("reported directly by QA Space"), qa.getTooltip().getText());
            assertEquals(3, cells(c, "dashboard-reported").size(), "Prod Space, Prod EU Space, QA Space");
            assertTrue(c.<Label>node("#dashboard-legend").getText().startsWith("✓ succeeded (green), ✗ failed (red)"));
            Label packages = c.node("#dashboard-packages");
            assertFalse(packages.isVisible(), "a space that uses no package store: no word on packages");
            c.shoot("dashboard");

            ComboBox<String> picker = c.node("#current-space");
            c.interact(() -> picker.setValue("Empty Space"));
            c.idle();
            assertTrue(table.getItems().isEmpty());
            Label empty = c.node("#dashboard-empty");
            assertEquals("'Empty Space' has no projects yet. Create one on the Projects screen; its deployments appear here.", empty.getText());
            assertTrue(empty.isVisible());
            c.shoot("dashboard-empty");
            c.interact(() -> picker.setValue(Demo.DEVTEST));
            c.idle();
            assertEquals(4, table.getItems().size(), "back to DevTest: loaded again");

            // a feed holding one package of Web Shop 2.0.0 (found by its name; nothing hashed): the releases shown are noted
            Path feed = Files.createDirectories(tmp.resolve("share"));
            Files.writeString(feed.resolve("Acme.Web.2.0.0.zip"), "any bytes");
            c.console().context().packages().addFeed(Demo.DEVTEST, feed.toString());
            c.clickOn("#dashboard-refresh");
            c.idle();
            assertTrue(packages.isVisible());
            assertTrue(packages.getText().startsWith("Packages (a look for each file in the package store and feeds, nothing hashed;"
                    + " a deployment checks their hashes): ") && packages.getText().contains("Web Shop 2.0.0: 1 of 2 packages not present"),
                    packages.getText());
            assertTrue(packages.getStyleClass().contains("inline-warning"));
            c.shoot("dashboard-packages");

            c.open("nav-pipeline");
            c.interact(() -> c.<ComboBox<String>>node("#pipeline-project").setValue("Public API"));
            c.idle();
            LifecycleGraphView graph = c.node("#lifecycle-graph");
            GraphLayout layout = graph.layoutProperty().get();
            assertEquals(List.of("Development"), titles(layout, GraphLayout.Status.SUCCEEDED));
            assertEquals(List.of("Test", "Prod EU Space: Production"), titles(layout, GraphLayout.Status.FAILED));
            assertEquals("2.0.0 ✗", layout.boxes().stream().filter(b -> b.kind().isEnvironment() && b.title().equals("Test")).findFirst().orElseThrow().statusText());
            assertEquals(1, c.lookup(".graph-box.graph-status-succeeded").queryAll().size());
            assertEquals(2, c.lookup(".graph-box.graph-status-failed").queryAll().size());
            assertTrue(c.node("#graph-status-legend").isVisible());
            c.shoot("pipeline-status");

            // The same status in the exported pictures (what 'lifecycle render' writes).
            AppContext ctx = c.console().context();
            CompositeLifecycle composite = ctx.lifecycles().composite(Demo.DEVTEST, "Public API");
            GraphLayout drawn = LifecycleLayout.layout(composite,
                    GraphStatus.of(composite, ctx.dashboards().dashboard(Demo.DEVTEST).row("Public API").orElseThrow()));
            assertEquals(layout.boxes().stream().map(GraphLayout.Box::status).toList(), drawn.boxes().stream().map(GraphLayout.Box::status).toList());
            Files.createDirectories(GRAPHS);
            GraphFiles.write(drawn, "Public API across spaces", GRAPHS.resolve("public-api-status.png"));
            GraphFiles.write(drawn, "Public API across spaces", GRAPHS.resolve("public-api-status.svg"));
            String svg = Files.readString(GRAPHS.resolve("public-api-status.svg"));
            assertTrue(svg.contains("2.0.0 ✗") && svg.contains("Latest deployment of the project:"), "status text and legend in the SVG");
            assertFalse(ctx.spaces().list().stream().noneMatch(s -> s.kind() == SpaceKind.REMOTE));
        }
    }

    static List<String> titles(GraphLayout l, GraphLayout.Status status) {
        return l.boxes().stream().filter(b -> b.status() == status).map(GraphLayout.Box::title).toList();
    }
}
