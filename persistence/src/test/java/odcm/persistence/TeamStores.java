package odcm.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Team stores for tests: each a new database on the server named by {@code ODCM_TEST_POSTGRES} (an address like
 * {@code postgresql://odcm@localhost:5432/postgres} whose user may create databases; its password in ~/.pgpass), dropped
 * when the test is done. Without the variable the test is skipped, and says why; `.ci/run` sets it.
 */
final class TeamStores implements AutoCloseable {
    final StoreLocation location;

    private TeamStores(Path tmp) {
        this.location = new StoreLocation(tmp.resolve("state"), tmp.resolve("keys"), TestDatabases.fresh());
    }

    /** A new, empty database for one test; skips the test when no server is configured. */
    static TeamStores create(Path tmp) throws SQLException {
        return new TeamStores(tmp);
    }

    Store open(String user) {
        return Store.open(location, new Fixtures.TickingClock(Fixtures.T0), user);
    }

    /** A plain connection to the test's database, as someone with a SQL console would have. */
    Connection sql() throws SQLException {
        return location.server().connect();
    }

    @Override
    public void close() {
        location.server().dropDatabase();
    }
}
