package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.Secret;
import odcm.model.space.Space;
import odcm.model.space.SpaceName;
import odcm.persistence.space.NewCertificate;
import odcm.persistence.keys.KeyVault;
import odcm.persistence.keys.MasterKeyState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path tmp;

    @Test
    void opensNewStoreAndReopeningKeepsItsData() {
        String id;
        try (Store store = Fixtures.open(tmp)) {
            id = store.storeId();
            assertEquals(MasterKeyState.PRESENT, store.masterKeyState());
            Fixtures.local(store, "DevTest Space");
        }
        assertTrue(Files.exists(tmp.resolve("store/odcm.mv.db")));
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(id, store.storeId());
            assertEquals(MasterKeyState.PRESENT, store.masterKeyState());
            assertEquals(List.of("DevTest Space"), store.read(tx -> tx.spaces().findAll()).stream().map(Space::name).toList());
        }
    }

    @Test
    void masterKeyFileIsReadableByTheOwnerOnly() throws Exception {
        try (Store store = Fixtures.open(tmp)) {
            Path key = store.masterKeyFile();
            assertEquals(tmp.resolve("keys").resolve(store.storeId() + ".key"), key);
            assertEquals(32, Files.size(key));
            if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
            }
        }
    }

    @Test
    void secondOpenWhileOpenIsRefusedNamingTheStore() throws Exception {
        try (Store first = Fixtures.open(tmp)) {
            Refusal r = assertThrows(Refusal.class, () -> Fixtures.open(tmp));
            String dir = first.location().storeDir().toString();
            assertEquals("The store at " + dir + " is in use by another ODCM Console or command (process "
                    + ProcessHandle.current().pid() + "); close it and try again.", r.getMessage());
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(first.location().lockFile()).strip());
            // the refused open must not have dropped the first one's lock
            Fixtures.local(first, "Still Mine");
            assertThrows(Refusal.class, () -> Fixtures.open(tmp));
        }
        try (Store again = Fixtures.open(tmp)) {
            assertEquals(1, again.read(tx -> tx.spaces().findAll()).size());
        }
    }

    @Test
    void storeWrittenByNewerSchemaIsRefusedAndLeftByteIdentical() throws Exception {
        StoreLocation loc = Fixtures.location(tmp);
        try (Store store = Fixtures.open(tmp)) {
            Fixtures.local(store, "DevTest Space");
        }
        try (Connection c = DriverManager.getConnection(Store.jdbcUrl(loc), "sa", ""); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                    + " \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (99, '999', 'from the future', 'SQL', 'V999__future.sql', 1, 'sa', 1, TRUE)");
        }
        String before = Fixtures.fileHash(loc.databaseFile());
        List<Path> filesBefore = listing(loc.storeDir());

        Refusal r = assertThrows(Refusal.class, () -> Fixtures.open(tmp));
        assertEquals("The store at " + loc.storeDir() + " was written by a newer ODCM Console (schema version 999;"
                + " this console knows up to " + Store.SCHEMA_VERSION + "). It was not changed.", r.getMessage());
        assertEquals(before, Fixtures.fileHash(loc.databaseFile()));
        assertEquals(filesBefore, listing(loc.storeDir()));
        // the refusal released the lock: trying again gives the same answer, not "in use"
        Refusal again = assertThrows(Refusal.class, () -> Fixtures.open(tmp));
        assertEquals(r.getMessage(), again.getMessage());
        assertEquals(before, Fixtures.fileHash(loc.databaseFile()));
    }

    @Test
    void fileThatIsNotAnH2DatabaseIsRefusedAndLeftUntouched() throws Exception {
        StoreLocation loc = Fixtures.location(tmp);
        Files.createDirectories(loc.storeDir());
        byte[] garbage = new byte[16384];
        new SecureRandom().nextBytes(garbage);
        Files.write(loc.databaseFile(), garbage);

        Refusal r = assertThrows(Refusal.class, () -> Fixtures.open(tmp));
        assertTrue(r.getMessage().startsWith("The file " + loc.databaseFile() + " is not an ODCM store ("), r.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(loc.databaseFile()));
        assertFalse(Files.exists(loc.keyDir()), "no master key is made for a store that was refused");
    }

    @Test
    void h2DatabaseOfSomethingElseIsRefusedAndLeftUntouched() throws Exception {
        StoreLocation loc = Fixtures.location(tmp);
        try (Connection c = DriverManager.getConnection(Store.jdbcUrl(loc), "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(10))");
        }
        String before = Fixtures.fileHash(loc.databaseFile());
        Refusal r = assertThrows(Refusal.class, () -> Fixtures.open(tmp));
        assertEquals("The file " + loc.databaseFile() + " is not an ODCM store (it is an H2 database of something else); it was not changed.",
                r.getMessage());
        assertEquals(before, Fixtures.fileHash(loc.databaseFile()));
    }

    @Test
    void missingMasterKeyIsToldAndNotReplacedButSpacesRemainListable() throws Exception {
        Path keyFile;
        try (Store store = Fixtures.open(tmp)) {
            keyFile = store.masterKeyFile();
            Fixtures.local(store, "DevTest Space");
        }
        Files.delete(keyFile);
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(MasterKeyState.MISSING, store.masterKeyState());
            assertEquals(1, store.read(tx -> tx.spaces().findAll()).size());
            Refusal r = assertThrows(Refusal.class, store::keyVault);
            assertEquals("The master key of this store is missing (expected at " + keyFile + "). Spaces, trusts and history can be read,"
                    + " but nothing can be changed and the private keys of local spaces cannot be used until the key file is restored from backup.",
                    r.getMessage());
        }
        assertFalse(Files.exists(keyFile), "a missing key is never silently replaced");
    }

    @Test
    void wrongMasterKeyIsTold() throws Exception {
        Path keyFile;
        try (Store store = Fixtures.open(tmp)) {
            keyFile = store.masterKeyFile();
        }
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        Files.write(keyFile, other);
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(MasterKeyState.WRONG, store.masterKeyState());
            Refusal r = assertThrows(Refusal.class, store::keyVault);
            assertTrue(r.getMessage().startsWith("The key file " + keyFile + " is not the master key of this store."), r.getMessage());
        }
        assertArrayEquals(other, Files.readAllBytes(keyFile), "a wrong key file is left as it is");
    }

    @Test
    void copyOfTheDatabaseFileAloneHoldsNoPrivateKeyInClear() throws Exception {
        byte[] privateKey = new byte[48];
        new SecureRandom().nextBytes(privateKey);
        byte[] sealed;
        byte[] masterKey;
        long spaceId;
        NewCertificate devCert = Fixtures.cert("DevTest");
        try (Store store = Fixtures.open(tmp)) {
            masterKey = Files.readAllBytes(store.masterKeyFile());
            spaceId = store.write(tx -> {
                Space s = tx.spaces().insertRemote(SpaceName.of("placeholder"), "", Fixtures.cert("placeholder"));
                return s.id();
            });
            // seal under the context of the certificate the key belongs to
            sealed = store.keyVault().seal(new Secret(privateKey), store.spaceKeyContext(devCert.info().fingerprint()));
            Space local = store.write(tx -> tx.spaces().insertLocal(SpaceName.of("DevTest Space"), "", devCert, "EC", sealed));
            assertEquals(spaceId + 1, local.id());
        }
        byte[] db = Files.readAllBytes(tmp.resolve("store/odcm.mv.db"));
        assertTrue(indexOf(db, sealed) >= 0, "the search does find what the store holds (sealed form)");
        assertTrue(indexOf(db, privateKey) < 0, "private key bytes in clear");
        assertTrue(indexOf(db, masterKey) < 0, "master key bytes");

        try (Store store = Fixtures.open(tmp)) {
            byte[] stored = store.read(tx -> tx.spaces().sealedPrivateKey(spaceId + 1)).orElseThrow();
            try (Secret opened = store.keyVault().open(stored, store.spaceKeyContext(devCert.info().fingerprint()))) {
                assertArrayEquals(privateKey, opened.reveal());
            }
            assertThrows(Refusal.class, () -> store.keyVault().open(stored, store.spaceKeyContext(Fixtures.cert("other").info().fingerprint())));
        }
    }

    @Test
    void keyVaultRefusesAlteredBytesAndOtherContexts() {
        try (Store store = Fixtures.open(tmp)) {
            KeyVault vault = store.keyVault();
            byte[] sealed = vault.seal(new Secret(new byte[] {9, 8, 7, 6}), "space-key:x:1");
            assertEquals(1 + 12 + 4 + 16, sealed.length);
            assertArrayEquals(new byte[] {9, 8, 7, 6}, vault.open(sealed, "space-key:x:1").reveal());
            assertNotEquals(java.util.HexFormat.of().formatHex(sealed),
                    java.util.HexFormat.of().formatHex(vault.seal(new Secret(new byte[] {9, 8, 7, 6}), "space-key:x:1")), "fresh nonce each time");

            byte[] altered = sealed.clone();
            altered[altered.length - 1] ^= 1;
            Refusal r = assertThrows(Refusal.class, () -> vault.open(altered, "space-key:x:1"));
            assertEquals("A sealed private key could not be opened: it was altered, or it belongs to another space or store.", r.getMessage());
            assertThrows(Refusal.class, () -> vault.open(sealed, "space-key:x:2"));
            assertThrows(Refusal.class, () -> vault.open(new byte[] {1, 2}, "space-key:x:1"));
        }
    }

    private static List<Path> listing(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(Path::getFileName).sorted().toList();
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void repeatedOpenAndCloseLeavesNoH2TraceFile() {
        // The store never lets H2 write a trace file (docs/decisions/0018); here it may, so an internal error would show.
        System.setProperty(Store.H2_TRACE_FOR_TESTS, "true");
        try {
            for (int i = 0; i < 8; i++) {
                try (Store store = Fixtures.open(tmp)) {
                    Fixtures.remote(store, "Space " + i);
                }
            }
        } finally {
            System.clearProperty(Store.H2_TRACE_FOR_TESTS);
        }
        assertFalse(Files.exists(tmp.resolve("store/odcm.trace.db")), "H2 logged an internal error; see docs/decisions/0006");
    }

    @Test
    void aStoreWhoseCreationWasInterruptedIsBuiltAgain() throws Exception {
        // What a crash during the first migration leaves: a staging folder with a half-made database, no store file.
        Path staging = Files.createDirectories(tmp.resolve("store/.creating"));
        Files.write(staging.resolve("odcm.mv.db"), new byte[] {1, 2, 3});
        try (Store store = Fixtures.open(tmp)) {
            Fixtures.remote(store, "After The Crash");
        }
        assertFalse(Files.exists(staging), "the staging folder is cleared");
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(1, store.read(tx -> tx.spaces().findAll()).size());
        }
    }
}
