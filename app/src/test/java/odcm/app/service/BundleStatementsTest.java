package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, goal 3: what a bundle create asks of the store. Both route checks (decision 0016) stay, but each reads only
 * what it needs: of the lifecycle only the spaces it promotes to, each certificate once, none again to sign and encrypt.
 * The statements are counted by H2 itself ({@code INFORMATION_SCHEMA.QUERY_STATISTICS}) through a second session of the
 * same database in this process; no store code is replaced or wrapped.
 */
class BundleStatementsTest extends BundleFixture {

    @Test
    void aBundleCreateChecksItsRouteTwiceInFewStatements() throws SQLException {
        assumeEmbedded(); // counted with H2's own statistics
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        promote(PROD, "first.odcmbundle"); // the release's parts are kept by then; a later create only reads them
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + location().storeDir().resolve("odcm"), "sa", "")) {
            counting(c, false);
            counting(c, true);
            ctx.bundles().create(DEV, "Web", "1.0.0", PROD, out("counted.odcmbundle"), 30, false);
            Map<String, Long> ran = statements(c);
            long total = ran.values().stream().mapToLong(Long::longValue).sum();
            // Before: 46 (each route read the whole lifecycle in 3 statements, each target by id, each certificate up to 3 times).
            // Since 2026-12-05 also the reservation's seal (0039) and the audit log's tail read for the trusts' freshness (0038).
            // Since decision 0045 (promotion follows the lifecycle) each route also reads the whole lifecycle (3 statements), the
            // release's deployments, remote deployments, Outbox rows and decisions; the recording one also checks the decisions
            // against the audit log (0039): 78 here, 72 by 2026-12-05 noon (23 of them reading AUDIT_EVENT).
            // Since the pass of 2026-12-05 (decision 0030): the order reads only this release's Outbox rows and remote
            // deployments, the space's names and the decisions come from one verification of the audit log (not three), and the
            // decisions on the version in one read (not the space's projects, then each one's): 56.
            // Since decision 0056's review the signing key is checked for a compromise first: one read more (57).
            // Since 2026-12-05 evening (0030) the recording transaction reads the release's deployments once, for the order
            // and the history the bundle carries: 56.
            assertTrue(total <= 56, total + " statements: " + ran);
            assertTrue(ran.keySet().stream().noneMatch(k -> k.startsWith("select \"BUNDLE_OUTBOX\".\"BUNDLE_ID\"")),
                    "the space's whole Outbox is not read: " + ran.keySet());
            assertEquals(1, ran.entrySet().stream().filter(e -> e.getKey().startsWith("select count(*) from \"AUDIT_EVENT\""))
                    .mapToLong(Map.Entry::getValue).sum(), "the audit log is verified once: " + ran);
            assertEquals(2, ran.entrySet().stream().filter(e -> e.getKey().startsWith("select \"LIFECYCLE\".")).mapToLong(Map.Entry::getValue).sum(),
                    "the lifecycle is read once per route: " + ran.keySet());
            counting(c, false);
        }
        assertEquals(2, ctx.bundles().outbox(DEV).size());
    }

    @Test
    void theTargetsAreTheLifecyclesPromotionsInPhaseOrderEachOnce() {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        local(QA);
        ctx.lifecycles().create(DEV, new LifecycleDraft("Wide", "", false, List.of(
                phase("Dev", List.of("Development"), List.of(), List.of(QA)),
                phase("Production", List.of(), List.of(), List.of(PROD, QA)))));
        ctx.projects().create(DEV, new odcm.model.project.ProjectDraft("Wide", "", "Wide", List.of(), List.of(), List.of(), List.of()));
        assertEquals(List.of(QA, PROD), ctx.bundles().targets(DEV, "Wide").stream().map(BundleService.Target::name).toList());
        ctx.releases().create(DEV, "Wide", "1.0.0", "", null, List.of());
        refused("Project 'Wide' of 'DevTest Space' does not promote to 'Nowhere': its lifecycle 'Wide' promotes to 'QA Space', "
                + "'Prod Space'.", () -> ctx.bundles().create(DEV, "Wide", "1.0.0", "Nowhere", out("none.odcmbundle"), 30, false));
    }

    private static void counting(Connection c, boolean on) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET QUERY_STATISTICS " + on);
        }
    }

    /** Each statement run since counting began (its first 100 characters; the counting session's own left out), with how often it ran. */
    private static Map<String, Long> statements(Connection c) throws SQLException {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
            while (r.next()) {
                if (!r.getString(1).contains("QUERY_STATISTICS")) {
                    out.merge(r.getString(1).length() > 100 ? r.getString(1).substring(0, 100) + "…" : r.getString(1), r.getLong(2), Long::sum);
                }
            }
        }
        return out;
    }
}
