package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import odcm.model.role.Person;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditVerification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * People (docs/decisions/0040-people.md): on a team store a person is the database login the server authenticated, let
 * in by the store's owner, and every audit entry names that login whatever the client claims; in an embedded store the
 * OS user is the one person. The team-store tests make their own logins (unique names) and drop them after.
 */
class PeopleTest {
    @TempDir
    Path tmp;

    private final List<String> logins = new ArrayList<>();
    private TeamStores team;

    @AfterEach
    void dropLogins() throws SQLException {
        if (team != null) {
            team.close(); // the database first: a role with rights in a database cannot be dropped
        }
        if (!logins.isEmpty()) {
            try (Connection c = admin().connect(); Statement st = c.createStatement()) {
                for (String login : logins) {
                    st.execute("DROP ROLE IF EXISTS " + login);
                }
            }
        }
    }

    @Test
    void aSecondLoginLetInMakesAChangeAndTheAuditEntryNamesThatLogin() throws Exception {
        team = TeamStores.create(tmp);
        String bob = login();
        try (Store owner = team.open(System.getProperty("user.name"))) {
            assertEquals(admin().user(), owner.person().name());
            assertFalse(owner.person().holdsEveryRole());
            String said = TeamMembers.admit(owner, bob);
            assertTrue(said.startsWith(bob + " may now use the team store"), said);
            logins.add(TeamMembers.group(team.location.server()));
        }
        try (Store member = Store.open(as(bob), new Fixtures.TickingClock(Fixtures.T0), System.getProperty("user.name"))) {
            assertEquals(bob, member.person().name());
            assertEquals(List.of(TeamMembers.group(team.location.server())), member.person().groups());
            member.write(tx -> { // a change, audited as a service audits it
                tx.spaces().insertLocal(odcm.model.space.SpaceName.of("Payments"), "", Fixtures.cert("Payments"), "EC", new byte[] {1});
                return tx.audit().append("space.create", "local space 'Payments'", "");
            });
            AuditEntry last = member.read(tx -> tx.audit().list(AuditFilter.ALL)).get(0);
            assertEquals("space.create", last.action());
            assertEquals(bob, last.person());
            assertInstanceOf(AuditVerification.Intact.class, member.read(tx -> tx.audit().verify()));
        }
        try (Store owner = team.open("whoever")) {
            assertInstanceOf(AuditVerification.Intact.class, owner.read(tx -> tx.audit().verify()));
            List<AuditEntry> bobs = owner.read(tx -> tx.audit().list(new AuditFilter("", null, null, bob)));
            assertEquals(List.of("space.create"), bobs.stream().map(AuditEntry::action).toList());
            assertEquals(List.of("store.admit"), owner.read(tx -> tx.audit().list(new AuditFilter("", null, null, admin().user())))
                    .stream().map(AuditEntry::action).toList());
        }
    }

