package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests make many new stores: with {@code odcm.test.migrateOnce} (set for every test JVM by the build, docs/decisions/0025)
 * Flyway migrates one empty store per JVM and each new store starts as a copy of its file. Each store is still its own
 * H2 file with its own identity and master key, and its schema is the one Flyway makes.
 */
class NewStoreSchemaTest {
    @TempDir
    Path tmp;

    @Test
    void newStoresShareOneMigrationRunYetEachIsItsOwnStoreWithFlywaysSchema() throws Exception {
        String was = System.getProperty(Store.MIGRATE_ONCE_FOR_TESTS);
        try {
            System.setProperty(Store.MIGRATE_ONCE_FOR_TESTS, "false");
            StoreLocation migrated = create("migrated");
            System.setProperty(Store.MIGRATE_ONCE_FOR_TESTS, "true");
            StoreLocation a = create("a");
            StoreLocation b = create("b");

            assertEquals(schema(migrated), schema(a), "the schema Flyway makes");
            assertEquals(history(a), history(b), "one migration run of this JVM, copied");
            assertNotEquals(history(migrated), history(a), "a store migrated by itself has its own run");
            String idA = storeId(a);
            String idB = storeId(b);
            assertNotEquals(idA, idB, "each store its own identity");
            assertNotEquals(List.of(Files.readAllBytes(a.keyFile(idA))), List.of(Files.readAllBytes(b.keyFile(idB))), "each store its own master key");
            try (Store store = Store.open(b)) {
                assertEquals(odcm.persistence.keys.MasterKeyState.PRESENT, store.masterKeyState());
            }
        } finally {
            if (was == null) {
                System.clearProperty(Store.MIGRATE_ONCE_FOR_TESTS);
            } else {
                System.setProperty(Store.MIGRATE_ONCE_FOR_TESTS, was);
            }
        }
    }

    private StoreLocation create(String name) {
        StoreLocation location = new StoreLocation(tmp.resolve(name).resolve("store"), tmp.resolve(name).resolve("keys"));
        Store.open(location).close();
        return location;
    }

    private static List<String> schema(StoreLocation location) throws Exception {
        return rows(location, "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns"
                + " WHERE table_schema = 'PUBLIC' ORDER BY table_name, ordinal_position");
    }

    private static List<String> history(StoreLocation location) throws Exception {
        return rows(location, "SELECT \"version\", \"checksum\", \"installed_on\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"");
    }

    private static String storeId(StoreLocation location) throws Exception {
        String row = rows(location, "SELECT store_id FROM store_info").get(0);
        return row.substring(0, row.length() - 1);
    }

    private static List<String> rows(StoreLocation location, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(Store.jdbcUrl(location), Store.USER, Store.PASSWORD);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
