package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import odcm.model.Refusal;
import odcm.model.audit.AuditVerification;
import odcm.model.release.Release;
import odcm.model.space.Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team store on a real PostgreSQL server (decision 0035): the same schema, repositories and guarantees as the
 * embedded store. Skipped, with the reason, where ODCM_TEST_POSTGRES names no server.
 */
class TeamStoreTest {
    @TempDir
    Path tmp;

    @Test
    void anEmptyDatabaseBecomesAStoreThatOpensAgain() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            String id;
            try (Store store = team.open("alice")) {
                id = store.storeId();
                Fixtures.local(store, "DevTest Space");
                store.write(tx -> tx.audit().append("test.entry", "first", "on the team store"));
            }
            try (Store store = team.open("bob")) {
                assertEquals(id, store.storeId());
                assertEquals(List.of("DevTest Space"), store.read(tx -> tx.spaces().findAll()).stream().map(Space::name).toList());
                assertInstanceOf(AuditVerification.Intact.class, store.read(tx -> tx.audit().verify()));
            }
        }
    }

    @Test
    void releasesAreFrozenAndSealedByTheDatabaseToo() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            long projectId;
            Release r;
            try (Store store = team.open("alice")) {
                ProjectsAndReleasesStoreTest.Setup s = ProjectsAndReleasesStoreTest.setUp(store);
                projectId = s.project().id();
                r = ProjectsAndReleasesStoreTest.release(store, s.project(), "1.0.0");
                // Both stores on one server at once: no file lock keeps the second out.
                try (Store other = team.open("bob")) {
                    assertEquals(r, other.read(tx -> tx.releases().find(projectId, "1.0.0")).orElseThrow());
                }
            }
            try (Connection c = team.sql(); Statement st = c.createStatement()) {
                SQLException update = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE release SET notes = 'changed'"));
                assertTrue(update.getMessage().contains("ODCM_RELEASE_FROZEN"), update.getMessage());
                SQLException delete = assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM release"));
                assertTrue(delete.getMessage().contains("ODCM_RELEASE_FROZEN"), delete.getMessage());
                SQLException truncate = assertThrows(SQLException.class, () -> st.executeUpdate("TRUNCATE release CASCADE"));
                assertTrue(truncate.getMessage().contains("ODCM_RELEASE_FROZEN"), truncate.getMessage());
                SQLException origin = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE project SET source_space_id ="
                        + " (SELECT MAX(id) FROM space)"));
                assertTrue(origin.getMessage().contains("ODCM_REMOTE_ORIGIN"), origin.getMessage());
                // The seal holds here as on H2: a changed row, hashed again by hand, is refused.
                st.execute("ALTER TABLE release DISABLE TRIGGER trg_release_frozen");
                st.executeUpdate("UPDATE release SET notes = 'approved by nobody'");
                st.execute("ALTER TABLE release ENABLE TRIGGER trg_release_frozen");
            }
            try (Store store = team.open("alice")) {
                Refusal refused = assertThrows(Refusal.class, () -> store.read(tx -> tx.releases().find(projectId, "1.0.0")));
                assertTrue(refused.getMessage().startsWith("Release 1.0.0 of project 'Web' does not match the hash"), refused.getMessage());
            }
        }
    }

    /** Two consoles writing at once: every change lands, the audit chain stays one unbroken chain. */
    @Test
    void changesFromManyConsolesAtOnceKeepTheAuditChainWhole() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            try (Store first = team.open("alice")) {
                Fixtures.local(first, "DevTest Space");
            }
            int each = 40;
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (String user : List.of("alice", "bob", "carol")) {
                    work.add(pool.submit(() -> {
                        try (Store store = team.open(user)) {
                            for (int i = 0; i < each; i++) {
                                int n = i;
                                store.write(tx -> tx.audit().append("test.entry", user + " " + n, "at once"));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            try (Store store = team.open("dave")) {
                AuditVerification v = store.read(tx -> tx.audit().verify());
                // and the entry saying the state of trusts and certificates after DevTest, which no entry followed (0038, "Freshness")
                assertEquals(new AuditVerification.Intact(3 * each + 1), v, v.sentence());
            }
        }
    }

    /**
     * Review (0035, Lobs): a head is hashed with the snapshot's length as the database counts it; PostgreSQL's char_length
     * counts code points, Java's String.length() UTF-16 units, so a snapshot with a character beyond the BMP (an emoji)
     * reads as altered on a team store.
     */
    @Test
    void theHeadOfASnapshotWithAnEmojiReadsOnATeamStore() throws Exception {
        try (TeamStores team = TeamStores.create(tmp); Store store = team.open("alice")) {
            ProjectsAndReleasesStoreTest.Setup s = ProjectsAndReleasesStoreTest.setUp(store);
            long projectId = s.project().id();
            String text = "Caf\u00e9 \ud83d\ude80";
            long id = store.write(tx -> tx.releases().insert(projectId, "2.0.0", "notes", "Default", new odcm.model.release.ReleaseSnapshot(
                    List.of(), List.of(new odcm.model.project.Variable("Greeting", text, false, odcm.model.project.Scope.ALL)), List.of(), List.of()),
                    java.time.Instant.parse("2025-03-02T10:00:00Z"))).id();
            org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> store.read(tx -> tx.releases().find(projectId, "2.0.0")), "the whole row reads");
            // the head (snapshot hashed from its bytes and char_length) is refused as altered
            org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> store.read(tx -> tx.releases().findHeadById(id)), "the head reads");
        }
    }

    /**
     * Review (0035, audit head per machine): a console killed on machine A after its head named a pending entry and before
     * the commit (the state AuditSeal.beforeCommit documents), then any change from machine B: A now finds "entry n is not
     * the entry recorded as written there" and refuses every change, though nothing was tampered with.
     */
    @Test
    void aChangeKilledBeforeItsCommitOnOneMachineIsNoTamperingOnceAnotherMachineWrites() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            StoreLocation a = team.location;
            StoreLocation b = new StoreLocation(tmp.resolve("b-state"), tmp.resolve("b-keys"), a.server());
            String id;
            odcm.model.audit.AuditEntry last;
            try (Store store = Store.open(a, new Fixtures.TickingClock(Fixtures.T0), "alice")) {
                id = store.storeId();
                Fixtures.local(store, "DevTest Space");
                store.write(tx -> tx.audit().append("test.entry", "alice", "a first change"));
                last = store.read(tx -> tx.audit().list(null)).get(0);
            }
            java.nio.file.Files.createDirectories(b.keyDir());
            java.nio.file.Files.copy(a.keyFile(id), b.keyFile(id)); // the team's master key, handed to machine B
            // Machine A: a change's head written before its commit (pending entry last + 1), then kill -9.
            var vault = new odcm.persistence.keys.AesGcmKeyVault(java.nio.file.Files.readAllBytes(a.keyFile(id)));
            var key = new odcm.model.audit.AuditKey(vault.derive("odcm audit key v1"));
            var ctor = Class.forName("odcm.persistence.audit.AuditHeadFile").getDeclaredConstructor(Path.class, String.class);
            ctor.setAccessible(true);
            Object head = ctor.newInstance(a.auditHeadFile(id), a.auditHeadIdentity(id));
            var write = head.getClass().getDeclaredMethod("write", odcm.model.audit.AuditHead.class, odcm.model.audit.AuditHead.class,
                    odcm.model.audit.AuditKey.class);
            write.setAccessible(true);
            write.invoke(head, new odcm.model.audit.AuditHead(last.seq(), last.hash()),
                    new odcm.model.audit.AuditHead(last.seq() + 1, "ab".repeat(32)), key);
            try (Store store = Store.open(a, new Fixtures.TickingClock(Fixtures.T0), "alice")) {
                assertTrue(store.auditWarning().isEmpty(), "an interrupted change alone is said as such");
            }
            try (Store store = Store.open(b, new Fixtures.TickingClock(Fixtures.T0), "bob")) {
                store.write(tx -> tx.audit().append("test.entry", "bob", "a change from machine B"));
            }
            try (Store store = Store.open(a, new Fixtures.TickingClock(Fixtures.T0), "alice")) {
                assertTrue(store.auditWarning().isEmpty(), "machine A after B's change: " + store.auditWarning().orElse(""));
                store.write(tx -> tx.audit().append("test.entry", "alice", "a change from machine A"));
            }
        }
    }

    /**
     * Review (0035): a team store whose identity row is removed by a SQL login is not made a new store on top of its rows
     * (a new id and a new master key, every release and audit entry then failing) but refused, as an H2 file without one is.
     */
    @Test
    void aTeamStoreWithoutItsIdentityButWithRowsIsNotMadeANewStore() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            String id;
            try (Store store = team.open("alice")) {
                id = store.storeId();
                Fixtures.local(store, "DevTest Space");
                store.write(tx -> tx.audit().append("test.entry", "alice", "a change"));
            }
            try (Connection c = team.sql(); Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate("DELETE FROM store_info"));
            }
            try (Store store = team.open("alice")) {
                assertEquals(id, store.storeId(), "a new store was made on top of the old one's rows");
            } catch (Refusal refused) {
                // refused: sound
            }
        }
    }

    @Test
    void aTeamStoreOfANewerSchemaIsRefusedAndLeftAsItWas() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            try (Store store = team.open("alice")) {
                Fixtures.local(store, "DevTest Space");
            }
            try (Connection c = team.sql(); Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                        + " installed_by, execution_time, success) VALUES (99, '999', 'from the future', 'SQL', 'V999__future.sql', 1, 'x', 1, TRUE)");
            }
            Refusal r = assertThrows(Refusal.class, () -> team.open("bob"));
            assertEquals("The store " + team.location.describe() + " was written by a newer ODCM Console (schema version 999; this console"
                    + " knows up to " + Store.SCHEMA_VERSION + "). It was not changed.", r.getMessage());
            try (Connection c = team.sql(); Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM flyway_schema_history")) {
                rs.next();
                assertEquals(18, rs.getInt(1), "V13, V14, V15, V17, V18, V19, V20, V21, V22, V23, V25, V26, V27, V28, V29, V30, V31 and the future one, nothing more");
            }
        }
    }

    /** A member without the master key (decision 0035): reads the team's spaces and releases, changes nothing. */
    @Test
    void aMemberWithoutTheMasterKeyReadsAndChangesNothing() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            long projectId;
            try (Store store = team.open("alice")) {
                ProjectsAndReleasesStoreTest.Setup s = ProjectsAndReleasesStoreTest.setUp(store);
                projectId = s.project().id();
                ProjectsAndReleasesStoreTest.release(store, s.project(), "1.0.0");
            }
            StoreLocation withoutKey = new StoreLocation(tmp.resolve("bob-state"), tmp.resolve("bob-keys"), team.location.server());
            try (Store store = Store.open(withoutKey, new Fixtures.TickingClock(Fixtures.T0), "bob")) {
                assertEquals(odcm.persistence.keys.MasterKeyState.MISSING, store.masterKeyState());
                assertEquals(List.of("DevTest Space", "Prod Space"), store.read(tx -> tx.spaces().findAll()).stream().map(Space::name).sorted().toList());
                assertEquals("notes", store.read(tx -> tx.releases().find(projectId, "1.0.0")).orElseThrow().notes());
                Refusal r = assertThrows(Refusal.class, () -> store.write(tx -> tx.audit().append("test.entry", "bob", "a change")));
                assertTrue(r.getMessage().startsWith("The master key of this store is missing"), r.getMessage());
            }
            try (Store store = team.open("alice")) {
                assertEquals(0, store.read(tx -> tx.audit().list(null)).stream().filter(e -> e.osUser().equals("bob")).count());
            }
        }
    }

    /**
     * The server goes away under an open console (restarted, a network cut, an administrator ending its session): the
     * action that meets it gets one sentence and changes nothing, and the next one connects again.
     */
    @Test
    void aLostConnectionIsOneSentenceAndTheNextActionConnectsAgain() throws Exception {
        try (TeamStores team = TeamStores.create(tmp); Store store = team.open("alice")) {
            Fixtures.local(store, "DevTest Space");
            try (Connection c = team.sql(); Statement st = c.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND backend_type = 'client backend' AND usename = current_user"); // the store's own, never autovacuum's
            }
            Refusal lost = assertThrows(Refusal.class, () -> store.write(tx -> tx.audit().append("test.entry", "lost", "never saved")));
            assertTrue(lost.getMessage().startsWith("The connection to the team store postgresql://") && lost.getMessage()
                    .endsWith(": nothing was changed. The next action connects again."), lost.getMessage());
            store.write(tx -> tx.audit().append("test.entry", "after", "saved once connected again"));
            assertEquals(List.of("after"), store.read(tx -> tx.audit().list(null)).stream().filter(e -> e.action().equals("test.entry"))
                    .map(odcm.model.audit.AuditEntry::subject).toList());
            assertInstanceOf(AuditVerification.Intact.class, store.read(tx -> tx.audit().verify()));
        }
    }

    /**
     * Review (0035): every change waits for the team store's write lock with no bound. A session that holds it and never
     * ends (a member's psql with BEGIN; SELECT pg_advisory_xact_lock(...), or a console cut from the network mid-change,
     * whose server session stays until TCP gives up, hours by default) hung every console's and command's next change,
     * saying nothing. The wait is bounded, and the change refused with a sentence, nothing changed.
     */
    @Test
    void aWriteLockHeldElsewhereForeverIsASentenceNotAHang() throws Exception {
        java.time.Duration before = Store.writeLockWait;
        Store.writeLockWait = java.time.Duration.ofSeconds(2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TeamStores team = TeamStores.create(tmp); Store alice = team.open("alice")) {
            try (Connection holder = team.sql(); Statement st = holder.createStatement()) {
                holder.setAutoCommit(false);
                st.execute("SELECT pg_advisory_xact_lock(" + Store.WRITE_LOCK + ")"); // held until this transaction ends
                Future<?> change = pool.submit(() -> alice.write(tx -> tx.audit().append("test.entry", "waiting", "for the lock")));
                try {
                    change.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    throw new AssertionError("the change was made while another session held the write lock");
                } catch (java.util.concurrent.ExecutionException refused) {
                    Refusal r = assertInstanceOf(Refusal.class, refused.getCause());
                    assertTrue(r.getMessage().contains("write lock") && r.getMessage().contains("nothing was changed"), r.getMessage());
                } catch (java.util.concurrent.TimeoutException hung) {
                    throw new AssertionError("a change waited 60 s for the write lock another session holds, and still waits");
                } finally {
                    holder.rollback(); // lets a waiting change go on, so the store can close
                }
            }
            alice.write(tx -> tx.audit().append("test.entry", "after", "once the lock is free"));
            assertInstanceOf(AuditVerification.Intact.class, alice.read(tx -> tx.audit().verify()));
        } finally {
            Store.writeLockWait = before;
            pool.shutdownNow();
        }
    }

    /**
     * Review (0035): a network cut that sends nothing (no reset) left an action waiting for the server's answer until TCP
     * gave up — a quarter of an hour on Linux — with the console busy and no sentence, though the decision says a cut
     * network is one sentence. The store's connection gives up after a bound without an answer; the next action connects
     * again.
     */
    @Test
    void anActionCutOffSilentlyByTheNetworkIsASentenceNotAHang() throws Exception {
        java.time.Duration before = Store.networkTimeout;
        Store.networkTimeout = java.time.Duration.ofSeconds(3);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TeamStores team = TeamStores.create(tmp); FreezingProxy proxy = new FreezingProxy(team.location)) {
            team.open("first").close(); // makes the store
            try (Store alice = Store.open(proxy.location(tmp), new Fixtures.TickingClock(Fixtures.T0), "alice")) {
                proxy.frozen = true;
                Future<?> change = pool.submit(() -> alice.write(tx -> tx.audit().append("test.entry", "cut", "never answered")));
                try {
                    change.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    throw new AssertionError("a change was made through a cut network");
                } catch (java.util.concurrent.ExecutionException refused) {
                    Refusal r = assertInstanceOf(Refusal.class, refused.getCause());
                    assertTrue(r.getMessage().startsWith("The connection to the team store "), r.getMessage());
                } catch (java.util.concurrent.TimeoutException hung) {
                    throw new AssertionError("an action waited 60 s for a server cut off by the network, and still waits");
                } finally {
                    proxy.frozen = false;
                }
                alice.write(tx -> tx.audit().append("test.entry", "after", "connected again"));
            }
        } finally {
            Store.networkTimeout = before;
            FreezingProxy.forgetPasswords();
            pool.shutdownNow();
        }
    }

    /**
     * Review (0035): the server's "permission denied" (a login not in the team's role, a table's rights taken away) was
     * read as a file problem of an H2 store: "The store folder ~/.local/share/odcm/servers/… may not be written (permission
     * denied) … Check its owner and permissions", a folder that has nothing to do with it. It is said as the server's.
     */
    @Test
    void theServersPermissionDeniedIsNotSaidAsTheLocalFoldersOwn() throws Exception {
        try (TeamStores team = TeamStores.create(tmp); Store alice = team.open("alice")) {
            try (Connection c = team.sql(); Statement st = c.createStatement()) {
                st.execute("REVOKE INSERT ON audit_event FROM current_user");
            }
            Refusal r = assertThrows(Refusal.class, () -> alice.write(tx -> tx.audit().append("test.entry", "denied", "never saved")));
            assertTrue(!r.getMessage().contains("store folder") && r.getMessage().contains("(permission denied for table audit_event)")
                    && r.getMessage().contains("nothing was changed"), r.getMessage());
        }
    }

    /**
     * TLS as the README says to use it across a network: the server's certificate checked against the CA named, and a
     * server whose certificate is not from that CA refused with one sentence. Needs ODCM_TEST_POSTGRES_CA, the CA of the
     * test server's certificate (`.ci/run` makes both); skipped without it.
     */
    @Test
    void overTlsTheServersCertificateIsCheckedAgainstTheNamedCa() throws Exception {
        String ca = System.getenv("ODCM_TEST_POSTGRES_CA");
        org.junit.jupiter.api.Assumptions.assumeTrue(ca != null && !ca.isBlank(),
                "ODCM_TEST_POSTGRES_CA is not set: no CA of the test server's certificate to check it with (.ci/run sets it)");
        try (TeamStores team = TeamStores.create(tmp)) {
            ServerAddress checked = ServerAddress.parse(team.location.server() + "?sslmode=verify-full&sslrootcert=" + ca);
            try (Store store = Store.open(new StoreLocation(tmp.resolve("tls-state"), tmp.resolve("keys"), checked), new Fixtures.TickingClock(Fixtures.T0), "alice")) {
                Fixtures.local(store, "DevTest Space");
            }
            // Made out to another host than the one named: refused as well (the test certificate names only 'localhost').
            ServerAddress otherHost = ServerAddress.parse(checked.toString().replace("@localhost:", "@127.0.0.1:"));
            Refusal host = assertThrows(Refusal.class, () -> Store.open(new StoreLocation(tmp.resolve("host-state"), tmp.resolve("keys"), otherHost),
                    new Fixtures.TickingClock(Fixtures.T0), "alice"));
            assertTrue(host.getMessage().contains("the server's TLS certificate is not made out to the host named in the address"), host.getMessage());
            try (Connection c = checked.connect(); Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                assertTrue(rs.next() && rs.getBoolean(1), "the connection is encrypted");
            }
            Path otherCa = tmp.resolve("other-ca.pem");
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-days", "1", "-subj", "/CN=Not the server's CA", "-keyout", tmp.resolve("other-ca.key").toString(), "-out", otherCa.toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("openssl.log").toFile()).start();
            assertEquals(0, p.waitFor());
            ServerAddress wrong = ServerAddress.parse(team.location.server() + "?sslmode=verify-full&sslrootcert=" + otherCa);
            Refusal refused = assertThrows(Refusal.class, () -> Store.open(new StoreLocation(tmp.resolve("wrong-state"), tmp.resolve("keys"), wrong),
                    new Fixtures.TickingClock(Fixtures.T0), "mallory"));
            assertTrue(refused.getMessage().startsWith("The team store " + wrong.toString() + " could not be opened: the server's TLS"
                    + " certificate is not from the CA named by sslrootcert") && refused.getMessage().endsWith("nothing was changed, and the details are in the log file."), refused.getMessage());
        }
    }
}
