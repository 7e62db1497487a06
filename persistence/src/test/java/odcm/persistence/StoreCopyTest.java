package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.audit.AuditVerification;
import odcm.model.release.Release;
import odcm.model.space.Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `store copy`: an H2 store whole into an empty team store, and back into a new folder (decision 0035). */
class StoreCopyTest {
    @TempDir
    Path tmp;

    @Test
    void aStoreCopiedToATeamStoreAndBackIsTheSameStore() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            long projectId;
            Release release;
            List<String> spaces;
            int entries;
            StoreCopy.Copied there;
            try (Store h2 = Fixtures.open(tmp)) {
                ProjectsAndReleasesStoreTest.Setup s = ProjectsAndReleasesStoreTest.setUp(h2);
                projectId = s.project().id();
                release = ProjectsAndReleasesStoreTest.release(h2, s.project(), "1.0.0");
                h2.write(tx -> tx.spaces().updateDescription(s.dev().id(), 1, "changed once")); // its version is 2 (decision 0036)
                h2.write(tx -> tx.audit().append("test.entry", "before the copy", "one"));
                h2.write(tx -> tx.audit().append("test.entry", "before the copy", "two"));
                spaces = names(h2);
                entries = h2.read(tx -> tx.audit().list(null)).size();
                there = StoreCopy.copy(h2, team.location);
                assertEquals(entries + 1, there.auditEntries(), "every entry, and the one recording the copy");
                assertTrue(there.rows() > 10, there.sentence());
                Refusal again = assertThrows(Refusal.class, () -> StoreCopy.copy(h2, team.location));
                assertTrue(again.getMessage().startsWith("The store " + team.location.describe() + " is not empty"), again.getMessage());
            }
            StoreLocation back = new StoreLocation(tmp.resolve("back"), tmp.resolve("keys"));
            try (Store pg = team.open("bob")) {
                assertSameStore(pg, projectId, release, spaces);
                Fixtures.local(pg, "New Space"); // its id comes after the copied ones: no clash
                assertEquals(spaces.size() + 1, names(pg).size());
                StoreCopy.Copied home = StoreCopy.copy(pg, back);
                // and the entry saying the state of trusts and certificates after the new space, which no entry followed (0038, "Freshness")
                assertEquals(there.auditEntries() + 2, home.auditEntries());
            }
            try (Store h2 = Store.open(back, new Fixtures.TickingClock(Fixtures.T0), "carol")) {
                assertSameStore(h2, projectId, release, concat(spaces, "New Space"));
                Fixtures.local(h2, "Newer Space");
                assertEquals(spaces.size() + 2, names(h2).size());
            }
        }
    }

    @Test
    void aCopyIntoAFolderThatHoldsAStoreIsRefused() throws Exception {
        try (Store h2 = Fixtures.open(tmp)) {
            Refusal r = assertThrows(Refusal.class, () -> StoreCopy.copy(h2, h2.location()));
            assertEquals("A store cannot be copied onto itself; name another folder or team store with --to.", r.getMessage());
            StoreLocation other = new StoreLocation(tmp.resolve("other"), tmp.resolve("keys"));
            try (Store existing = Store.open(other, new Fixtures.TickingClock(Fixtures.T0), "bob")) {
                existing.storeId();
            }
            r = assertThrows(Refusal.class, () -> StoreCopy.copy(h2, other));
            assertEquals("The folder " + other.storeDir() + " already holds a store; copy into a new folder, or an empty database.", r.getMessage());
        }
    }

    private static void assertSameStore(Store store, long projectId, Release release, List<String> spaces) {
        assertEquals(new java.util.TreeSet<>(spaces), new java.util.TreeSet<>(names(store)));
        assertEquals(2, store.read(tx -> tx.spaces().findByName("DevTest Space")).orElseThrow().version(), "versions are copied too");
        assertEquals(1, store.read(tx -> tx.projects().findById(projectId)).orElseThrow().version());
        assertEquals(release, store.read(tx -> tx.releases().find(projectId, "1.0.0")).orElseThrow(), "its seal and hash hold on the copy");
        AuditVerification v = store.read(tx -> tx.audit().verify());
        assertTrue(v instanceof AuditVerification.Intact, v.sentence());
    }

    private static List<String> names(Store store) {
        return store.read(tx -> tx.spaces().findAll()).stream().map(Space::name).toList();
    }

    private static List<String> concat(List<String> a, String b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.stream.Stream.of(b)).toList();
    }

    /**
     * Review (0035): a team store copied while another console changes it. Each table is read in a transaction of its own,
     * so the copy can hold rows whose audit entries it lacks (or entries of rows it lacks), and still verify intact.
     */
    @Test
    void aTeamStoreCopiedWhileAnotherConsoleWritesIsOneMomentOfIt() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            try (Store first = team.open("alice")) {
                Fixtures.local(first, "DevTest Space");
                first.write(tx -> tx.audit().append("test.entry", "first", "before"));
            }
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread writer = new Thread(() -> {
                try (Store other = team.open("bob")) {
                    for (int i = 0; !done.get() && i < 2000; i++) {
                        String name = "Space " + i;
                        other.write(tx -> {
                            tx.spaces().insertLocal(odcm.model.space.SpaceName.of(name), "local", Fixtures.cert(name), "EC", new byte[] {1});
                            return tx.audit().append("test.space", name, "one space, one entry");
                        });
                    }
                }
            });
            StoreLocation copyAt = new StoreLocation(tmp.resolve("copy"), tmp.resolve("keys"));
            try (Store source = team.open("alice")) {
                writer.start();
                Thread.sleep(300);
                StoreCopy.copy(source, copyAt);
            } finally {
                done.set(true);
                writer.join();
            }
            try (Store copy = Store.open(copyAt, new Fixtures.TickingClock(Fixtures.T0), "carol")) {
                long spaces = names(copy).stream().filter(n -> n.startsWith("Space ")).count();
                long entries = copy.read(tx -> tx.audit().list(null)).stream().filter(e -> e.action().equals("test.space")).count();
                assertEquals(entries, spaces, "spaces in the copy against the entries that record them");
            }
        }
    }
}
