package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import odcm.app.cli.CliHarness.Result;
import odcm.app.service.AppContext;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.ServerAddress;
import odcm.persistence.Store;
import odcm.persistence.StoreLocation;
import odcm.persistence.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code odcm role grant|revoke|list} (decision 0041): exit 1 with one sentence for a refusal, 2 for a wrong command line. */
class CliRoleTest {
    private static final String ME = System.getProperty("user.name");

    @TempDir
    Path tmp;

    private static String oneLine(Result r, int exit) {
        assertEquals(exit, r.exit(), r.err());
        String err = r.err().strip();
        assertFalse(err.isEmpty() || err.contains("\n") || err.contains("Exception"), err);
        assertEquals("", r.out());
        return err;
    }

    @Test
    void grantListRevokeOnTheEmbeddedStore() {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
        CliTest.ok(cli.run("env", "create", "--space", "DevTest Space", "Test"));
        String list = CliTest.ok(cli.run("role", "list")).out();
        assertTrue(list.startsWith("This is an embedded store: its one person, " + ME + ", holds every role of every space without a grant."), list);
        assertTrue(list.contains("DevTest Space\tadministrator\t\tperson " + ME + "\tgranted "), list);
        assertEquals("Granted: bob is deployer of 'DevTest Space' for 'Test'.\n",
                CliTest.ok(cli.run("role", "grant", "--space", "DevTest Space", "--role", "deployer", "--environment", "Test", "--person", "bob")).out());
        assertTrue(CliTest.ok(cli.run("role", "list", "--space", "DevTest Space")).out().contains("DevTest Space\tdeployer\tTest\tperson bob"));
        assertTrue(CliTest.ok(cli.run("audit", "list")).out().contains("role.grant\tlocal space 'DevTest Space'\tbob is deployer of 'DevTest Space' for 'Test'"));
        CliTest.ok(cli.run("role", "revoke", "--space", "DevTest Space", "--role", "deployer", "--environment", "Test", "--person", "bob"));
        assertTrue(CliTest.ok(cli.run("audit", "list")).out().contains("role.revoke"));

        assertEquals(ME + " is the last administrator of 'DevTest Space', who is kept: grant the administrator role to another person first.",
                oneLine(cli.run("role", "revoke", "--space", "DevTest Space", "--role", "administrator", "--person", ME), Cli.REFUSED));
        assertEquals("'DevTest Space' has no environment 'Nowhere'.",
                oneLine(cli.run("role", "grant", "--space", "DevTest Space", "--role", "deployer", "--environment", "Nowhere", "--group", "ops"), Cli.REFUSED));
        assertTrue(oneLine(cli.run("role", "grant", "--space", "DevTest Space", "--role", "boss", "--person", "bob"), Cli.USAGE)
                .startsWith("There is no role 'boss'"));
        oneLine(cli.run("role", "grant", "--space", "DevTest Space", "--role", "approver", "--person", "bob", "--group", "ops"), Cli.USAGE);
        oneLine(cli.run("role", "grant", "--space", "DevTest Space", "--role", "approver"), Cli.USAGE);
    }

    /**
     * On a team store the grants are the rules: the spaces were made by bob, a login of his own let in by the store's
     * owner, so the command line's person (the owner's login) holds no role in them.
     */
    @Test
    void aRefusalOnATeamStoreNamesTheMissingRole() {
        ServerAddress database = TestDatabases.fresh();
        try {
            StoreLocation location = new StoreLocation(tmp.resolve("store"), tmp.resolve("keys"), database);
            StoreLocation asBob = new StoreLocation(tmp.resolve("store-bob"), tmp.resolve("keys"), TestDatabases.as(database, "bob"));
            try (Store owner = Store.open(location, Clock.systemUTC(), ME)) {
                odcm.persistence.TeamMembers.admit(owner, TestDatabases.login("bob"));
            }
            try (AppContext bob = new AppContext(Store.open(asBob, Clock.systemUTC(), "bob"))) {
                bob.spaces().create("Prod Space", "", KeyAlgorithm.EC_P256);
                bob.spaces().create("QA Space", "", KeyAlgorithm.EC_P256);
            }
            Map<String, String> env = Map.of("ODCM_KEY_DIR", tmp.resolve("keys").toString(), "ODCM_LOG_DIR", tmp.resolve("logs").toString());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Cli.execute(new String[] {"trust", "add", "--space", "Prod Space", "--accepts", "bundles", "--from", "QA Space",
                    "--store", database.toString()}, new PrintWriter(out, true), new PrintWriter(err, true), env);
            assertEquals(Cli.REFUSED, exit, err.toString());
            assertEquals(database.user() + " may not trust a space in 'Prod Space': that needs the administrator role of 'Prod Space'.\n", err.toString());
            assertEquals("", out.toString());
        } finally {
            database.dropDatabase();
            TestDatabases.dropRoles(odcm.persistence.TeamMembers.group(database));
        }
    }
}