    @Test
    void aClientClaimingAnotherNameCannotGetItRecorded() throws Exception {
        team = TeamStores.create(tmp);
        String bob = login();
        try (Store owner = team.open("alice")) {
            TeamMembers.admit(owner, bob);
            logins.add(TeamMembers.group(team.location.server()));
        }
        // The console: whatever OS user name the process gives, the entry names the login.
        try (Store member = Store.open(as(bob), new Fixtures.TickingClock(Fixtures.T0), admin().user())) {
            AuditEntry e = member.write(tx -> tx.audit().append("test.claim", "x", "claims to be the owner"));
            assertEquals(bob, e.person());
            assertEquals(bob, member.read(tx -> tx.audit().list(AuditFilter.ALL)).get(0).person());
        }
        // Plain SQL as the member: an entry in another's name, a changed or removed entry, the trigger set aside, SET ROLE.
        try (Connection c = as(bob).server().connect(); Statement st = c.createStatement()) {
            String insert = "INSERT INTO audit_event (seq, at, os_user, action, subject, detail, prev_hash, hash) VALUES"
                    + " (1000, now(), '%s', 'trust.create', 's', 'd', repeat('0', 64), repeat('0', 64))";
            assertRefused(() -> st.executeUpdate(insert.formatted(admin().user())), "ODCM_AUDIT_PERSON");
            assertRefused(() -> st.executeUpdate("UPDATE audit_event SET os_user = 'alice' WHERE os_user = '" + bob + "'"), "ODCM_AUDIT_PERSON");
            assertRefused(() -> st.executeUpdate("UPDATE audit_event SET detail = 'nothing' WHERE action = 'store.admit'"), "ODCM_AUDIT_PERSON");
            assertRefused(() -> st.executeUpdate("DELETE FROM audit_event"), "ODCM_AUDIT_PERSON");
            assertRefused(() -> st.execute("ALTER TABLE audit_event DISABLE TRIGGER trg_audit_person"), "must be owner");
            assertRefused(() -> st.execute("DROP TRIGGER trg_audit_person ON audit_event"), "must be owner");
            assertRefused(() -> st.execute("TRUNCATE audit_event CASCADE"), "permission denied");
            st.execute("SET ROLE " + TeamMembers.group(team.location.server()));
            assertRefused(() -> st.executeUpdate(insert.formatted(admin().user())), "ODCM_AUDIT_PERSON");
            st.execute("RESET ROLE");
            assertRefused(() -> st.execute("CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'"), "permission denied");
        }
        // Where members may create functions (PostgreSQL before 15: everyone in public), one of their own named as the
        // catalog's, searched first, does not open the trigger.
        try (Connection c = team.sql(); Statement st = c.createStatement()) {
            st.execute("GRANT CREATE ON SCHEMA public TO " + TeamMembers.group(team.location.server()));
        }
        try (Connection c = as(bob).server().connect(); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION public.pg_has_role(name, oid, text) RETURNS boolean LANGUAGE sql AS 'SELECT true'");
            st.execute("SET search_path = public, pg_catalog");
            assertRefused(() -> st.executeUpdate(("INSERT INTO audit_event (seq, at, os_user, action, subject, detail, prev_hash, hash)"
                    + " VALUES (1000, now(), '%s', 'trust.create', 's', 'd', repeat('0', 64), repeat('0', 64))").formatted(admin().user())),
                    "ODCM_AUDIT_PERSON");
        }
        try (Store owner = team.open("alice")) {
            assertEquals(List.of(), owner.read(tx -> tx.audit().list(new AuditFilter("", null, null, "alice"))));
            assertInstanceOf(AuditVerification.Intact.class, owner.read(tx -> tx.audit().verify()));
        }
    }

    @Test
    void onlyTheOwnerLetsInAndOnlyExistingLogins() throws Exception {
        team = TeamStores.create(tmp);
        String bob = login();
        String carol = login();
        try (Store owner = team.open("alice")) {
            Refusal none = assertThrows(Refusal.class, () -> TeamMembers.admit(owner, "nobody_" + UUID.randomUUID().toString().substring(0, 8)));
            assertTrue(none.getMessage().startsWith("There is no login nobody_"), none.getMessage());
            TeamMembers.admit(owner, bob);
            logins.add(TeamMembers.group(team.location.server()));
        }
        try (Store member = Store.open(as(bob), new Fixtures.TickingClock(Fixtures.T0), "bob")) {
            long before = member.read(tx -> tx.audit().lastSeq());
            Refusal notOwner = assertThrows(Refusal.class, () -> TeamMembers.admit(member, carol));
            assertTrue(notOwner.getMessage().startsWith("Only the owner of the team store's tables"), notOwner.getMessage());
            assertEquals((long) before, (long) member.read(tx -> tx.audit().lastSeq()));
        }
        try (Store owner = team.open("alice")) {
            assertTrue(TeamMembers.dismiss(owner, bob).startsWith(bob + " is no longer a member"));
            Refusal again = assertThrows(Refusal.class, () -> TeamMembers.dismiss(owner, bob));
            assertTrue(again.getMessage().startsWith(bob + " is not a member of"), again.getMessage());
        }
        Refusal out = assertThrows(Refusal.class, () -> Store.open(as(bob), new Fixtures.TickingClock(Fixtures.T0), "bob")
                .read(tx -> tx.spaces().findAll()));
        assertTrue(out.getMessage().contains("permission denied") && out.getMessage().contains("Has the store's administrator let your"
                + " login in (odcm store admit"), out.getMessage());
    }

