package odcm.app.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import odcm.persistence.StoreLocation;

/**
 * Everything a closed store holds, as one digest: every row of every table (read with plain JDBC, ordered by all
 * columns), and the names of the files in its folder. Two equal digests mean the store was not changed.
 */
public final class StoreDigest {
    private StoreDigest() {
    }

    /** The store must be closed (H2 locks its file while open); on a team store, every table of its database. */
    public static String of(StoreLocation location) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(files(location.storeDir()).getBytes(StandardCharsets.UTF_8));
            try (Connection c = connect(location); Statement st = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                String schema = location.onServer() ? "public" : "PUBLIC";
                try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = '" + schema
                        + "' AND TABLE_TYPE IN ('BASE TABLE', 'TABLE') ORDER BY TABLE_NAME")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                if (tables.size() < 5) {
                    throw new AssertionError("a migrated store has its tables: " + tables);
                }
                for (String t : tables) {
                    sha.update(("\u0001" + t).getBytes(StandardCharsets.UTF_8));
                    try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + t + "\"")) {
                        int n = rs.getMetaData().getColumnCount();
                        List<String> rows = new ArrayList<>();
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= n; i++) {
                                row.append('\u0002').append(rs.getString(i));
                            }
                            rows.add(row.toString());
                        }
                        rows.sort(null); // ordered by all columns, whatever the table's own order
                        rows.forEach(r -> sha.update(r.getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (SQLException | IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain connection, as a SQL console would have: to the H2 file, read-only, or to the team store's database. */
    public static Connection connect(StoreLocation location) throws SQLException {
        if (location.onServer()) {
            return location.server().connect();
        }
        return DriverManager.getConnection("jdbc:h2:file:" + location.storeDir().resolve("odcm") + ";ACCESS_MODE_DATA=r", "sa", "");
    }

    /** The files in a folder and below, by relative name. */
    public static String files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.joining("\n"));
        }
    }
}
