package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import odcm.app.cli.CliHarness.Result;
import odcm.persistence.ServerAddress;
import odcm.persistence.TeamMembers;
import odcm.persistence.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code odcm whoami}, {@code audit list --person}, {@code store admit|dismiss} (decision 0040), on both engines. */
class CliPeopleTest {
    @TempDir
    Path tmp;

    private final String me = System.getProperty("user.name");

    @Test
    void whoamiInAnEmbeddedStoreNamesThisComputersUserWithEveryRole() {
        String out = CliTest.ok(run(tmp.resolve("store").toString(), "whoami")).out();
        assertEquals(List.of("Person:  " + me + " (this computer's user)", "Store:   " + tmp.resolve("store"),
                "Roles:   every role (an embedded store has one person)"), out.lines().toList());
    }

    @Test
    void auditListByPersonInAnEmbeddedStore() {
        String store = tmp.resolve("store").toString();
        CliTest.ok(run(store, "space", "create", "DevTest Space"));
        String mine = CliTest.ok(run(store, "audit", "list", "--person", me)).out();
        assertTrue(mine.contains("\t" + me + "\tspace.create\t"), mine);
        assertEquals("No audit entries by nobody.\n", CliTest.ok(run(store, "audit", "list", "--person", "nobody")).out());
        assertEquals("No audit entries match 'space' by nobody.\n",
                CliTest.ok(run(store, "audit", "list", "--filter", "space", "--person", "nobody")).out());
        Result admit = run(store, "store", "admit", "bob");
        assertEquals(1, admit.exit());
        assertTrue(admit.err().startsWith("An embedded store has one person, this computer's user: nobody else can be let in"), admit.err());
    }

    @Test
    void onATeamStoreTheLoginItsGroupsAndItsEntries() throws Exception {
        ServerAddress db = TestDatabases.fresh();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        String outer = "odcm_g_" + id + "_outer";
        String inner = "odcm_g_" + id + "_inner";
        String bob = "odcm_p_" + id;
        ServerAddress admin = ServerAddress.parse(System.getenv("ODCM_TEST_POSTGRES"));
        try {
            try (Connection c = admin.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE " + outer + " NOLOGIN");
                st.execute("CREATE ROLE " + inner + " NOLOGIN IN ROLE " + outer);
                st.execute("GRANT " + inner + " TO " + admin.user());
                st.execute("CREATE ROLE " + bob + " LOGIN");
            }
            String store = db.toString();
            CliTest.ok(run(store, "space", "create", "DevTest Space"));
            List<String> who = CliTest.ok(run(store, "whoami")).out().lines().toList();
            assertEquals("Person:  " + admin.user() + " (the database login the server signed in)", who.get(0));
            assertEquals("Store:   " + db, who.get(1));
            // Groups through other roles too (inner is in outer), sorted; PostgreSQL's own pg_* roles never.
            assertTrue(who.get(2).startsWith("Groups:  ") && who.get(2).contains(inner + ", " + outer) && !who.get(2).substring(0, who.get(2).indexOf(" (")).contains("pg_"), who.get(2));

            String said = CliTest.ok(run(store, "store", "admit", bob)).out();
            assertTrue(said.startsWith(bob + " may now use the team store " + db + " as a member of " + db.database() + "_members"), said);
            String admin0 = CliTest.ok(run(store, "audit", "list", "--person", admin.user())).out();
            assertTrue(admin0.contains("\tstore.admit\t" + bob + "\t"), admin0);
            assertTrue(admin0.contains("\tspace.create\t"), admin0);
            assertEquals("No audit entries by " + bob + ".\n", CliTest.ok(run(store, "audit", "list", "--person", bob)).out());
            assertTrue(CliTest.ok(run(store, "store", "dismiss", bob)).out().startsWith(bob + " is no longer a member"));
            Result again = run(store, "store", "dismiss", bob);
            assertEquals(1, again.exit());
            assertTrue(again.err().startsWith(bob + " is not a member of"), again.err());
        } finally {
            db.dropDatabase();
            try (Connection c = admin.connect(); Statement st = c.createStatement()) {
                for (String role : List.of(bob, inner, outer, TeamMembers.group(db))) {
                    st.execute("DROP ROLE IF EXISTS " + role);
                }
            }
        }
    }

    private Result run(String store, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.add("--store");
        all.add(store);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("ODCM_KEY_DIR", tmp.resolve("keys").toString(), "ODCM_LOG_DIR", tmp.resolve("logs").toString(),
                        "XDG_DATA_HOME", tmp.resolve("data").toString()));
        return new Result(exit, out.toString(), err.toString());
    }
}
