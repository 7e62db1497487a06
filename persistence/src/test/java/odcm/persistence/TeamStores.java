package odcm.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Team stores for tests: each a new database on the server named by {@code ODCM_TEST_POSTGRES} (an address like
 * {@code postgresql://odcm@localhost:5432/postgres} whose user may create databases; its password in ~/.pgpass), dropped
 * when the test is done. Without the variable the test is skipped, and says why; `.ci/run` sets it.
 */
final class TeamStores implements AutoCloseable {
    static final String VARIABLE = "ODCM_TEST_POSTGRES";

    final StoreLocation location;

    private TeamStores(ServerAddress admin, Path tmp) {
        ServerAddress server = admin.createDatabase("odcm_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT));
        this.location = new StoreLocation(tmp.resolve("state"), tmp.resolve("keys"), server);
    }

    /** A new, empty database for one test; skips the test when no server is configured. */
    static TeamStores create(Path tmp) throws SQLException {
        String address = System.getenv(VARIABLE);
        Assumptions.assumeTrue(address != null && !address.isBlank(),
                VARIABLE + " is not set: this team-store test needs a PostgreSQL server (README, 'A team store')");
        return new TeamStores(ServerAddress.parse(address), tmp);
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
