package odcm.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import odcm.model.Refusal;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Looks at an existing store read-only before anything may write to it: a file that is not an H2 database,
 * an H2 database of something else, or a store written by a newer console is refused and left byte for byte
 * as it was (a read-write open alone would already rewrite H2's file header).
 */
final class StoreProbe {
    private StoreProbe() {
    }

    /**
     * @return true when the store exists with exactly this build's schema, so Flyway (slow to start) need not run
     */
    static boolean check(StoreLocation location) {
        if (!Files.exists(location.databaseFile())) {
            return false;
        }
        try (Connection c = connect(location)) {
            return check(location, c);
        } catch (SQLException e) {
            throw refusal(location, e);
        }
    }

    /** A read-only connection to an existing store's file: it cannot change a byte of it (see {@link #check}). */
    static Connection connect(StoreLocation location) {
        try {
            return Store.h2(readOnlyUrl(location));
        } catch (SQLException e) {
            throw refusal(location, e);
        }
    }

    /** {@link #check(StoreLocation)} on a connection from {@link #connect}, left open. */
    static boolean check(StoreLocation location, Connection c) {
        Path file = location.databaseFile();
        boolean hasHistory;
        boolean current;
        try {
            hasHistory = tableExists(c, "flyway_schema_history");
            if (!hasHistory && anyTable(c)) {
                throw new Refusal("The file " + file + " is not an ODCM store (it is an H2 database of something else); it was not changed.");
            }
            current = hasHistory && isExactlyCurrent(c);
        } catch (SQLException e) {
            throw refusal(location, e);
        }
        if (hasHistory && !current) {
            checkNotNewer(location, Store.flyway(readOnlyUrl(location)));
        }
        return current;
    }

    private static String readOnlyUrl(StoreLocation location) {
        return Store.jdbcUrl(location) + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE"; // no trace file: see Store.jdbcUrl
    }

    private static Refusal refusal(StoreLocation location, SQLException e) {
        if (e.getErrorCode() == 90020) { // DATABASE_ALREADY_OPEN: another program (not a console) has the file
            return new Refusal("The store at " + location.storeDir() + " is in use by another program; close it and try again.");
        }
        return new Refusal("The file " + location.databaseFile() + " is not an ODCM store (it cannot be read as an H2 database); it was not changed.", e);
    }

    /**
     * Whether a team store's database has exactly this build's schema, so Flyway need not start: false for a new, empty
     * database (no history table), which Flyway then makes a store.
     */
    static boolean serverIsCurrent(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1) && isExactlyCurrent(c);
        }
    }

    // Every applied migration succeeded and the newest is this build's newest: the common case, decided by one query.
    private static boolean isExactlyCurrent(Connection c) throws SQLException {
        MigrationVersion newest = null;
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
                newest = newest == null || v.compareTo(newest) > 0 ? v : newest;
            }
        }
        return newest != null && newest.equals(MigrationVersion.fromVersion(Store.SCHEMA_VERSION));
    }

    /** Refuses, changing nothing, a store whose schema is newer than this build's: Flyway must not touch it. */
    static void checkNotNewer(StoreLocation location, org.flywaydb.core.Flyway flyway) {
        MigrationInfo[] all = flyway.info().all();
        Optional<MigrationVersion> known = Arrays.stream(all).filter(i -> i.getState().isResolved())
                .map(MigrationInfo::getVersion).filter(v -> v != null).max(Comparator.naturalOrder());
        Optional<MigrationVersion> applied = Arrays.stream(all).filter(i -> i.getState().isApplied())
                .map(MigrationInfo::getVersion).filter(v -> v != null).max(Comparator.naturalOrder());
        boolean future = Arrays.stream(all).anyMatch(i -> i.getState().name().startsWith("FUTURE"));
        if (applied.isPresent() && (future || known.isEmpty() || applied.get().compareTo(known.get()) > 0)) {
            throw new Refusal("The store " + (location.onServer() ? location.describe() : "at " + location.storeDir())
                    + " was written by a newer ODCM Console (schema version "
                    + applied.get() + "; this console knows up to " + known.map(MigrationVersion::toString).orElse("none")
                    + "). It was not changed.");
        }
    }

    private static boolean tableExists(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", name, null)) {
            return rs.next();
        }
    }

    private static boolean anyTable(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
