package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team store the PostgreSQL pass's tests share (decision 0025, sixth pass): emptied for each test, it holds no row,
 * its ids start from 1 again, and its tables keep their files (a TRUNCATE gave ~130 relations new ones, ~230 ms a test).
 */
class TestDatabasesTest {
    @TempDir
    Path tmp;

    @Test
    void emptyingLeavesNoRowIdsFromOneAndEveryTableItsFile() throws SQLException {
        Assumptions.assumeTrue(TestDatabases.onTeamStore(), "the PostgreSQL pass's shared database");
        try (Store store = Fixtures.open(tmp)) {
            Fixtures.local(store, "DevTest Space");
            Fixtures.remote(store, "Prod Space");
        }
        ServerAddress database = TestDatabases.shared();
        Map<String, Long> filesBefore = files(database);
        assertTrue(rows(database).values().stream().anyMatch(n -> n > 0), "the store wrote rows");

        TestDatabases.emptied();

        Map<String, Long> rows = rows(database);
        assertTrue(rows.size() > 20, "every table of the store is looked at: " + rows.keySet());
        rows.forEach((table, n) -> assertEquals(0L, n, table + " emptied"));
        Map<String, Long> filesAfter = files(database);
        assertEquals(filesBefore.keySet(), filesAfter.keySet());
        assertEquals(java.util.List.of(), filesBefore.keySet().stream().filter(r -> !filesBefore.get(r).equals(filesAfter.get(r))).toList(),
                "tables and indexes given a new file");
        try (Connection c = database.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")) {
            int sequences = 0;
            while (rs.next()) {
                sequences++;
                assertEquals(null, rs.getObject(2), rs.getString(1) + " hands out its first value next");
            }
            assertTrue(sequences > 0);
        }
        try (Store again = Fixtures.open(tmp.resolve("again"))) {
            assertEquals(1L, Fixtures.local(again, "QA Space").id(), "ids from 1");
        }
    }

    /** Rows of every table of the store (Flyway's history aside). */
    private static Map<String, Long> rows(ServerAddress database) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            String count;
            try (ResultSet rs = st.executeQuery("SELECT string_agg(format('SELECT %L, count(*) FROM %I', tablename, tablename), ' UNION ALL ')"
                    + " FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'")) {
                rs.next();
                count = rs.getString(1);
            }
            try (ResultSet rs = st.executeQuery(count)) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return rows;
    }

    /** The file of each table and index of the store. */
    private static Map<String, Long> files(ServerAddress database) throws SQLException {
        Map<String, Long> files = new TreeMap<>();
        try (Connection c = database.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT relname, relfilenode FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'i')")) {
            while (rs.next()) {
                files.put(rs.getString(1), rs.getLong(2));
            }
        }
        return files;
    }
}
