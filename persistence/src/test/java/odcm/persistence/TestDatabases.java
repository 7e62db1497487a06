package odcm.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The test JVM's team store, for tests run a second time on PostgreSQL ({@code -Dodcm.test.engine=postgresql}, decision
 * 0035): one database per test JVM on the server named by ODCM_TEST_POSTGRES, migrated once, emptied before each test
 * (as H2 tests start from a fresh store). Skipped, saying so, where no server is named. Used by the repository tests here
 * and the service tests of the app.
 */
public final class TestDatabases {
    private static ServerAddress shared;
    /** The logins this JVM made for people of its tests ({@link #as}); dropped when it ends. */
    private static final java.util.Set<String> logins = new java.util.LinkedHashSet<>();
    /** Logins are the server's, shared by every test JVM: each JVM's own end in this. */
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);

    private TestDatabases() {
    }

    /** Whether the tests of this JVM run on a team store. */
    public static boolean onTeamStore() {
        return "postgresql".equals(System.getProperty("odcm.test.engine"));
    }

    /**
     * A new, empty database on the server named by ODCM_TEST_POSTGRES (its user may create databases; the password in
     * ~/.pgpass), for a test that drops it when done; the test is skipped, saying why, where no server is named.
     */
    public static ServerAddress fresh() {
        String admin = System.getenv("ODCM_TEST_POSTGRES");
        Assumptions.assumeTrue(admin != null && !admin.isBlank(),
                "ODCM_TEST_POSTGRES is not set: this team-store test needs a PostgreSQL server (README, 'A team store')");
        return ServerAddress.parse(admin).createDatabase("odcm_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT));
    }

    /** The test JVM's database, made and migrated on first use and dropped when the JVM ends. */
    public static synchronized ServerAddress shared() {
        if (shared == null) {
            ServerAddress database = fresh();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                database.dropDatabase();
                dropRoles(TeamMembers.group(database)); // its rights went with the database
            }));
            Store.prepare(new StoreLocation(Path.of("unused"), Path.of("unused"), database));
            shared = database;
        }
        return shared;
    }

    /**
     * Empties every table of the store (Flyway's history aside), children before the tables they refer to, the release
     * trigger set aside by the tables' owner (whom the other triggers and row-level security let through), and restarts
     * every sequence, so ids start from 1 again. DELETE, not TRUNCATE: a TRUNCATE gives every table, index and TOAST table
     * (some 130 relations) a new file, ~230 ms on a quiet server, where deleting a test's few rows takes a few ms
     * (decision 0025, sixth pass). One statement, one round trip; a store a test left open fails the next test instead of
     * hanging it (lock_timeout).
     */
    private static final String EMPTY = "DO $$ DECLARE t regclass; BEGIN"
            + " PERFORM set_config('lock_timeout', '20s', true);"
            + " FOR t IN WITH RECURSIVE fk AS (SELECT conrelid AS child, confrelid AS parent FROM pg_constraint"
            + "     WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND conrelid <> confrelid),"
            + "   depth (t, d) AS (SELECT oid, 0 FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
            + "       AND relname <> 'flyway_schema_history'"
            + "     UNION ALL SELECT fk.child, depth.d + 1 FROM depth JOIN fk ON fk.parent = depth.t WHERE depth.d < 64)"
            + "   SELECT depth.t FROM depth GROUP BY depth.t ORDER BY max(depth.d) DESC LOOP"
            + "   IF t = 'release'::regclass AND EXISTS (SELECT FROM release) THEN"
            + "     ALTER TABLE release DISABLE TRIGGER USER; DELETE FROM release; ALTER TABLE release ENABLE TRIGGER USER;"
            + "   ELSE EXECUTE format('DELETE FROM %s', t); END IF;"
            + " END LOOP;"
            + " PERFORM setval(s.seqrelid, s.seqstart, false) FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
            + "   WHERE c.relnamespace = 'public'::regnamespace;"
            + " END $$";

    /** The owner's connection to the shared database that empties it, kept for the JVM (a new one costs a login each time). */
    private static Connection emptier;

    /** The shared database emptied (every row of every table, ids from 1: {@link #EMPTY}). */
    public static synchronized ServerAddress emptied() {
        ServerAddress database = shared();
        try {
            if (emptier == null || !emptier.isValid(5)) {
                emptier = database.connect();
            }
            try (Statement st = emptier.createStatement()) {
                st.execute(EMPTY);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the test database could not be emptied", e);
        }
        return database;
    }

    /** Whether this JVM let its member into the shared database ({@link #memberOfEmptied}). */
    private static boolean memberAdmitted;

    /**
     * The shared database emptied, as a <em>member</em> signs in to it: the login {@link #login}("member"), let in once per
     * JVM by the database's owner ({@code TeamMembers.admit}), so it holds the members' table rights and no rights of the
     * tables' owner — the row-level policies of decision 0042 apply to it. The service tests on a team store act as it.
     */
    public static synchronized ServerAddress memberOfEmptied() {
        ServerAddress database = emptied();
        ServerAddress member = as(database, "member");
        if (!memberAdmitted) {
            try {
                Path dir = java.nio.file.Files.createTempDirectory("odcm-admit");
                try (Store owner = Store.open(new StoreLocation(dir.resolve("store"), dir.resolve("keys"), database),
                        java.time.Clock.systemUTC(), "owner")) {
                    TeamMembers.admit(owner, login("member"));
                } finally {
                    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the test member could not be let in", e);
            }
            memberAdmitted = true;
            emptied(); // the owner's store made for the admission goes; the member's rights stay
        }
        return member;
    }

    /**
     * Waits until a console's change listener on this database has run its LISTEN (decision 0037): a change committed
     * before that is not told. The bound only ends a hung test.
     */
    public static void awaitListening(ServerAddress database) throws SQLException, InterruptedException {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            while (System.nanoTime() < until) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND query = 'LISTEN " + StoreChanges.CHANNEL + "'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the change listener never listened on " + database);
    }

    /** The login a test's {@code person} ("bob") signs in with on the test server: the name and this JVM's own suffix. */
    public static String login(String person) {
        return person.endsWith("_" + RUN) ? person : person.toLowerCase(Locale.ROOT) + "_" + RUN;
    }

    /**
     * {@code database} as {@link #login}({@code person}) signs in to it: the login made with a password of its own on first
     * use (given as a connection property, as only a test may) and dropped when the JVM ends. The store's owner lets it in
     * first ({@code TeamMembers.admit}); until then it may not use the store.
     */
    public static synchronized ServerAddress as(ServerAddress database, String person) {
        String login = login(person);
        if (logins.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropRoles(logins.toArray(String[]::new))));
        }
        if (!logins.contains(login)) {
            try (Connection c = ServerAddress.parse(System.getenv("ODCM_TEST_POSTGRES")).connect(); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE " + login + " LOGIN PASSWORD '" + login + "-pw'");
            } catch (SQLException e) {
                throw new IllegalStateException("the test login " + login + " could not be made", e);
            }
            logins.add(login);
        }
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>(database.options());
        options.put("password", login + "-pw");
        return new ServerAddress(database.host(), database.port(), database.database(), login, options);
    }

    /**
     * Undoes migration V20 (roles enforced by the database, decision 0042) on an open connection to a store, for a test that
     * takes a store back to an earlier version: on a team store its policies, row-level security, functions and trigger
     * go; on H2 (where it changes nothing) only its line of the schema history. Run before undoing an earlier migration.
     */
    public static void undoRolesEnforced(Statement st) throws SQLException {
        if (st.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            st.execute("DO $$ DECLARE t record; BEGIN"
                    + " FOR t IN SELECT policyname, tablename FROM pg_policies WHERE schemaname = 'public' AND policyname LIKE 'odcm\\_%' LOOP"
                    + "   EXECUTE format('DROP POLICY %I ON %I', t.policyname, t.tablename); END LOOP;"
                    + " FOR t IN SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace = 'public'::regnamespace LOOP"
                    + "   EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t.relname); END LOOP;"
                    + " END $$");
            st.execute("DROP FUNCTION IF EXISTS odcm_last_administrator(), odcm_scopes_only() CASCADE");
            st.execute("DROP FUNCTION IF EXISTS odcm_unscoped(text)");
            st.execute("DROP FUNCTION IF EXISTS odcm_new_space(bigint), odcm_may_change_space(bigint, text), odcm_may_somewhere(text),"
                    + " odcm_may(bigint, text, bigint), odcm_applies(text, text), odcm_owner()");
        }
        st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '20'");
    }

    /** Drops these roles of the test server where they exist (a test JVM's end: a failure only leaves them behind). */
    public static void dropRoles(String... roles) {
        try (Connection c = ServerAddress.parse(System.getenv("ODCM_TEST_POSTGRES")).connect(); Statement st = c.createStatement()) {
            for (String role : roles) {
                st.execute("DROP ROLE IF EXISTS " + role);
            }
        } catch (SQLException e) {
            System.err.println("test roles left on the server: " + String.join(", ", roles) + " (" + e.getMessage() + ")");
        }
    }

    /**
     * V23 (a loosening needs a second administrator, decision 0043) undone, for a test that puts a store back to an older
     * version: its table dropped, on a team store its functions (and the rules' trigger with them); its line of Flyway's
     * history removed. Run first.
     */
    public static void undoLooseningProposals(Statement st) throws SQLException {
        undoPackageSeal(st); // V31 came after: undone first
        undoPackageStore(st); // then V30
        undoTemplatesAcrossSpaces(st); // then V29
        undoEnvironmentTemplates(st); // then V28
        undoKeysOverTime(st); // then V27
        undoAcceptanceBeforeImport(st); // V26 came after: undone with it, next
        undoApprovalGates(st); // V25 sits on V23's store: undone next
        if (st.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            st.execute("DROP FUNCTION IF EXISTS odcm_duty_loosening(), odcm_duty_proposal() CASCADE");
            st.execute("DROP FUNCTION IF EXISTS odcm_duty_loosens(boolean, int, boolean, boolean, int, boolean)");
        }
        st.executeUpdate("DROP TABLE IF EXISTS duty_proposal");
        st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '23'");
    }

    /**
     * V27 (keys over time, decision 0056) undone: its tables dropped (with their row-level security); its line of Flyway's
     * history removed. Run by {@link #undoLooseningProposals} first.
     */
    public static void undoKeysOverTime(Statement st) throws SQLException {
        st.executeUpdate("DROP TABLE IF EXISTS certificate_window");
        st.executeUpdate("DROP TABLE IF EXISTS former_space_key");
        st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '27'");
    }

    /**
     * V29 (templates across spaces, decision 0058) undone: its table and columns dropped (on a team store its policies and
     * function first, and V28's instance policies as they were); its line of Flyway's history removed. Run by
     * {@link #undoLooseningProposals} first.
     */
    public static void undoTemplatesAcrossSpaces(Statement st) throws SQLException {
        boolean team = st.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL");
        if (team) {
            st.execute("DROP POLICY IF EXISTS odcm_import_template ON environment_template");
            st.execute("DROP POLICY IF EXISTS odcm_import_template_update ON environment_template");
            st.execute("DROP POLICY IF EXISTS odcm_instance_make ON environment");
            st.execute("DROP POLICY IF EXISTS odcm_instance_provision ON environment");
            st.execute("DROP POLICY IF EXISTS odcm_write ON provisioning");
            st.execute("DROP POLICY IF EXISTS odcm_instance_decline ON environment");
            st.execute("DROP TRIGGER IF EXISTS trg_environment_template_stays ON environment_template");
            st.execute("DROP FUNCTION IF EXISTS odcm_template_stays()");
            st.execute("DROP FUNCTION IF EXISTS odcm_may_provision(BIGINT)");
            st.execute("CREATE POLICY odcm_instance_make ON environment FOR INSERT WITH CHECK (deprovisioned_at IS NULL AND (odcm_may(space_id,"
                    + " 'DEPLOYER') OR odcm_may(space_id, 'RELEASE_MANAGER')) AND EXISTS (SELECT FROM environment_template t WHERE t.id = template_id"
                    + " AND t.space_id = environment.space_id))");
            st.execute("CREATE POLICY odcm_instance_provision ON environment FOR UPDATE USING (template_id IS NOT NULL AND (odcm_may(space_id,"
                    + " 'DEPLOYER') OR odcm_may(space_id, 'RELEASE_MANAGER'))) WITH CHECK (template_id IS NOT NULL AND (odcm_may(space_id, 'DEPLOYER')"
                    + " OR odcm_may(space_id, 'RELEASE_MANAGER')))");
            st.execute("CREATE POLICY odcm_write ON provisioning FOR INSERT WITH CHECK (done_by = session_user::text AND (odcm_may(space_id,"
                    + " 'ADMINISTRATOR') OR odcm_may(space_id, 'DEPLOYER') OR odcm_may(space_id, 'RELEASE_MANAGER')))");
        }
        st.executeUpdate("DROP TABLE IF EXISTS remote_instance");
        st.executeUpdate("DELETE FROM provisioning WHERE reason = 'DECLINED'");
        st.executeUpdate("ALTER TABLE provisioning DROP CONSTRAINT IF EXISTS ck_provisioning_reason");
        st.executeUpdate("ALTER TABLE provisioning ADD CONSTRAINT ck_provisioning_reason CHECK (reason IN ('MANUAL', 'PHASE', 'PROGRESSED', 'IDLE'))");
        st.executeUpdate("ALTER TABLE environment_template DROP CONSTRAINT IF EXISTS ck_environment_template_remote");
        st.executeUpdate("ALTER TABLE environment_template DROP CONSTRAINT IF EXISTS fk_environment_template_owner");
        st.executeUpdate("ALTER TABLE environment_template DROP CONSTRAINT IF EXISTS fk_environment_template_source");
        st.executeUpdate("DELETE FROM phase_member WHERE template_id IN (SELECT id FROM environment_template WHERE owner_space_id IS NOT NULL)");
        st.executeUpdate("DELETE FROM environment_template WHERE owner_space_id IS NOT NULL");
        st.executeUpdate("ALTER TABLE environment_template DROP CONSTRAINT IF EXISTS fk_environment_template_pending");
        st.executeUpdate("ALTER TABLE environment_template DROP COLUMN IF EXISTS pending_json");
        st.executeUpdate("ALTER TABLE environment_template DROP COLUMN IF EXISTS pending_release_id");
        st.executeUpdate("ALTER TABLE environment_template DROP COLUMN IF EXISTS owner_space_id");
        st.executeUpdate("ALTER TABLE environment_template DROP COLUMN IF EXISTS source_space_id");
        st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '29'");
    }

    /**
     * V31 (the package setting sealed, its removal an administrator's; decision 0059) undone: the seal column dropped, on a
     * team store the removal's policy; its line of Flyway's history removed. Run by {@link #undoLooseningProposals} first.
     */
    public static void undoPackageSeal(Statement st) throws SQLException {
        if (st.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            st.execute("DROP POLICY IF EXISTS odcm_remove ON package_file");
        }
        st.executeUpdate("ALTER TABLE IF EXISTS package_policy DROP COLUMN IF EXISTS seal");
        st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '31'");
    }

    /**
     * V30 (the package store, decision 0059) undone: its tables dropped (with their row-level security); its line of Flyway's
     * history removed. Run by {@link #undoLooseningProposals} first.
     */
    public static void undoPackageStore(Statement st) throws SQLException {
        st.executeUpdate("DROP TABLE IF EXISTS package_file");
        st.executeUpdate("DROP TABLE IF EXISTS package_feed");
        st.executeUpdate("DROP TABLE IF EXISTS package_policy");
        st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '30'");
    }

    /**
     * V28 (environment templates, decision 0057) undone: its tables and columns dropped (on a team store the environment's
     * instance policy first, and the check of phase members as it was before); its line of Flyway's history removed. Run by
     * {@link #undoLooseningProposals} first.
     */
    public static void undoEnvironmentTemplates(Statement st) throws SQLException {
        if (st.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            st.execute("DROP POLICY IF EXISTS odcm_instance_make ON environment");
            st.execute("DROP POLICY IF EXISTS odcm_instance_provision ON environment");
            st.execute("DROP FUNCTION IF EXISTS odcm_provision_only() CASCADE");
        }
        st.executeUpdate("DROP TABLE IF EXISTS provisioning");
        st.executeUpdate("ALTER TABLE phase_member DROP CONSTRAINT IF EXISTS ck_phase_member_one");
        st.executeUpdate("ALTER TABLE phase_member DROP CONSTRAINT IF EXISTS fk_phase_member_template");
        st.executeUpdate("ALTER TABLE phase_member DROP COLUMN IF EXISTS template_id");
        st.executeUpdate("ALTER TABLE phase_member ADD CONSTRAINT ck_phase_member_one CHECK ("
                + " (CASE WHEN environment_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN remote_environment_id IS NULL THEN 0 ELSE 1 END)"
                + " + (CASE WHEN target_space_id IS NULL THEN 0 ELSE 1 END) = 1)");
        st.executeUpdate("ALTER TABLE environment DROP CONSTRAINT IF EXISTS fk_environment_template");
        st.executeUpdate("ALTER TABLE environment DROP COLUMN IF EXISTS template_id");
        st.executeUpdate("ALTER TABLE environment DROP COLUMN IF EXISTS deprovisioned_at");
        st.executeUpdate("DROP TABLE IF EXISTS environment_template");
        st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '28'");
    }

    /**
     * V26 (acceptance before import, decision 0047) undone: its tables dropped, on a team store its functions (and the
     * deployment's trigger with them); its line of Flyway's history removed. Run by {@link #undoLooseningProposals} first.
     */
    public static void undoAcceptanceBeforeImport(Statement st) throws SQLException {
        if (st.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            st.execute("DROP FUNCTION IF EXISTS odcm_deployment_accepted(), odcm_import_acceptance() CASCADE");
        }
        st.executeUpdate("DROP TABLE IF EXISTS import_acceptance");
        st.executeUpdate("DROP TABLE IF EXISTS acceptance_policy");
        st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '26'");
    }

    /**
     * V25 (approval gates, decision 0046) undone, for a test that puts a store back to an older version: its tables dropped
     * and, on a team store, its triggers' functions (odcm_deployment_duty is V22's again once V22 is undone and made again);
     * its line of Flyway's history removed.
     */
    public static void undoApprovalGates(Statement st) throws SQLException {
        if (st.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            st.execute("DROP FUNCTION IF EXISTS odcm_approval_gate(), odcm_approval_cover() CASCADE");
        }
        st.executeUpdate("DROP TABLE IF EXISTS approval_cover");
        st.executeUpdate("DROP TABLE IF EXISTS approval_gate");
        st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '25'");
    }

    /**
     * V22 (the duties' review, decision 0043) undone, for a test that puts a store back to an older version: on a team store
     * its triggers and functions dropped; its line of Flyway's history removed (on H2 it changes nothing else). Run first.
     */
    public static void undoReviewOfDuties(Statement st) throws SQLException {
        if (st.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            st.execute("DROP FUNCTION IF EXISTS odcm_deployment_duty(), odcm_decision_dated() CASCADE");
            st.execute("DROP FUNCTION IF EXISTS odcm_not_ahead(timestamptz, text), odcm_release_of(bigint, bigint, text)");
        }
        st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '22'");
    }

    /**
     * V21 (separation of duties, decision 0043) undone, for a test that puts a store back to an older version: its tables
     * dropped (their triggers with them; V21 makes the trust's again) and its line of Flyway's history removed, so the
     * migrations undone before it are applied again in order.
     */
    public static void undoSeparationOfDuties(Statement st) throws SQLException {
        for (String table : List.of("trust_proposal", "release_maker", "duty_rule")) {
            st.executeUpdate("DROP TABLE IF EXISTS " + table);
        }
        st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '21'");
    }
}
