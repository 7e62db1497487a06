package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import odcm.model.audit.AuditEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console sees the changes other consoles make to a team store as they commit (decision 0037): told by PostgreSQL,
 * read from the audit log. Skipped, with the reason, where ODCM_TEST_POSTGRES names no server.
 */
class StoreChangesTest {
    /** How long a test waits for a notification that must come (never a figure of speed: a bound for a hang). */
    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path tmp;

    @Test
    void aConsoleIsToldOfOthersCommittedChangesNotOfItsOwnNorOfRolledBackOnes() throws Exception {
        try (TeamStores team = TeamStores.create(tmp); Store alice = team.open("alice"); Store bob = team.open("bob")) {
            BlockingQueue<StoreChanges.Change> told = new LinkedBlockingQueue<>();
            try (StoreChanges watching = StoreChanges.watch(alice, told::add, lost -> { }).orElseThrow()) {
                TestDatabases.awaitListening(team.location.server());
                long first = bob.write(tx -> tx.audit().append("space.created", "Payments", "by bob")).seq();
                assertEquals(new StoreChanges.Change(first, first), told.poll(WAIT_SECONDS, TimeUnit.SECONDS));

                alice.write(tx -> tx.audit().append("space.created", "Own", "by alice")); // her own: not told
                assertThrows(IllegalStateException.class, () -> bob.write(tx -> {
                    tx.audit().append("space.created", "Never", "rolled back");
                    throw new IllegalStateException("the change fails after its entry");
                }));
                long second = bob.write(tx -> {
                    tx.audit().append("space.renamed", "Payments", "by bob");
                    return tx.audit().append("space.described", "Payments", "by bob, in the same change");
                }).seq();
                // Notifications come in commit order: anything about alice's or the rolled-back change would be first.
                assertEquals(new StoreChanges.Change(second - 1, second), told.poll(WAIT_SECONDS, TimeUnit.SECONDS));
                assertTrue(told.isEmpty(), told.toString());

                List<AuditEntry> since = alice.read(tx -> tx.audit().after(first, 10));
                String a = alice.person().name(); // both the test server's login: the person is who signed in (decision 0040)
                String b = bob.person().name();
                assertEquals(List.of(a + " space.created Own", b + " space.renamed Payments", b + " space.described Payments"),
                        since.stream().map(e -> e.osUser() + " " + e.action() + " " + e.subject()).toList());
                assertEquals(second, (long) alice.read(tx -> tx.audit().lastSeq()));
                assertEquals(1, alice.read(tx -> tx.audit().after(first, 1)).size());
            }
        }
    }

    @Test
    void aLostConnectionIsSaidAndChangesAreLookedForOnceItIsBack() throws Exception {
        try (TeamStores team = TeamStores.create(tmp); Store alice = team.open("alice")) {
            BlockingQueue<StoreChanges.Change> told = new LinkedBlockingQueue<>();
            BlockingQueue<Optional<String>> lost = new LinkedBlockingQueue<>();
            try (StoreChanges watching = StoreChanges.watch(alice, told::add, sentence -> lost.add(Optional.ofNullable(sentence))).orElseThrow()) {
                TestDatabases.awaitListening(team.location.server());
                try (Connection c = team.sql(); Statement st = c.createStatement()) {
                    st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND query = 'LISTEN " + StoreChanges.CHANNEL + "'");
                }
                String sentence = lost.poll(WAIT_SECONDS, TimeUnit.SECONDS).orElseThrow();
                assertTrue(sentence.startsWith("Changes of others are not shown while postgresql://"), sentence);
                assertEquals(Optional.empty(), lost.poll(WAIT_SECONDS, TimeUnit.SECONDS), "back again");
                assertEquals(StoreChanges.Change.UNKNOWN, told.poll(WAIT_SECONDS, TimeUnit.SECONDS), "whatever changed meanwhile is looked for");
            }
        }
    }

