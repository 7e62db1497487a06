package odcm.model.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import odcm.model.dashboard.Dashboard.Cell;
import odcm.model.dashboard.Dashboard.Column;
import odcm.model.dashboard.Dashboard.ColumnKind;
import odcm.model.dashboard.Dashboard.Source;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.ProgressionRule;
import org.junit.jupiter.api.Test;

/** Column order (lifecycle order, local then remote), row order, and which deployment a cell shows. */
class DashboardBuilderTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static PhaseMember env(String name) {
        return new PhaseMember.LocalEnvironment(name.hashCode(), name);
    }

    static PhaseMember remote(String owner, String name) {
        return new PhaseMember.RemoteEnvironmentMember(name.hashCode(), owner.hashCode(), owner, name);
    }

    static Phase phase(String name, PhaseMember... members) {
        return new Phase(name, List.of(members), ProgressionRule.ALL);
    }

    static DashboardBuilder devTest() {
        // Two lifecycles: the default skips Test; the other has it between Development and Staging. Lab is in none.
        Lifecycle quick = new Lifecycle(1, 1, "Quick", "", true, List.of(phase("Dev", env("Development")),
                phase("Prod", env("Staging"), remote("Prod Space", "Production"), new PhaseMember.Promotion(7, "Prod Space"))), 1);
        Lifecycle full = new Lifecycle(2, 1, "Full", "", false, List.of(phase("Dev", env("Development")), phase("Test", env("Test")),
                phase("Stage", env("Staging")), phase("Prod", remote("Prod EU Space", "Production"), remote("Prod Space", "Production"))), 1);
        return new DashboardBuilder("DevTest Space", NOW)
                .environments(List.of("Lab", "Staging", "Test", "Development"))
                .remoteEnvironment("Prod Space", "Production").remoteEnvironment("Prod EU Space", "Production").remoteEnvironment("Archive", "Cold")
                .lifecycles(List.of(full, quick))
                .project("Web Shop", false).project("DevTest Space: zeta", true).project("api", false);
    }

    static List<String> titles(Dashboard d) {
        return d.columns().stream().map(Column::title).toList();
    }

    @Test
    void columnsAreLocalThenRemoteInLifecycleOrderAndRowsLocalFirstByName() {
        Dashboard d = devTest().build();
        assertEquals(List.of("Development", "Test", "Staging", "Lab", "Prod Space: Production", "Prod EU Space: Production", "Archive: Cold"),
                titles(d), "Test joins between Development and Staging although the default lifecycle has no Test; Lab is in no lifecycle;"
                        + " Prod Space comes first because the default lifecycle mentions it first; Archive is in none");
        assertEquals(List.of(ColumnKind.LOCAL, ColumnKind.LOCAL, ColumnKind.LOCAL, ColumnKind.LOCAL, ColumnKind.REMOTE, ColumnKind.REMOTE,
                ColumnKind.REMOTE), d.columns().stream().map(Column::kind).toList());
        assertEquals(List.of("api", "Web Shop", "DevTest Space: zeta"), d.rows().stream().map(Dashboard.Row::project).toList());
        assertTrue(d.noDeployments());
    }

    @Test
    void theLatestDeploymentWinsAndAgesCountToTheStoreClock() {
        Instant t = NOW.minus(Duration.ofDays(3));
        Dashboard d = devTest()
                .local("Web Shop", "Test", "1.0.0", 1, true, t, "ann")
                .local("Web Shop", "Test", "1.2.0", 1, false, NOW.minus(Duration.ofHours(2)), "bob")
                .local("Web Shop", "Test", "1.1.0", 1, true, t.plusSeconds(60), "ann")
                .local("web shop", "development", "1.2.0", 1, true, t, "ann")
                .build();
        Cell test = d.row("WEB SHOP").orElseThrow().cell(column(d, "Test")).orElseThrow();
        assertEquals("1.2.0", test.version(), "the newest deployment, whatever order it was given in");
        assertFalse(test.succeeded());
        assertEquals("1.2.0 ✗ 2h", DashboardText.cell(test, d.asOf()));
        assertEquals("1.2.0 ✓ 3d", DashboardText.cell(d.row("Web Shop").orElseThrow().cell("", "Development").orElseThrow(), NOW),
                "names match ignoring case");
        assertTrue(d.row("api").orElseThrow().cells().isEmpty(), "a project never deployed has only empty cells");
    }

    @Test
    void aReceiptOfProdSpaceLandsInTheColumnOfItsRemoteEnvironment() {
        Instant receipt = Instant.parse("2026-11-20T10:00:00Z");
        Dashboard d = devTest()
                .reported("Web Shop", "Prod Space", "production", "1.1.0", 1, true, receipt.minusSeconds(3600), "ops", receipt)
                .reported("Web Shop", "Prod US Space", "Production", "1.0.0", 1, false, receipt.minusSeconds(7200), "ops", receipt)
                .reported("api", "QA Space", "UAT", "2.0.0", 1, true, receipt, "qa", null)
                .build();
        assertEquals(List.of("Development", "Test", "Staging", "Lab", "Prod Space: Production", "Prod EU Space: Production", "Archive: Cold",
                "Prod US Space: Production", "QA Space: UAT"), titles(d), "reported environments without a remote environment come after the others");
        Column prod = column(d, "Prod Space: Production");
        assertTrue(prod.known());
        assertFalse(column(d, "Prod US Space: Production").known());
        Cell cell = d.row("Web Shop").orElseThrow().cell(prod).orElseThrow();
        assertEquals("1.1.0", cell.version());
        Source.Receipt source = assertInstanceOf(Source.Receipt.class, cell.source());
        assertEquals("Prod Space", source.reporter());
        assertEquals("from a receipt of Prod Space created 2026-11-20 10:00", source.words(ZoneOffset.UTC));
        assertEquals(cell, d.row("Web Shop").orElseThrow().cell("Prod Space", "Production").orElseThrow());
        assertInstanceOf(Source.Connected.class, d.row("api").orElseThrow().cell("QA Space", "UAT").orElseThrow().source(),
                "no receipt: reported directly by a space of this console");
    }

    @Test
    void atTheSameInstantARecordedDeploymentBeatsAReportAndAReportBeatsBundleHistory() {
        Instant t = NOW.minusSeconds(600);
        Dashboard d = new DashboardBuilder("Prod Space", NOW).environments(List.of("Production"))
                .project("DevTest Space: Web Shop", true)
                .upstream("DevTest Space: Web Shop", "DevTest Space", "Test", "1.0.0", 1, true, t.minusSeconds(60))
                .upstream("DevTest Space: Web Shop", "DevTest Space", "Development", "1.0.0", 1, true, t.minusSeconds(120))
                .upstream("DevTest Space: Web Shop", "DevTest Space", "Test", "1.0.0", 2, false, t.minusSeconds(60))
                .local("DevTest Space: Web Shop", "Production", "1.0.0", 2, true, t, "ops")
                .build();
        assertEquals(List.of("Production", "DevTest Space: Development", "DevTest Space: Test"), titles(d),
                "upstream columns follow the local ones, by their earliest deployment");
        assertEquals(ColumnKind.UPSTREAM, d.columns().get(1).kind());
        Cell test = d.rows().get(0).cell("DevTest Space", "Test").orElseThrow();
        assertEquals(1, test.revision(), "same instant, same source: the first given stays");
        assertInstanceOf(Source.Upstream.class, test.source());
        assertEquals("1.0.0 (revision 2)", d.rows().get(0).cell("", "Production").orElseThrow().release());

        Dashboard tie = new DashboardBuilder("Prod Space", NOW).environments(List.of("Production")).project("P", false)
                .upstream("P", "Prod Space", "Production", "9.0", 1, true, t)
                .reported("P", "Prod Space", "Production", "8.0", 1, true, t, "", t)
                .build();
        assertEquals("8.0", tie.rows().get(0).cell("Prod Space", "Production").orElseThrow().version(), "a receipt beats bundle history");
    }

    @Test
    void agesUseTheLargestWholeUnit() {
        assertEquals("now", DashboardText.age(Duration.ofSeconds(59)));
        assertEquals("5m", DashboardText.age(Duration.ofMinutes(5)));
        assertEquals("23h", DashboardText.age(Duration.ofMinutes(23 * 60 + 59)));
        assertEquals("13d", DashboardText.age(Duration.ofDays(13)));
        assertEquals("2w", DashboardText.age(Duration.ofDays(14)));
        assertEquals("2y", DashboardText.age(Duration.ofDays(800)));
        Cell future = new Cell("1", 1, true, NOW.plusSeconds(30), "", new Source.Local());
        assertEquals(Duration.ZERO, future.age(NOW), "a clock running behind never makes an age negative");
    }

    static Column column(Dashboard d, String title) {
        return d.columns().stream().filter(c -> c.title().equals(title)).findFirst().orElseThrow(() -> new AssertionError(title + " in " + titles(d)));
    }
}