    /** Review (2026-12-05): a dismissed login no longer connects at all (it could still sign in, LISTEN and NOTIFY). */
    @Test
    void aDismissedLoginNoLongerConnectsNorListens() throws Exception {
        team = TeamStores.create(tmp);
        String bob = login();
        try (Store owner = team.open("alice")) {
            TeamMembers.admit(owner, bob);
            logins.add(TeamMembers.group(team.location.server()));
            TeamMembers.dismiss(owner, bob);
        }
        SQLException out = assertThrows(SQLException.class, () -> {
            try (Connection c = as(bob).server().connect(); Statement st = c.createStatement()) {
                st.execute("LISTEN " + StoreChanges.CHANNEL);
                st.execute("NOTIFY " + StoreChanges.CHANNEL);
            }
        });
        assertTrue(out.getMessage().contains("permission denied for database"), out.getMessage());
    }

    /**
     * The plain SQL of decision 0040 lets a login in as `store admit` does; a store copied in by that member (not the
     * tables' owner) cannot keep the original names, so nothing is copied; the member's own console works.
     */
    @Test
    void theDocumentedSqlLetsALoginInAndOnlyTheOwnerCopiesAStoreIn() throws Exception {
        team = TeamStores.create(tmp);
        String bob = login();
        String group = TeamMembers.group(team.location.server());
        Store.prepare(team.location);
        try (Connection c = team.sql(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + group + " NOLOGIN");
            logins.add(group);
            st.execute("GRANT CONNECT ON DATABASE " + team.location.server().database() + " TO " + group);
            st.execute("REVOKE CONNECT ON DATABASE " + team.location.server().database() + " FROM PUBLIC");
            st.execute("GRANT USAGE ON SCHEMA public TO " + group);
            st.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + group);
            st.execute("REVOKE INSERT, UPDATE, DELETE ON flyway_schema_history FROM " + group);
            st.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + group);
            st.execute("GRANT " + group + " TO " + bob);
        }
        try (Store h2 = Store.open(new StoreLocation(tmp.resolve("h2"), team.location.keyDir()), new Fixtures.TickingClock(Fixtures.T0), "alice")) {
            h2.write(tx -> tx.audit().append("test.entry", "made by alice", "in her own store"));
            Refusal refused = assertThrows(Refusal.class, () -> StoreCopy.copy(h2, as(bob)));
            assertTrue(refused.getMessage().startsWith("The team store's audit log names the login that writes each entry, and only its"
                    + " administrator"), refused.getMessage());
        }
        try (Connection c = team.sql(); Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                "SELECT (SELECT count(*) FROM audit_event) + (SELECT count(*) FROM store_info)")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "nothing was copied");
        }
        try (Store member = Store.open(as(bob), new Fixtures.TickingClock(Fixtures.T0), "alice")) {
            assertEquals(bob, member.write(tx -> tx.audit().append("test.entry", "s", "d")).person());
            assertInstanceOf(AuditVerification.Intact.class, member.read(tx -> tx.audit().verify()));
        }
    }

    @Test
    void inAnEmbeddedStoreTheOsUserIsTheOnePersonAndNobodyIsLetIn() {
        try (Store store = Store.open(StoreLocation.resolve(tmp.resolve("store").toString(),
                Map.of("ODCM_KEY_DIR", tmp.resolve("keys").toString()), tmp.toString()), new Fixtures.TickingClock(Fixtures.T0), "alice")) {
            assertEquals(new Person("alice", List.of(), true), store.person());
            assertTrue(store.person().sentence().contains("an embedded store has one person, with every role"));
            assertEquals("alice", store.write(tx -> tx.audit().append("test.entry", "s", "d")).person());
            Refusal refused = assertThrows(Refusal.class, () -> TeamMembers.admit(store, "bob"));
            assertTrue(refused.getMessage().startsWith("An embedded store has one person"), refused.getMessage());
        }
    }

    private static ServerAddress admin() {
        return ServerAddress.parse(System.getenv("ODCM_TEST_POSTGRES"));
    }

    /** A new login with a password of its own (given as a connection property, as only a test may), dropped after the test. */
    private String login() throws SQLException {
        String name = "odcm_p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = admin().connect(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "-pw'");
        }
        logins.add(0, name);
        return name;
    }

    /** The test's team store as {@code login} signs in to it. */
    private StoreLocation as(String login) {
        ServerAddress s = team.location.server();
        return new StoreLocation(tmp.resolve("state-" + login), team.location.keyDir(),
                new ServerAddress(s.host(), s.port(), s.database(), login, Map.of("password", login + "-pw")));
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable sql, String words) {
        SQLException e = assertThrows(SQLException.class, sql);
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }
}
