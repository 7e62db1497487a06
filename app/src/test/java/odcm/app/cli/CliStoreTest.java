package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import odcm.app.cli.CliHarness.Result;
import odcm.persistence.Store;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store as the command line meets it: in use, tampered with, the default location. */
class CliStoreTest {
    @TempDir
    Path tmp;

    @Test
    void storeInUseByAnotherConsoleIsNamedAndNotTouched() {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
        try (Store open = Store.open(new StoreLocation(cli.store(), tmp.resolve("keys")))) {
            Result r = cli.run("space", "create", "Other Space");
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("is in use"), r.err());
            assertTrue(r.err().contains(cli.store().toString()), "names the store: " + r.err());
        }
        assertTrue(CliTest.ok(cli.run("space", "list")).out().contains("DevTest Space"));
        assertTrue(!cli.run("space", "list").out().contains("Other Space"));
    }

    @Test
    void auditVerifyNamesTheFirstAlteredEntry() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "A Space"));
        CliTest.ok(cli.run("space", "create", "B Space"));
        CliTest.ok(cli.run("space", "rename", "B Space", "C Space"));
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("odcm"), "sa", "");
             Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE audit_event SET subject = 'local space ''Z Space''' WHERE seq = 2"));
        }
        Result r = cli.run("audit", "verify");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("entry 2 was changed"), r.err());
    }
}
