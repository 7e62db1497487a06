package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import odcm.model.environment.Environment;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.project.Project;
import odcm.model.space.Space;
import odcm.model.space.SpaceName;
import odcm.persistence.project.ProjectData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optimistic versions in the store (V14, decision 0036): each space, environment, lifecycle and project row counts its
 * changes; a change or deletion from a version no longer current changes nothing; a store made before V14 upgrades with
 * every such row at version 1, as a new row starts.
 */
class OptimisticVersionsStoreTest {
    private static final List<String> VERSIONED = List.of("space", "environment", "lifecycle", "project");

    @TempDir
    Path tmp;

    @Test
    void aChangeFromAVersionNoLongerCurrentChangesNothing() {
        try (Store store = Fixtures.open(tmp)) {
            ProjectsAndReleasesStoreTest.Setup s = ProjectsAndReleasesStoreTest.setUp(store);
            Project p = s.project();
            assertEquals(1, p.version(), "a new row starts at 1");
            ProjectData data = new ProjectData("Web", "changed", p.lifecycleId(), p.process(), p.variables(), p.templates(), p.channels());
            assertEquals(2, store.write(tx -> tx.projects().update(p.id(), 1, data)).orElseThrow().version());
            assertEquals(Optional.empty(), store.write(tx -> tx.projects().update(p.id(), 1,
                    new ProjectData("Web", "stale", p.lifecycleId(), p.process(), p.variables(), p.templates(), p.channels()))));
            assertEquals(false, store.write(tx -> tx.projects().delete(p.id(), 1)), "a deletion from an old version deletes nothing");
            assertEquals("changed", store.read(tx -> tx.projects().findById(p.id())).orElseThrow().description(), "the current one is kept");
            assertEquals(2, store.read(tx -> tx.projects().findHeadsBySpace(s.dev().id())).get(0).version(), "heads carry the version too");

            Lifecycle l = s.lifecycle();
            assertEquals(2, store.write(tx -> tx.lifecycles().replace(l.id(), 1, "Main", "changed", true, l.phases())).orElseThrow().version());
            assertEquals(Optional.empty(), store.write(tx -> tx.lifecycles().replace(l.id(), 1, "Stale", "", true, l.phases())));
            assertEquals(false, store.write(tx -> tx.lifecycles().delete(l.id(), 1)), "a deletion from an old version deletes nothing");
            assertEquals("Main", store.read(tx -> tx.lifecycles().findById(l.id())).orElseThrow().name());

            Environment e = s.test();
            assertEquals(2, store.write(tx -> {
                Environment renamed = tx.environments().rename(e.id(), 1, "QA").orElseThrow();
                tx.projects().renameInScopes(s.dev().id(), "Test", "QA"); // as the service does
                return renamed;
            }).version());
            assertEquals(Optional.empty(), store.write(tx -> tx.environments().rename(e.id(), 1, "Stale")));
            assertEquals(false, store.write(tx -> tx.environments().delete(e.id(), 1)), "a deletion from an old version deletes nothing");
            assertEquals(3, store.read(tx -> tx.projects().findById(p.id())).orElseThrow().version(),
                    "a project whose scopes follow an environment's new name was changed too");

            Space dev = s.dev();
            assertEquals(2, store.write(tx -> tx.spaces().rename(dev.id(), 1, SpaceName.of("Dev Space"))).orElseThrow().version());
            assertEquals(Optional.empty(), store.write(tx -> tx.spaces().updateDescription(dev.id(), 1, "stale")));
            assertEquals("Dev Space", store.read(tx -> tx.spaces().findById(dev.id())).orElseThrow().name());
        }
    }

    @Test
    void anEmbeddedStoreMadeBeforeVersionsUpgradesWithEveryRowAtVersionOne() throws Exception {
        StoreLocation location = Fixtures.location(tmp);
        try (Store store = Fixtures.open(tmp)) {
            ProjectsAndReleasesStoreTest.setUp(store);
        }
        try (Connection c = DriverManager.getConnection(Store.jdbcUrl(location), Store.USER, Store.PASSWORD)) {
            backToVersion13(c);
        }
        try (Store store = Fixtures.open(tmp)) {
            assertUpgraded(store);
        }
    }

    @Test
    void aTeamStoreMadeBeforeVersionsUpgradesWithEveryRowAtVersionOne() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            try (Store store = team.open("alice")) {
                ProjectsAndReleasesStoreTest.setUp(store);
            }
            try (Connection c = team.sql()) {
                backToVersion13(c);
            }
            try (Store store = team.open("bob")) {
                assertUpgraded(store);
            }
        }
    }

    /** As the store was before V14: no version columns, V14 not in Flyway's history. */
    private static void backToVersion13(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            TestDatabases.undoLooseningProposals(st); // V23 (loosening proposals, 0043) undone before all, made again
            TestDatabases.undoReviewOfDuties(st); // V22 (the duties' review, 0043) undone before all, made again
            TestDatabases.undoRolesEnforced(st); // V20 (roles enforced, decision 0042) undone first, made again as it was
            for (String table : VERSIONED) {
                st.executeUpdate("ALTER TABLE " + table + " DROP COLUMN version");
            }
            // V18 (people, decision 0040) undone in the history only: it makes what is missing, as it was.
            assertEquals(1, st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '18'"));
            assertEquals(1, st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '14'"));
            // V15 (row seals, decision 0038) undone in the history only: it adds its columns only where they are missing.
            assertEquals(1, st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '15'"));
            TestDatabases.undoSeparationOfDuties(st); // V21 (decision 0043) undone too, made again after V19
            // V19 (roles, decision 0041) undone too: made again, with its grants, after V14 and V15.
            st.executeUpdate("DROP TABLE role_grant");
            assertEquals(1, st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '19'"));
            assertEquals(1, st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '16'")); // so does V16 (0039)
        }
    }

    private static void assertUpgraded(Store store) {
        ProjectsAndReleasesStoreTest.Setup s = store.read(tx -> {
            Space dev = tx.spaces().findByName("DevTest Space").orElseThrow();
            Lifecycle l = tx.lifecycles().findBySpace(dev.id()).get(0);
            return new ProjectsAndReleasesStoreTest.Setup(dev, tx.spaces().findByName("Prod Space").orElseThrow(),
                    tx.environments().findBySpace(dev.id()).get(0), null, l, tx.projects().findBySpace(dev.id()).get(0));
        });
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L), List.of(s.dev().version(), s.prod().version(), s.test().version(), s.lifecycle().version(),
                s.project().version()), "every row starts at version 1");
        Project p = s.project();
        assertEquals(2, store.write(tx -> tx.projects().update(p.id(), 1,
                new ProjectData(p.name(), "changed", p.lifecycleId(), p.process(), p.variables(), p.templates(), p.channels()))).orElseThrow().version());
        assertEquals(Optional.empty(), store.write(tx -> tx.projects().update(p.id(), 1,
                new ProjectData(p.name(), "stale", p.lifecycleId(), p.process(), p.variables(), p.templates(), p.channels()))));
    }
}
