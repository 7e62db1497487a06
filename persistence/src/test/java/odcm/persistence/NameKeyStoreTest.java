package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.environment.Environment;
import odcm.model.space.Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Point 7 of issue 11: the store's unique name keys are the one name rule's keys, also for stores written before it. */
class NameKeyStoreTest {
    @TempDir
    Path tmp;

    @Test
    void lookAlikeNamesCollideInTheStore() {
        try (Store store = Fixtures.open(tmp)) {
            Space dev = Fixtures.local(store, "Dev Space");
            store.write(tx -> tx.environments().insert(dev.id(), "DevTest", "", Instant.now()));
            store.write(tx -> tx.lifecycles().insert(dev.id(), "Main", "", true, List.of(), Instant.now()));
            for (String lookAlike : new String[] {"DevT\u0435st", "\uFF24ev\uFF34est", "DEVTEST", "DevTe\u200Bst", "Dev\uFE0FTest"}) {
                Refusal r = assertThrows(Refusal.class, () -> store.write(tx -> tx.environments().insert(dev.id(), lookAlike, "", Instant.now())), lookAlike);
                assertTrue(r.getMessage().startsWith("That space already has an environment with that name"), r.getMessage());
                assertEquals("DevTest", store.read(tx -> tx.environments().findByName(dev.id(), lookAlike)).orElseThrow().name());
            }
            assertThrows(Refusal.class, () -> store.write(tx -> tx.lifecycles().insert(dev.id(), "M\u0430in", "", false, List.of(), Instant.now())));
            assertThrows(Refusal.class, () -> store.write(tx -> tx.spaces().insertRemote(odcm.model.space.SpaceName.of("\uFF24ev Space"), "", Fixtures.cert("x"))));
            assertEquals(1, store.read(tx -> tx.environments().findBySpace(dev.id())).size());
        }
    }

    /** A store written before V9 holds lower-case keys, perhaps for two names that are now the same: both stay, look-alikes are refused. */
    @Test
    void migrationRecomputesOldKeysAndKeepsNamesThatNowCollide() throws Exception {
        long devId;
        try (Store store = Fixtures.open(tmp)) {
            devId = Fixtures.local(store, "Dev Space").id();
        }
        String url = Store.jdbcUrl(Fixtures.location(tmp));
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            // What version 8 wrote: keys in lower case only.
            for (String[] e : new String[][] {{"Test", "test"}, {"\uFF34est", "\uFF54est"}, {"\u0422\u0435\u0441\u0442", "\u0442\u0435\u0441\u0442"}}) {
                st.executeUpdate("INSERT INTO environment (space_id, name, name_key, description, created_at) VALUES (" + devId + ", '" + e[0]
                        + "', '" + e[1] + "', '', CURRENT_TIMESTAMP)");
            }
            st.executeUpdate("UPDATE space SET name_key = 'dev space'");
            db.migration.V9__name_keys.recomputeKeys(c); // V9 as it ran on such a store
        }
        try (Store store = Fixtures.open(tmp)) {
            List<Environment> all = store.read(tx -> tx.environments().findBySpace(devId));
            assertEquals(List.of("Test", "\uFF34est", "\u0422\u0435\u0441\u0442"), all.stream().map(Environment::name).toList(), "nothing lost");
            assertEquals("Test", store.read(tx -> tx.environments().findByName(devId, "TEST")).orElseThrow().name(), "the first keeps the key");
            assertEquals("\u0422\u0435\u0441\u0442", store.read(tx -> tx.environments().findByName(devId, "\u0442\u0435\u0441\u0442")).orElseThrow().name(),
                    "a Cyrillic name is found by its new key");
            assertThrows(Refusal.class, () -> store.write(tx -> tx.environments().insert(devId, "\uFF54EST", "", Instant.now())));
            assertThrows(Refusal.class, () -> store.write(tx -> tx.environments().insert(devId, "Tect", "", Instant.now())));
            assertEquals("Dev Space", store.read(tx -> tx.spaces().findByName("\uFF24ev space")).orElseThrow().name());
        }
    }
}
