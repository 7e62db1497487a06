package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import odcm.model.Names;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Name keys become {@link Names#key} (NFKC, invisible characters dropped, Cyrillic/Greek look-alikes mapped to Latin,
 * case-folded) instead of lower case, so the unique indexes refuse look-alike names (docs/decisions/0017). Widens the
 * key columns to {@link Names#MAX_KEY_LENGTH} and recomputes every key. A store may already hold two names that are now
 * the same (Test and Ｔest): the first (by row id) keeps the key; the later one gets its key followed by NUL and its row id,
 * which no name can produce, so both stay and any new look-alike of them is refused. A Java migration because the key
 * is computed in Java; jOOQ's code generation reads only the SQL migrations, and the widths it saw do not matter to it.
 */
public class V9__name_keys extends BaseJavaMigration {
    /** Table, its name column, its key column, and the columns a name is unique within. */
    private record Keyed(String table, String name, String key, String scope) {
    }

    private static final List<Keyed> TABLES = List.of(
            new Keyed("space", "name", "name_key", ""),
            new Keyed("environment", "name", "name_key", "space_id"),
            new Keyed("remote_environment", "name", "name_key", "space_id, owner_space_id"),
            new Keyed("lifecycle", "name", "name_key", "space_id"),
            new Keyed("project", "name", "name_key", "space_id"),
            new Keyed("project_channel", "name", "name_key", "project_id"),
            new Keyed("remote_deployment", "environment", "environment_key", "space_id, release_id, reporter_space_id"));

    @Override
    public void migrate(Context context) throws SQLException {
        recomputeKeys(context.getConnection());
    }

    /** The migration's work on a store's connection (also how a test replays it on rows an older version wrote). */
    public static void recomputeKeys(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (Keyed t : TABLES) {
                st.execute("ALTER TABLE " + t.table() + " ALTER COLUMN " + t.key() + " VARCHAR(" + Names.MAX_KEY_LENGTH + ") NOT NULL");
                // First out of the way, so recomputing never meets a row's old key.
                st.execute("UPDATE " + t.table() + " SET " + t.key() + " = CONCAT(CHAR(0), 'old', _ROWID_)");
            }
        }
        for (Keyed t : TABLES) {
            String scope = t.scope().isEmpty() ? "" : ", " + t.scope();
            int scopeColumns = t.scope().isEmpty() ? 0 : t.scope().split(",").length;
            Set<String> taken = new HashSet<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT _ROWID_, " + t.name() + scope + " FROM " + t.table() + " ORDER BY _ROWID_");
                 PreparedStatement up = c.prepareStatement("UPDATE " + t.table() + " SET " + t.key() + " = ? WHERE _ROWID_ = ?")) {
                while (rs.next()) {
                    StringBuilder group = new StringBuilder();
                    for (int i = 0; i < scopeColumns; i++) {
                        group.append(rs.getLong(3 + i)).append('/');
                    }
                    String key = Names.key(rs.getString(2));
                    if (!taken.add(group + key)) {
                        key = key + "\u0000" + rs.getLong(1);
                    }
                    up.setString(1, key);
                    up.setLong(2, rs.getLong(1));
                    up.executeUpdate();
                }
            }
        }
    }
}
