package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import odcm.model.dashboard.Dashboard;
import odcm.model.dashboard.Dashboard.Column;
import odcm.model.dashboard.Dashboard.ColumnKind;
import odcm.model.dashboard.Dashboard.Source;
import odcm.model.dashboard.DashboardText;
import odcm.model.deployment.UpstreamDeployment;
import odcm.model.project.ProjectDraft;
import odcm.model.release.Release;
import odcm.persistence.Store;
import odcm.persistence.StoreLocation;
import odcm.persistence.receipt.ReceiptRepository.RemoteDeployment;
import odcm.persistence.space.SpaceRepository;
import org.junit.jupiter.api.Test;

/** The dashboard read from a real store: local deployments, what another space reported, what an imported bundle carried. */
class DashboardServiceTest extends ServiceFixture {
    /** A whole hour after now: certificates made with the real clock are valid by then. */
    static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));

    /** A clock the test moves forward. */
    static final class StepClock extends Clock {
        Instant now = START;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final StepClock clock = new StepClock();

    @Override
    AppContext open() {
        ctx = new AppContext(Store.open(new StoreLocation(tmp.resolve("store"), tmp.resolve("keys")), clock, "tester"));
        return ctx;
    }

    void devTestWithWeb() {
        organisation();
        local(QA);
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        ctx.projects().create(DEV, new ProjectDraft("Api", "", "Main", List.of(), List.of(), List.of(), List.of()));
        ctx.releases().create(DEV, "Web", "1.0.0", "first", null, webPackages("1.0.0"));
        ctx.releases().create(DEV, "Web", "1.1.0", "second", null, webPackages("1.1.0"));
    }

    static List<String> titles(Dashboard d) {
        return d.columns().stream().map(Column::title).toList();
    }

    @Test
    void localDeploymentsInLifecycleOrderWithTheLatestPerEnvironment() {
        devTestWithWeb();
        ctx.environments().create(DEV, "Lab", ""); // in no lifecycle: after the others
        ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true);
        clock.advance(Duration.ofHours(1));
        ctx.deployments().deploy(DEV, "Web", "1.0.0", "Test", true);
        clock.advance(Duration.ofHours(1));
        ctx.deployments().deploy(DEV, "Web", "1.1.0", "Development", false);
        clock.advance(Duration.ofDays(3));

        Dashboard d = ctx.dashboards().dashboard(DEV);
        assertEquals(List.of("Development", "Test", "Lab", "Prod Space: Production"), titles(d));
        assertEquals(List.of("Api", "Web"), d.rows().stream().map(Dashboard.Row::project).toList());
        Dashboard.Row web = d.row("Web").orElseThrow();
        assertEquals("1.1.0 ✗ 3d", DashboardText.cell(web.cell("", "Development").orElseThrow(), d.asOf()), "the later, failed deployment");
        assertEquals("1.0.0 ✓ 3d", DashboardText.cell(web.cell("", "Test").orElseThrow(), d.asOf()));
        assertTrue(web.cell("Prod Space", "Production").isEmpty());
        assertTrue(d.row("Api").orElseThrow().cells().isEmpty());
        assertEquals(clock.now, d.asOf(), "ages count to the store's clock");
    }

    @Test
    void aRecordedReceiptOfProdSpaceFillsTheProdSpaceProductionColumn() {
        devTestWithWeb();
        Release r = ctx.releases().list(DEV, "Web").stream().filter(x -> x.version().equals("1.1.0")).findFirst().orElseThrow();
        Instant receiptCreated = START.minus(Duration.ofDays(2));
        UUID receipt = UUID.randomUUID();
        boolean recorded = ctx.store().write(tx -> {
            SpaceRepository spaces = tx.spaces();
            long dev = spaces.findByName(DEV).orElseThrow().id();
            long prod = spaces.findByName(PROD).orElseThrow().id();
            long qa = spaces.findByName(QA).orElseThrow().id();
            tx.receipts().record(new RemoteDeployment(dev, r.id(), qa, QA, "UAT", false, receiptCreated.minusSeconds(60), "qa", null, receiptCreated));
            return tx.receipts().record(new RemoteDeployment(dev, r.id(), prod, PROD, "Production", true, receiptCreated.minusSeconds(1800), "ops",
                    receipt, receiptCreated));
        });
        assertTrue(recorded);
        clock.advance(Duration.ofHours(5));

        Dashboard d = ctx.dashboards().dashboard(DEV);
        assertEquals(List.of("Development", "Test", "Prod Space: Production", "QA Space: UAT"), titles(d),
                "a reporter without a remote environment here still gets a column, after the others");
        Column prod = d.columns().get(2);
        assertEquals(ColumnKind.REMOTE, prod.kind());
        assertTrue(prod.known());
        Dashboard.Cell cell = d.row("Web").orElseThrow().cell(prod).orElseThrow();
        assertEquals("1.1.0", cell.version());
        assertTrue(cell.succeeded());
        assertEquals("ops", cell.deployedBy());
        assertEquals("from a receipt of Prod Space created " + DashboardText.time(receiptCreated, ZoneOffset.UTC), cell.source().words(ZoneOffset.UTC));
        assertEquals("2d", DashboardText.age(cell.age(d.asOf())), "deployed half an hour before the receipt, two days and five hours ago");
        assertInstanceOf(Source.Connected.class, d.row("Web").orElseThrow().cell(QA, "UAT").orElseThrow().source());
        assertFalse(d.columns().get(3).known());
    }

    @Test
    void anImportedProjectShowsTheHistoryItsBundleCarried() {
        organisation();
        local(PROD + " Two"); // a local target space; Prod Space stays the remote one of the fixture
        String target = PROD + " Two";
        ctx.environments().create(target, "Production", "");
        ctx.lifecycles().create(target, new odcm.model.lifecycle.LifecycleDraft("Prod", "", true,
                List.of(phase("Production", List.of("Production"), List.of(), List.of()))));
        ctx.projects().create(target, new ProjectDraft("Local App", "", "Prod", List.of(), List.of(), List.of(), List.of()));
        ctx.projects().create(target, new ProjectDraft("DevTest Space: Web", "", "Prod", List.of(), List.of(), List.of(), List.of()));
        ctx.store().write(tx -> {
            long devId = tx.spaces().findByName(DEV).orElseThrow().id();
            long t = tx.spaces().findByName(target).orElseThrow().id();
            var p = tx.projects().findByName(t, "DevTest Space: Web").orElseThrow();
            tx.projects().markRemote(p.id(), devId); // as an import does, before its release comes from the source
            Release r = tx.releases().insertImported(p.id(), devId, "1.0.0", 1, "", "Default",
                    new odcm.model.release.ReleaseSnapshot(List.of(), List.of(), List.of(), List.of()), START);
            tx.deployments().insertUpstream(r.id(), List.of(
                    new UpstreamDeployment(DEV, "Development", START.minus(Duration.ofDays(2)), "succeeded"),
                    new UpstreamDeployment(DEV, "Test", START.minus(Duration.ofDays(1)), "failed")));
            return null;
        });
        clock.advance(Duration.ofMinutes(10));
        ctx.deployments().deploy(target, "DevTest Space: Web", "1.0.0", "Production", true);

        Dashboard d = ctx.dashboards().dashboard(target);
        assertEquals(List.of("Production", "DevTest Space: Development", "DevTest Space: Test"), titles(d));
        assertEquals(ColumnKind.UPSTREAM, d.columns().get(1).kind());
        assertEquals(List.of("Local App", "DevTest Space: Web"), d.rows().stream().map(Dashboard.Row::project).toList(),
                "local projects first, then remote ones");
        assertTrue(d.rows().get(1).remote());
        Dashboard.Cell test = d.rows().get(1).cell(DEV, "Test").orElseThrow();
        assertFalse(test.succeeded());
        assertEquals(new Source.Upstream(DEV), test.source());
        assertTrue(d.rows().get(1).cell("", "Production").orElseThrow().local());
    }

    /** A release of {@code n} packages named {@code Pkg.<i>} 1.0, each the SHA-256 of "p<i>". */
    static List<odcm.model.release.PackageVersion> manyPackages(int n) throws Exception {
        List<odcm.model.release.PackageVersion> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new odcm.model.release.PackageVersion("Pkg." + i, "1.0", java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(("p" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        }
        return out;
    }

    /**
     * Where the space uses a package store, each release the dashboard shows (the latest in each of its environments, and each
     * project's newest) has a note of how many of its packages are not present: a look only (decision 0059, 2026-12-05).
     */
    @Test
    void theReleasesShownSayHowManyOfTheirPackagesAreNotPresentWhereTheSpaceUsesAPackageStore() throws Exception {
        devTestWithWeb();
        List<odcm.model.release.PackageVersion> many = manyPackages(500);
        ctx.projects().create(DEV, new ProjectDraft("Big", "", "Main", List.of(new odcm.model.project.DeploymentStep("Deploy all", "Deploy a package",
                java.util.Map.of(), odcm.model.project.Scope.ALL, many.stream().map(p -> new odcm.model.project.PackageReference(p.packageId())).toList())),
                List.of(), List.of(), List.of()));
        ctx.releases().create(DEV, "Big", "2.0.0", "big", null, many);
        ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true);
        assertEquals(List.of(), ctx.dashboards().withPackages(DEV).packages(), "a space that uses no package store: no note");
        assertEquals("", ctx.dashboards().withPackages(DEV).packagesWords());

        // 497 in the store (put there as files: a look is all the dashboard does), one in a feed by its name, two nowhere
        java.nio.file.Path folder = ctx.packages().overview(DEV).folder();
        for (odcm.model.release.PackageVersion p : many.subList(3, 500)) {
            java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(folder.resolve(p.sha256().substring(0, 2))).resolve(p.sha256()), "x");
        }
        java.nio.file.Path feed = java.nio.file.Files.createDirectories(tmp.resolve("share"));
        java.nio.file.Files.writeString(feed.resolve("PKG.2.1.0.zip"), "any bytes: not hashed");
        ctx.packages().addFeed(DEV, feed.toString());

        Dashboard d = ctx.dashboards().withPackages(DEV);
        assertEquals(List.of(new Dashboard.PackageNote("Big", "2.0.0", 500, 2), new Dashboard.PackageNote("Web", "1.1.0", 1, 1),
                new Dashboard.PackageNote("Web", "1.0.0", 1, 1)), d.packages(), "each project's newest release, then the one in Development; Api has none");
        assertEquals("Packages (a look for each file in the package store and feeds, nothing hashed; a deployment checks their hashes):"
                + " Big 2.0.0: 2 of 500 packages not present; Web 1.1.0: 1 of 1 package not present; Web 1.0.0: 1 of 1 package not present.",
                d.packagesWords());
        assertEquals(List.of(), ctx.dashboards().dashboard(DEV).packages(), "only when asked for");
    }

    @Test
    void anUnknownOrRemoteSpaceIsRefusedInOneSentence() {
        organisation();
        refused("There is no space named 'Nowhere'.", () -> ctx.dashboards().dashboard("Nowhere"));
    }
}