    /**
     * Review (0037): anyone who can connect may send NOTIFYs on the channel, thousands in one statement. Each was told to
     * the console on its own (a task for its FX thread each); what arrives together is told as one look at the log.
     */
    @Test
    void aBurstOfNotificationsIsToldAsOneLookNotOneEach() throws Exception {
        try (TeamStores team = TeamStores.create(tmp); Store alice = team.open("alice"); Store bob = team.open("bob")) {
            BlockingQueue<StoreChanges.Change> told = new LinkedBlockingQueue<>();
            try (StoreChanges watching = StoreChanges.watch(alice, told::add, lost -> { }).orElseThrow()) {
                TestDatabases.awaitListening(team.location.server());
                try (Connection c = team.sql(); Statement st = c.createStatement()) {
                    st.execute("SELECT pg_notify('" + StoreChanges.CHANNEL + "', 'flood ' || g) FROM generate_series(1, 3000) g");
                }
                long seq = bob.write(tx -> tx.audit().append("space.created", "Payments", "by bob")).seq();
                List<StoreChanges.Change> calls = new java.util.ArrayList<>();
                for (StoreChanges.Change c = told.poll(WAIT_SECONDS, TimeUnit.SECONDS); c != null; c = told.poll(2, TimeUnit.SECONDS)) {
                    calls.add(c); // until the burst is over: nothing more for 2 s
                }
                assertTrue(calls.stream().anyMatch(c -> c.holds(seq)), "bob's change was never told");
                assertTrue(calls.size() <= 10, calls.size() + " calls for one burst of notifications and one change");
            }
        }
    }

    /**
     * Review (0037): a network cut (a cable, a VPN that drops, a NAT that forgets) sends nothing: the listener's poll saw
     * no notification and no error, forever, so the console said nothing while it showed no change of others. The
     * listener asks the server once in a while when it has heard nothing, and says so when no answer comes. The cut is
     * a proxy that stops passing bytes on without closing anything.
     */
    @Test
    void aListenerCutOffSilentlyByTheNetworkSaysSo() throws Exception {
        long before = StoreChanges.probeMillis;
        int beforeAnswer = StoreChanges.probeSeconds;
        StoreChanges.probeMillis = 1_000;
        StoreChanges.probeSeconds = 1; // the cut is total: a longer wait for the answer would only be waited out
        try (TeamStores team = TeamStores.create(tmp); FreezingProxy proxy = new FreezingProxy(team.location)) {
            team.open("first").close(); // makes the store
            StoreLocation viaProxy = proxy.location(tmp);
            try (Store alice = Store.open(viaProxy, new Fixtures.TickingClock(Fixtures.T0), "alice")) {
                BlockingQueue<Optional<String>> lost = new LinkedBlockingQueue<>();
                try (StoreChanges watching = StoreChanges.watch(alice, c -> { }, sentence -> lost.add(Optional.ofNullable(sentence))).orElseThrow()) {
                    TestDatabases.awaitListening(team.location.server());
                    proxy.frozen = true;
                    Optional<String> said = lost.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                    proxy.frozen = false;
                    assertNotNull(said, "a listener cut off by the network said nothing in " + WAIT_SECONDS + " s");
                    assertTrue(said.orElseThrow().startsWith("Changes of others are not shown while"), said.toString());
                }
            }
        } finally {
            StoreChanges.probeMillis = before;
            StoreChanges.probeSeconds = beforeAnswer;
            FreezingProxy.forgetPasswords();
        }
    }

    @Test
    void anEmbeddedStoreHasNoOtherWriterToWatch() {
        try (Store store = Store.open(Fixtures.location(tmp))) {
            assertTrue(StoreChanges.watch(store, seq -> { }, lost -> { }).isEmpty());
            assertNull(store.read(tx -> tx.audit().after(0, 10)).stream().findFirst().orElse(null));
            assertEquals(0L, (long) store.read(tx -> tx.audit().lastSeq()));
        }
    }
}
