package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import odcm.model.Refusal;
import org.junit.jupiter.api.Test;

/** A team store's address as a user writes it: what it names, and what it must never hold. */
class ServerAddressTest {
    @Test
    void anAddressNamesServerDatabaseUserAndTlsSettings() {
        ServerAddress a = ServerAddress.parse(" postgresql://alice@db.example.org:6543/odcm?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem ");
        assertEquals("db.example.org", a.host());
        assertEquals(6543, a.port());
        assertEquals("odcm", a.database());
        assertEquals("alice", a.user());
        assertEquals(Map.of("sslmode", "verify-full", "sslrootcert", "/etc/ssl/ca.pem"), a.options());
        assertEquals("jdbc:postgresql://db.example.org:6543/odcm", a.jdbcUrl());
        assertEquals("alice", a.properties().getProperty("user"));
        assertEquals("verify-full", a.properties().getProperty("sslmode"));
        assertEquals(null, a.properties().getProperty("password"));
        assertEquals(a, ServerAddress.parse(a.toString()), "what is shown reads back as the same address");
        ServerAddress defaults = ServerAddress.parse("postgresql://db/odcm");
        assertEquals(5432, defaults.port());
        assertEquals(System.getProperty("user.name"), defaults.user());
    }

    @Test
    void aPasswordInTheAddressIsRefusedWithoutBeingRepeated() {
        for (String withPassword : new String[] {"postgresql://alice:hunter2@db/odcm", "postgresql://alice@db/odcm?password=hunter2"}) {
            Refusal r = assertThrows(Refusal.class, () -> ServerAddress.parse(withPassword));
            assertTrue(r.getMessage().startsWith("A store address must not hold a password"), r.getMessage());
            assertFalse(r.getMessage().contains("hunter2"), r.getMessage());
        }
    }

    @Test
    void anAddressThatIsNotOneIsRefusedWithItsForm() {
        assertEquals("'postgresql://db' names no server and database. A team store's address has the form"
                + " postgresql://[user@]host[:port]/database.", assertThrows(Refusal.class, () -> ServerAddress.parse("postgresql://db")).getMessage());
        assertTrue(assertThrows(Refusal.class, () -> ServerAddress.parse("postgresql://db/a/b")).getMessage().contains("names no server and database"));
        assertEquals("The store address has the setting 'loggerFile', which ODCM Console does not know; it knows applicationName,"
                + " connectTimeout, sslcert, sslkey, sslmode, sslrootcert.",
                assertThrows(Refusal.class, () -> ServerAddress.parse("postgresql://db/odcm?loggerFile=/tmp/x")).getMessage());
    }

    @Test
    void aStoreNamedByAnAddressIsATeamStoreWithAFolderOfItsOwnOnThisMachine() {
        StoreLocation l = StoreLocation.resolve("postgresql://alice@db.example.org/odcm", Map.of("XDG_DATA_HOME", "/data"), "/home/alice");
        assertTrue(l.onServer());
        assertEquals("postgresql://alice@db.example.org:5432/odcm", l.describe());
        assertEquals(Path.of("/data/odcm/servers/db.example.org-5432-odcm-alice"), l.storeDir());
        StoreLocation fromVariable = StoreLocation.resolve(null, Map.of("ODCM_STORE", "postgresql://bob@db/odcm"), "/home/bob");
        assertEquals("postgresql://bob@db:5432/odcm", fromVariable.describe());
        assertFalse(StoreLocation.resolve("/srv/odcm", Map.of(), "/home/alice").onServer());
    }

    /**
     * Review (0035): the database name is percent-decoded and put into the driver's URL as it is, so an encoded '?' there
     * carries driver settings past the list of known ones, a password among them (and the address shows it).
     */
    @Test
    void anEncodedQueryInTheDatabaseNameCarriesNoSettingAndNoPasswordToTheDriver() throws Exception {
        String text = "postgresql://alice@db/odcm%3Fpassword%3Dhunter2%26loggerFile%3D%2Ftmp%2Fx";
        ServerAddress a;
        try {
            a = ServerAddress.parse(text);
        } catch (Refusal refused) {
            assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
            return; // refused: sound
        }
        java.util.Properties seen = org.postgresql.Driver.parseURL(a.jdbcUrl(), a.properties());
        assertEquals(null, seen.getProperty("password"), "a password reached the driver: " + a.jdbcUrl());
        assertEquals(null, seen.getProperty("loggerFile"), "an unknown setting reached the driver: " + a.jdbcUrl());
        assertFalse(a.toString().contains("hunter2"), "the address shows a password: " + a);
    }

    /**
     * Review (0035): a setting given twice was taken from its last occurrence, so an address (or an ODCM_STORE with a
     * setting appended by a script) that says sslmode=verify-full and later sslmode=disable connected without TLS, and
     * the address shown named only the second. A setting given twice, in any spelling, is refused.
     */
    @Test
    void aSettingGivenTwiceIsRefusedRatherThanTheLastOneTaken() {
        for (String twice : new String[] {"postgresql://db/odcm?sslmode=verify-full&sslmode=disable",
                "postgresql://db/odcm?sslmode=verify-full&ssl%6Dode=disable"}) {
            Refusal r = assertThrows(Refusal.class, () -> ServerAddress.parse(twice), twice);
            assertTrue(r.getMessage().contains("'sslmode' twice"), r.getMessage());
        }
    }

    /**
     * Review (0035): pgjdbc checks the server's certificate only for sslmode verify-ca and verify-full; with require (or
     * prefer, allow, or none) it ignores sslrootcert, unlike libpq, where require with a root certificate checks it. An
     * address naming a CA whose check the driver would skip (tried: sslmode=require with a CA that did not sign the
     * server's certificate connects) is refused with a sentence, not connected to a server nobody checked.
     */
    @Test
    void aRootCertificateThatTheDriverWouldNotCheckIsRefused() {
        for (String unchecked : new String[] {"postgresql://db/odcm?sslmode=require&sslrootcert=/etc/ssl/ca.pem",
                "postgresql://db/odcm?sslrootcert=/etc/ssl/ca.pem", "postgresql://db/odcm?sslmode=prefer&sslrootcert=/etc/ssl/ca.pem"}) {
            Refusal r = assertThrows(Refusal.class, () -> ServerAddress.parse(unchecked), unchecked);
            assertTrue(r.getMessage().contains("sslmode=verify-full"), r.getMessage());
        }
        assertEquals("verify-ca", ServerAddress.parse("postgresql://db/odcm?sslmode=verify-ca&sslrootcert=/ca.pem").options().get("sslmode"));
    }
}
