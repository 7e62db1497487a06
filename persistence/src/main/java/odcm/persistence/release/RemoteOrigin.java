package odcm.persistence.release;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2 triggers that keep a remote project from building anything, whoever writes to the store (this console, a SQL
 * console, a script): before INSERT on release, a release's {@code source_space_id} must be its project's (both NULL
 * for a project made here; for a remote project, the space the release was imported from); before UPDATE on project,
 * a project's source is set once, while it has no releases, and never changed or cleared.
 */
public final class RemoteOrigin implements Trigger {
    /** Part of the message, so the store can turn the failure into a sentence. */
    public static final String MARKER = "ODCM_REMOTE_ORIGIN";

    private boolean release;
    private String schema;
    private String table;
    /** Where the columns are in a row; found on the first write, not in {@link #init}, which runs on every open of the store. */
    private boolean found;
    private int id;
    private int projectId;
    private int source;

    @Override
    public void init(Connection conn, String schema, String trigger, String table, boolean before, int type) {
        this.release = table.equalsIgnoreCase("RELEASE");
        this.schema = schema;
        this.table = table;
    }

    // Each query of INFORMATION_SCHEMA.COLUMNS lists every column of the store; five of them were a tenth of a read's time.
    private synchronized void find(Connection conn) throws SQLException {
        if (!found) {
            id = column(conn, schema, table, "ID");
            projectId = release ? column(conn, schema, table, "PROJECT_ID") : -1;
            source = column(conn, schema, table, "SOURCE_SPACE_ID");
            found = true;
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        find(conn);
        if (release) {
            Long wanted = one(conn, "SELECT source_space_id FROM project WHERE id = ?", newRow[projectId]);
            if (!Objects.equals(wanted, number(newRow[source]))) {
                throw new SQLException(MARKER + ": " + (wanted == null
                        ? "a release of a project made here cannot name a source space"
                        : "a release of a remote project comes only from its source space, through an imported bundle"), "27000");
            }
            return;
        }
        Long was = number(oldRow[source]);
        Long now = number(newRow[source]);
        if (Objects.equals(was, now)) {
            return;
        }
        Long releases = one(conn, "SELECT COUNT(*) FROM release WHERE project_id = ?", oldRow[id]);
        if (was != null || releases != null && releases > 0) {
            throw new SQLException(MARKER + ": the source space of a project is set once, before its first release, and never changed", "27000");
        }
    }

    private static Long one(Connection conn, String sql, Object arg) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? number(rs.getObject(1)) : null;
            }
        }
    }

    private static Long number(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    private static int column(Connection conn, String schema, String table, String column) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT ORDINAL_POSITION FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table.toUpperCase(Locale.ROOT));
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("table " + table + " has no column " + column);
                }
                return rs.getInt(1) - 1;
            }
        }
    }
}
